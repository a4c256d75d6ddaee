/**
 * The labelled articles that measure how far a reader can trust a brief, and the arithmetic shared
 * by the tests and `bench/brief-quality.ts`.
 *
 * Each file under `test/fixtures/articles/quality/{dev,holdout}/` is an article as a news site
 * publishes it (HTML with figures, side boxes, scripts, "read more" lines, sign-offs), written for
 * kabar, under a comment that labels it:
 *
 * ```
 * <!--
 * language: en
 * title: <the title as a feed carries it, entities and tags included>
 * clean-title: <the same title as a reader should see it>
 * facts: <key fact> | <key fact> ...          (text a brief should keep, in priority of none)
 * furniture: <snippet> | <snippet> ...        (text of page furniture that must never reach a brief)
 * leadins: <lead-in sentence> => <start of what it announces> | ...
 * -->
 * ```
 *
 * The hold-out part was written before the condenser was tuned, and is never tuned on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Article } from '../../../src/core/article.js';
import { normalizeFeed } from '../../../src/core/articles/normalize-feed.js';
import { condense } from '../../../src/core/briefs/condense.js';
import { hasBalancedQuotations } from '../../../src/core/briefs/quotation-marks.js';

/** One labelled article. */
export interface QualityArticle {
  name: string;
  language: string;
  /** As the feed carries it. */
  title: string;
  cleanTitle: string;
  html: string;
  facts: string[];
  furniture: string[];
  leadIns: { leadIn: string; follower: string }[];
}

/** Which part of the set: tuned on, or held out. */
export type QualityPart = 'dev' | 'holdout';

const ROOT = new URL('../../fixtures/articles/quality/', import.meta.url);
const HEADER = /^<!--\n([\s\S]*?)\n-->\n/;

/** Reads every labelled article of `part`, in file-name order. */
export function loadQualitySet(part: QualityPart): QualityArticle[] {
  const folder = new URL(`${part}/`, ROOT);
  return readdirSync(folder)
    .filter((file) => file.endsWith('.html'))
    .sort()
    .map((file) => parseArticle(file.replace(/\.html$/, ''), readFileSync(new URL(file, folder), 'utf8')));
}

function parseArticle(name: string, source: string): QualityArticle {
  const header = HEADER.exec(source);
  if (header === null) throw new Error(`${name}: no label comment at the top`);
  const labels = new Map<string, string>();
  for (const line of (header[1] ?? '').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) labels.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const list = (key: string): string[] =>
    (labels.get(key) ?? '').split(' | ').map((item) => item.trim()).filter((item) => item !== '');
  const required = (key: string): string => {
    const value = labels.get(key);
    if (value === undefined || value === '') throw new Error(`${name}: no "${key}" label`);
    return value;
  };
  return {
    name,
    language: required('language'),
    title: required('title'),
    cleanTitle: required('clean-title'),
    html: source.slice(header[0].length),
    facts: list('facts'),
    furniture: list('furniture'),
    leadIns: list('leadins').map((item) => {
      const [leadIn = '', follower = ''] = item.split(' => ');
      return { leadIn: leadIn.trim(), follower: follower.trim() };
    }),
  };
}

/** The article as kabar reads it from a feed: normalized from an item carrying the raw title and HTML. */
export function articleFromFeed(item: QualityArticle): Article {
  const [article] = normalizeFeed(
    {
      format: 'rss',
      items: [
        { guid: `urn:kabar:${item.name}`, link: `https://news.example/${item.name}`, title: item.title, content: item.html, language: item.language },
      ],
    },
    'https://news.example/feed.xml',
  );
  if (article === undefined) throw new Error(`${item.name}: normalizeFeed kept nothing`);
  return article;
}

/** How one brief fares against its labels. */
export interface BriefCheck {
  name: string;
  balancedQuotes: boolean;
  factsKept: string[];
  factsLost: string[];
  furnitureLeft: string[];
  furnitureCount: number;
  /** The title normalized from the feed reads as the clean title. */
  cleanFeedTitle: boolean;
  /** The title passed raw to the condenser, as `kabar brief` does, reads as the clean title. */
  cleanRawTitle: boolean;
  /** Lead-ins kept without what they announce. */
  danglingLeadIns: string[];
  leadInCount: number;
}

/** Condenses `item` within `budgetChars` and checks the brief against its labels. */
export function checkBrief(item: QualityArticle, budgetChars: number): BriefCheck {
  const article = articleFromFeed(item);
  const { title, paragraphs } = condense(article, { budgetChars });
  const rawTitle = condense({ ...article, title: item.title }, { budgetChars }).title;
  const body = paragraphs.join('\n');
  const brief = `${title}\n${body}`;
  return {
    name: item.name,
    balancedQuotes: hasBalancedQuotations(paragraphs),
    factsKept: item.facts.filter((fact) => body.includes(fact)),
    factsLost: item.facts.filter((fact) => !body.includes(fact)),
    furnitureLeft: item.furniture.filter((snippet) => brief.includes(snippet)),
    furnitureCount: item.furniture.length,
    cleanFeedTitle: title === item.cleanTitle,
    cleanRawTitle: rawTitle === item.cleanTitle,
    danglingLeadIns: item.leadIns
      .filter(({ leadIn, follower }) => body.includes(leadIn) && !body.includes(follower))
      .map(({ leadIn }) => leadIn),
    leadInCount: item.leadIns.length,
  };
}

/** The figures over a set of briefs, each a share from 0 to 1 with its counts. */
export interface BriefQuality {
  briefs: number;
  balancedQuotes: [number, number];
  factsKept: [number, number];
  furnitureRemoved: [number, number];
  cleanFeedTitles: [number, number];
  cleanRawTitles: [number, number];
  leadInsWithFollower: [number, number];
}

/** Checks every article of `items` at `budgetChars` and sums the figures. */
export function measureBriefQuality(items: readonly QualityArticle[], budgetChars: number): { quality: BriefQuality; checks: BriefCheck[] } {
  const checks = items.map((item) => checkBrief(item, budgetChars));
  const sum = (pick: (check: BriefCheck) => number): number => checks.reduce((total, check) => total + pick(check), 0);
  return {
    checks,
    quality: {
      briefs: checks.length,
      balancedQuotes: [sum((c) => (c.balancedQuotes ? 1 : 0)), checks.length],
      factsKept: [sum((c) => c.factsKept.length), sum((c) => c.factsKept.length + c.factsLost.length)],
      furnitureRemoved: [sum((c) => c.furnitureCount - c.furnitureLeft.length), sum((c) => c.furnitureCount)],
      cleanFeedTitles: [sum((c) => (c.cleanFeedTitle ? 1 : 0)), checks.length],
      cleanRawTitles: [sum((c) => (c.cleanRawTitle ? 1 : 0)), checks.length],
      leadInsWithFollower: [sum((c) => c.leadInCount - c.danglingLeadIns.length), sum((c) => c.leadInCount)],
    },
  };
}

/** `kept/total (pct%)`; an empty total reads as 100%. */
export function formatShare([kept, total]: [number, number]): string {
  const pct = total === 0 ? 100 : (100 * kept) / total;
  return `${kept}/${total} (${pct.toFixed(0)}%)`;
}
