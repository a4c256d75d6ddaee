import { describe, expect, it } from 'vitest';
import { embedLength, renderDiscordBrief, type DiscordMessagePart } from '../../../src/adapters/discord/render-discord-brief.js';
import type { Brief } from '../../../src/core/briefs/brief.js';
import { visibleText } from '../../fakes/discord/fake-discord.js';

const URL = 'https://www.thenationalnews.com/news/us/2025/11/06/kazakhstan-abraham-accords/?utm_source=feed&x=1';

function brief(extra: Partial<Brief> = {}): Brief {
  return {
    articleId: 'a1',
    topics: ['abraham-accords', 'central-asia'],
    language: 'id',
    title: 'Kazakhstan siap bergabung dengan Abraham Accords',
    paragraphs: ['Paragraf pertama.', 'Paragraf kedua.'],
    url: URL,
    greeting: 'As-salamu alaykum',
    closing: 'Semoga Allah membimbing para pemimpin.',
    ...extra,
  };
}

// Sentences of varied length, so that cuts do not fall on a lucky boundary.
const sentence = (n: number): string => `Kalimat ${n} tentang perjanjian${' dan kerja sama'.repeat(n % 5)} itu, angka ${n * 7}.`;
const paragraphs = (count: number, perParagraph: number): string[] =>
  Array.from({ length: count }, (_, p) => Array.from({ length: perParagraph }, (_, s) => sentence(p * perParagraph + s)).join(' '));

function everySentenceInOrder(text: string, count: number): void {
  let from = 0;
  for (let n = 0; n < count; n++) {
    const at = text.indexOf(sentence(n), from);
    expect(at, `sentence ${n}`).toBeGreaterThanOrEqual(from);
    from = at + sentence(n).length;
  }
}

function expectWithinLimits(parts: readonly DiscordMessagePart[]): void {
  for (const part of parts) {
    expect((part.content ?? '').length).toBeLessThanOrEqual(2000);
    expect((part.embeds ?? []).length).toBeLessThanOrEqual(10);
    expect((part.embeds ?? []).reduce((sum, embed) => sum + embedLength(embed), 0)).toBeLessThanOrEqual(6000);
    for (const embed of part.embeds ?? []) {
      expect((embed.description ?? '').length).toBeLessThanOrEqual(4096);
      expect((embed.title ?? '').length).toBeLessThanOrEqual(256);
    }
  }
}

