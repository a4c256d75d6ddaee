import { describe, expect, it } from 'vitest';
import { buildFeedItem, languageTag, type FeedItemFields } from '../../../src/adapters/feeds/feed-item.js';

const none: FeedItemFields = {
  guid: undefined, atomId: undefined, link: undefined, title: undefined, summary: undefined, content: undefined, publishedAt: undefined, language: undefined,
};

describe('languageTag', () => {
  it('writes tags in BCP 47 form and keeps what is not tag-shaped as written', () => {
    expect(languageTag(' en_US ')).toBe('en-US');
    expect(languageTag('EN-us')).toBe('en-US');
    expect(languageTag('zh_hant_tw')).toBe('zh-Hant-TW');
    expect(languageTag('es-419')).toBe('es-419');
    expect(languageTag('Bahasa Indonesia')).toBe('Bahasa Indonesia');
    expect(languageTag('  ')).toBeUndefined();
    expect(languageTag(42)).toBeUndefined();
  });
});

describe('buildFeedItem', () => {
  it('drops an item with nothing to identify or show', () => {
    expect(buildFeedItem(none)).toBeUndefined();
  });

  it('gives an item with only text a guid derived from that text', () => {
    const a = buildFeedItem({ ...none, summary: 'The harbour closes at noon.' });
    const b = buildFeedItem({ ...none, summary: 'The harbour closes at noon.' });
    const c = buildFeedItem({ ...none, summary: 'The harbour closes at one.' });
    expect(a?.guid).toMatch(/^content-sha256-[0-9a-f]{32}$/);
    expect(b?.guid).toBe(a?.guid);
    expect(c?.guid).not.toBe(a?.guid);
    // An item that has a link or a title is identified by those, as before.
    expect(buildFeedItem({ ...none, title: 'T', summary: 'x' })?.guid).toBeUndefined();
  });
});
