/**
 * Poller messages rewritten for one-shot commands: nothing "will retry", and nobody is told to
 * remove a feed they may never have added.
 */
import { describe, expect, it } from 'vitest';
import { oneShotProblem } from '../../../src/app/feeds/one-shot-problem.js';

describe('oneShotProblem', () => {
  it('drops the poller\'s "will retry" in each of its spellings', () => {
    expect(oneShotProblem('network: 127.0.0.1:9 refused the connection (ECONNREFUSED); will retry')).toBe(
      'network: 127.0.0.1:9 refused the connection (ECONNREFUSED); try again later',
    );
    expect(oneShotProblem('http-status: 503 Service Unavailable from news.example: the server is having trouble; will retry (Retry-After 30 s)')).toBe(
      'http-status: 503 Service Unavailable from news.example: the server is having trouble; try again later',
    );
    expect(oneShotProblem('500 from LibreTranslate: boom — will retry')).toBe('500 from LibreTranslate: boom; try again later');
  });

  it('says what a 404 and a 410 mean without advising to remove a feed', () => {
    expect(oneShotProblem('http-status: 404 Not Found from news.example: there is no feed at this URL — check it, or remove the feed')).toBe(
      'http-status: 404 Not Found from news.example: there is no feed at this URL — check it',
    );
    expect(oneShotProblem('http-status: 410 Gone from news.example: the publisher removed this feed — remove it')).toBe(
      'http-status: 410 Gone from news.example: the publisher removed this feed',
    );
  });

  it('leaves every other message as it is', () => {
    const message = 'not-a-feed: got an HTML page, not a feed; the page names its feed: https://news.example/rss — use that URL';
    expect(oneShotProblem(message)).toBe(message);
  });
});