describe('renderDiscordBrief as embeds', () => {
  it('puts a short brief in one embed: linked title, greeting line, paragraphs, closing, URL last, footer with host and topics', () => {
    const parts = renderDiscordBrief(brief());
    expect(parts).toHaveLength(1);
    const [embed] = parts[0]?.embeds ?? [];
    expect(embed?.title).toBe('Kazakhstan siap bergabung dengan Abraham Accords');
    expect(embed?.url).toBe(URL);
    expect(embed?.description).toBe(
      `As-salamu alaykum - Paragraf pertama.\n\nParagraf kedua.\n\nSemoga Allah membimbing para pemimpin.\n\n${URL}`,
    );
    expect(embed?.footer?.text).toBe('thenationalnews.com · abraham-accords, central-asia');
    expect(parts[0]?.content).toBeUndefined();
  });

  it('leaves out greeting, closing and note when the brief has none, and shows the note when it has one', () => {
    const { greeting: _greeting, closing: _closing, ...bare } = brief({ paragraphs: ['Satu.'] });
    const [plain] = renderDiscordBrief(bare);
    expect(plain?.embeds?.[0]?.description).toBe(`Satu.\n\n${URL}`);
    const [noted] = renderDiscordBrief(brief({ note: 'Terjemahan tidak tersedia.' }));
    expect(noted?.embeds?.[0]?.description).toContain('Semoga Allah membimbing para pemimpin.\n\nTerjemahan tidak tersedia.\n\nhttps://');
  });

  it('splits a long brief under 4,096 per description and 6,000 per message, in order, every sentence once, URL whole in the last embed', () => {
    const long = brief({ paragraphs: paragraphs(60, 5) });
    const parts = renderDiscordBrief(long);
    expect(parts.length).toBeGreaterThan(1);
    expectWithinLimits(parts);
    const embeds = parts.flatMap((part) => part.embeds ?? []);
    const descriptions = embeds.map((embed) => embed.description ?? '');
    everySentenceInOrder(descriptions.join('\n'), 300);
    for (let n = 0; n < 300; n++) expect(descriptions.join('\n').split(sentence(n)).length - 1, `sentence ${n} once`).toBe(1);
    expect(descriptions.at(-1)?.endsWith(URL)).toBe(true);
    expect(embeds[0]?.title).toBeDefined();
    expect(embeds.slice(1).every((embed) => embed.title === undefined)).toBe(true);
    expect(embeds.slice(0, -1).every((embed) => embed.footer === undefined)).toBe(true);
    expect(embeds.at(-1)?.footer?.text).toContain('thenationalnews.com');
    // Cut at paragraph or sentence ends: no description but the last stops mid-sentence.
    for (const description of descriptions.slice(0, -1)) expect(description).toMatch(/[.!?]$/);
  });

  it('packs two descriptions into one message when they fit 6,000 together', () => {
    // About 5,000 characters: too long for one description, short enough for one message.
    const parts = renderDiscordBrief(brief({ paragraphs: paragraphs(12, 5) }));
    const length = parts.flatMap((part) => part.embeds ?? []).reduce((sum, embed) => sum + embedLength(embed), 0);
    expect(length).toBeGreaterThan(4096);
    expect(length).toBeLessThanOrEqual(6000);
    expect(parts).toHaveLength(1);
    expect(parts[0]?.embeds).toHaveLength(2);
  });

  it('shortens a title past 256 characters at a word, with an ellipsis', () => {
    const [part] = renderDiscordBrief(brief({ title: 'Judul yang sangat panjang '.repeat(20) }));
    const title = part?.embeds?.[0]?.title ?? '';
    expect(title.length).toBeLessThanOrEqual(256);
    expect(title.endsWith('panjang…') || title.endsWith('sangat…') || title.endsWith('yang…') || title.endsWith('Judul…')).toBe(true);
  });

  it('keeps feed text inert: no mentions, no masked links, no markdown, and only an http(s) URL becomes the title link', () => {
    const hostile = brief({
      title: '**Breaking** @everyone',
      paragraphs: ['Read [the official site](https://evil.example/phish) now <@123> <@&456> <#789> @here', '# Heading\n- list'],
      url: 'javascript:alert(1)',
    });
    const [part] = renderDiscordBrief(hostile);
    const embed = part?.embeds?.[0];
    expect(embed?.url).toBeUndefined();
    const raw = `${embed?.title}\n${embed?.description}`;
    expect(raw).not.toMatch(/(^|[^\\])@(everyone|here)/);
    expect(raw).not.toMatch(/<@&?\d+>|<#\d+>/);
    expect(raw).not.toMatch(/(^|[^\\])\[the official site\]\(/);
    expect(raw).not.toMatch(/(^|[^\\])\*\*Breaking/);
    // What a reader sees is the text as the feed wrote it.
    const seen = visibleText(part ?? {});
    expect(seen).toContain('**Breaking** @everyone');
    expect(seen).toContain('[the official site](https://evil.example/phish)');
    expect(seen).toContain('<@123> <@&456> <#789> @here');
  });

  it('escapes every masked link of a line, not only the first', () => {
    const url = 'https://news.example/a';
    const [part] = renderDiscordBrief(brief({ paragraphs: ['[a](https://evil.example/1) and [b](https://evil.example/2) [c](http://evil.example/3)'], url }), 'text');
    const content = part?.content ?? '';
    expect(content).not.toMatch(/(^|[^\\])\[[abc]\]\(/);
    expect(visibleText(part ?? {})).toContain('[a](https://evil.example/1) and [b](https://evil.example/2) [c](http://evil.example/3)');
  });

  it('is deterministic', () => {
    const long = brief({ paragraphs: paragraphs(40, 6) });
    expect(renderDiscordBrief(long)).toEqual(renderDiscordBrief(long));
  });
});

describe('renderDiscordBrief as text', () => {
  it('writes the reference shape: title - greeting, greeting - first paragraph, paragraphs, closing, URL', () => {
    const [part] = renderDiscordBrief(brief(), 'text');
    expect(part?.content).toBe(
      [
        'Kazakhstan siap bergabung dengan Abraham Accords - As-salamu alaykum',
        'As-salamu alaykum - Paragraf pertama.',
        'Paragraf kedua.',
        'Semoga Allah membimbing para pemimpin.',
        URL,
      ].join('\n'),
    );
    expect(part?.embeds).toBeUndefined();
  });

  it('splits under 2,000 characters a message at paragraph then sentence ends, the URL whole and last', () => {
    const parts = renderDiscordBrief(brief({ paragraphs: paragraphs(30, 6), url: `${URL}&${'q'.repeat(300)}` }), 'text');
    expect(parts.length).toBeGreaterThan(5);
    expectWithinLimits(parts);
    const contents = parts.map((part) => part.content ?? '');
    everySentenceInOrder(contents.join('\n'), 180);
    expect(contents.at(-1)?.endsWith(`${URL}&${'q'.repeat(300)}`)).toBe(true);
    for (const content of contents.slice(0, -1)) expect(content).toMatch(/[.!?]$/);
  });

  it('escapes mentions and masked links in plain text too, but not the URL', () => {
    const url = 'https://example.com/a_b_c/*x*';
    const [part] = renderDiscordBrief(brief({ paragraphs: ['@everyone [x](javascript:alert(1)) _y_'], url }), 'text');
    const content = part?.content ?? '';
    expect(content).toContain('\\@everyone');
    expect(content).toContain('\\[x](javascript:alert(1))');
    expect(content).toContain('\\_y\\_');
    expect(content.split('\n').at(-1)).toBe(url);
  });
});
