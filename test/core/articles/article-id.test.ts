import { describe, expect, it } from 'vitest';
import { ARTICLE_ID_LENGTH, articleIdFor, articleSourceKey } from '../../../src/core/articles/article-id.js';

const FEED = 'https://www.example.com/feed';

describe('articleIdFor', () => {
  it('is fixed-length, job-id safe, and stable', () => {
    for (const key of ['', 'id:x', 'id:https://example.com/a?b=c:d', '😀'.repeat(1000)]) {
      const id = articleIdFor(key);
      expect(id).toHaveLength(ARTICLE_ID_LENGTH);
      expect(id).toMatch(/^a[A-Za-z0-9_-]+$/);
      expect(articleIdFor(key)).toBe(id);
    }
    expect(articleIdFor('id:a')).not.toBe(articleIdFor('id:b'));
  });
});

describe('articleSourceKey', () => {
  it('prefers guid, then Atom id, then link, then title and date', () => {
    const all = { guid: 'urn:g', atomId: 'tag:a', link: 'https://x/l', title: 'T', publishedAt: 5 };
    expect(articleSourceKey(all, FEED)).toBe('id:urn:g');
    expect(articleSourceKey({ ...all, guid: ' ' }, FEED)).toBe('id:tag:a');
    expect(articleSourceKey({ link: 'https://x/l', title: 'T' }, FEED)).toBe('link:https://x/l');
    expect(articleSourceKey({ title: 'T', publishedAt: 5 }, FEED)).toBe('title:www.example.com/T\n5');
    expect(articleSourceKey({ title: '' }, FEED)).toBeUndefined();
  });

  it('scopes bare identifiers to the feed host, not URIs', () => {
    expect(articleSourceKey({ guid: '12345', title: '' }, FEED)).toBe('id:www.example.com/12345');
    expect(articleSourceKey({ guid: '12345', title: '' }, 'https://other.org/rss')).not.toBe(
      articleSourceKey({ guid: '12345', title: '' }, FEED),
    );
    expect(articleSourceKey({ guid: 'https://x.com/?p=1', title: '' }, FEED)).toBe('id:https://x.com/?p=1');
  });
});
