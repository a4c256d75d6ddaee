import { describe, expect, it } from 'vitest';
import { isKabarError } from '../../../src/core/errors.js';
import { parseFeedUrl, resolveRedirect } from '../../../src/adapters/feeds/url-policy.js';

function failure(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('parseFeedUrl', () => {
  it('accepts http and https URLs', () => {
    expect(parseFeedUrl(' https://example.com/rss ').href).toBe('https://example.com/rss');
    expect(parseFeedUrl('http://example.com:8080/a?b=c').port).toBe('8080');
  });

  it.each([
    ['ftp://example.com/feed.xml', /ftp URL refused; feeds must be http or https/],
    ['file:///etc/passwd', /file URL refused/],
    ['gopher://example.com/', /gopher URL refused/],
    ['javascript:alert(1)', /javascript URL refused/],
    ['https://user:secret@example.com/rss', /credentials \(user:password@\) refused/],
    ['https://token@example.com/rss', /credentials/],
    ['not a url', /is not a valid URL/],
    ['', /is not a valid URL/],
  ])('refuses %s as a permanent bad-url', (raw, message) => {
    const error = failure(() => parseFeedUrl(raw));
    expect(isKabarError(error, 'permanent')).toBe(true);
    expect(error).toMatchObject({ code: 'bad-url', message: expect.stringMatching(message) });
  });

  it('never echoes credentials in the error message', () => {
    const error = failure(() => parseFeedUrl('https://user:secret@example.com/rss')) as Error;
    expect(error.message).not.toContain('secret');
  });
});

describe('resolveRedirect', () => {
  const https = new URL('https://a.example/feed');
  const http = new URL('http://a.example/feed');

  it('resolves relative and absolute locations', () => {
    expect(resolveRedirect(https, '/rss').href).toBe('https://a.example/rss');
    expect(resolveRedirect(https, 'rss2').href).toBe('https://a.example/rss2');
    expect(resolveRedirect(https, 'https://b.example/x').href).toBe('https://b.example/x');
    expect(resolveRedirect(https, '//c.example/y').href).toBe('https://c.example/y');
  });

  it('allows http -> https and http -> http, refuses https -> http', () => {
    expect(resolveRedirect(http, 'https://a.example/feed').protocol).toBe('https:');
    expect(resolveRedirect(http, 'http://b.example/feed').protocol).toBe('http:');
    const downgrade = failure(() => resolveRedirect(https, 'http://a.example/feed'));
    expect(downgrade).toMatchObject({ code: 'bad-url', kind: 'permanent' });
    expect((downgrade as Error).message).toMatch(/from https to plain http/);
  });

  it('refuses other schemes, credentials and missing locations', () => {
    expect(failure(() => resolveRedirect(https, 'file:///etc/passwd'))).toMatchObject({ code: 'bad-url' });
    expect(failure(() => resolveRedirect(http, 'ftp://a.example/'))).toMatchObject({ code: 'bad-url' });
    expect(failure(() => resolveRedirect(https, 'https://u:p@a.example/'))).toMatchObject({ code: 'bad-url' });
    expect(failure(() => resolveRedirect(https, undefined))).toMatchObject({ code: 'bad-url' });
    expect(failure(() => resolveRedirect(https, 'http://[::1'))).toMatchObject({ code: 'bad-url' });
  });
});
