import { describe, expect, it } from 'vitest';
import { feedUrlProblem } from '../../../src/core/feeds/feed-url.js';

describe('feedUrlProblem', () => {
  it('accepts http and https feeds', () => {
    expect(feedUrlProblem(new URL('https://news.example/rss?x=1'))).toBeUndefined();
    expect(feedUrlProblem(new URL('http://news.example/feed.xml'))).toBeUndefined();
  });

  it.each([
    ['ftp://news.example/rss', /^ftp URL refused; feeds must be http or https$/],
    ['file:///etc/passwd', /^file URL refused/],
    ['https://user:secret@news.example/rss', /credentials \(user:password@\) refused/],
    ['https://user@news.example/rss', /credentials/],
  ])('refuses %s', (raw, problem) => {
    expect(feedUrlProblem(new URL(raw))).toMatch(problem);
  });

  it('never repeats a password in its answer', () => {
    expect(feedUrlProblem(new URL('https://user:hunter2@news.example/rss'))).not.toContain('hunter2');
  });
});
