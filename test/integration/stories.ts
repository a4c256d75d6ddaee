/**
 * The news stories the integration tests and the benchmarks serve as RSS items. Free of vitest,
 * so that `bench/` can use them too.
 */
import type { RssItem } from '../fakes/feed-server.js';

/** A news story that matches the shipped `abraham-accords` topic, as an RSS item. */
export interface Story extends RssItem {
  title: string;
  link: string;
  /** The paragraphs its description holds, as plain text. */
  paragraphs: string[];
}

/** A matching story; `slug` makes its guid, title and link distinct. */
export function accordsStory(slug: string, overrides: Partial<Story> = {}): Story {
  const paragraphs = overrides.paragraphs ?? [
    `Kazakhstan will join the Abraham Accords, officials said on Thursday (${slug}).`,
    'The foreign ministers of both countries met in Washington to sign the agreement.',
    'Analysts said the move was largely symbolic, since Kazakhstan and Israel already have full diplomatic relations.',
  ];
  return {
    guid: `tag:news.example,2025:${slug}`,
    title: `Kazakhstan joins the Abraham Accords in ${slug}`,
    link: `https://news.example/world/${slug}`,
    publishedAt: Date.now() - 60_000,
    ...overrides,
    paragraphs,
    description: paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join(''),
  };
}

/** A story that matches no topic. */
export function unrelatedStory(slug: string): Story {
  const paragraphs = [`The city council voted on a new bus timetable for the spring (${slug}).`];
  return {
    guid: `tag:news.example,2025:${slug}`,
    title: `Council approves new bus timetable ${slug}`,
    link: `https://news.example/local/${slug}`,
    publishedAt: Date.now() - 60_000,
    paragraphs,
    description: `<p>${paragraphs[0]}</p>`,
  };
}
