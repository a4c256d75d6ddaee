import { describe, expect, it } from 'vitest';
import { canonicalizeUrl } from '../../../src/core/articles/canonical-url.js';

describe('canonicalizeUrl', () => {
  it('drops utm_*, click ids and the fragment, keeping every other parameter as written', () => {
    expect(
      canonicalizeUrl('https://example.com/a/b?utm_source=rss&id=7&UTM_Medium=x&fbclid=1&q=a%20b+c&gclid=2&mc_cid=3&mc_eid=4&flag#section'),
    ).toBe('https://example.com/a/b?id=7&q=a%20b+c&flag');
  });

  it('removes the question mark when nothing is left', () => {
    expect(canonicalizeUrl('https://example.com/a?utm_campaign=x&fbclid=y')).toBe('https://example.com/a');
  });

  it('lower-cases the host but not the path or query', () => {
    expect(canonicalizeUrl('HTTPS://WWW.TheNationalNews.COM/News/US/?Id=AbC')).toBe('https://www.thenationalnews.com/News/US/?Id=AbC');
  });

  it('resolves relative links against the feed URL', () => {
    const feed = 'https://www.thenationalnews.com/rss/news.xml';
    expect(canonicalizeUrl('/news/us/2025/11/06/kazakhstan-abraham-accords/', feed)).toBe(
      'https://www.thenationalnews.com/news/us/2025/11/06/kazakhstan-abraham-accords/',
    );
    expect(canonicalizeUrl('item.html?utm_source=x', feed)).toBe('https://www.thenationalnews.com/rss/item.html');
    expect(canonicalizeUrl('//cdn.example.com/x', feed)).toBe('https://cdn.example.com/x');
  });

  it('keeps a hash-bang fragment, the address on such sites', () => {
    expect(canonicalizeUrl('https://example.com/#!/story/42')).toBe('https://example.com/#!/story/42');
  });

  it('keeps ports that matter and drops credentials', () => {
    expect(canonicalizeUrl('http://user:pw@example.com:8080/a')).toBe('http://example.com:8080/a');
    expect(canonicalizeUrl('https://example.com:443/a')).toBe('https://example.com/a');
  });

  it('keeps a parameter merely containing a tracking name, and malformed escapes', () => {
    expect(canonicalizeUrl('https://example.com/?not_utm_x=1&fbclidx=2&%E0%A4%A=3')).toBe(
      'https://example.com/?not_utm_x=1&fbclidx=2&%E0%A4%A=3',
    );
  });

  it('rejects what is not an http(s) link', () => {
    expect(canonicalizeUrl('')).toBeUndefined();
    expect(canonicalizeUrl('   ')).toBeUndefined();
    expect(canonicalizeUrl('javascript:alert(1)')).toBeUndefined();
    expect(canonicalizeUrl('mailto:a@b.c')).toBeUndefined();
    expect(canonicalizeUrl('/relative/without/base')).toBeUndefined();
    expect(canonicalizeUrl('http://')).toBeUndefined();
  });
});
