/**
 * One line that says what it means when every feed fails the same way (no DNS, no network).
 */
import { describe, expect, it } from 'vitest';
import { createFeedOutageWatch } from '../../../src/app/feeds/feed-outage-watch.js';
import type { PollOutcome } from '../../../src/app/feeds/poll-feed.js';
import { createRecordingLogger } from '../../fakes/in-memory-stores.js';

const counts = { items: 0, fresh: 0, matched: 0, queued: 0, duplicates: 0 };
const failed = (url: string, error: string): PollOutcome => ({ url, status: 'failed', error, ...counts });
const dns = (host: string) => `network: feed host ${host} was not found in DNS (ENOTFOUND); check the URL`;

describe('createFeedOutageWatch', () => {
  it('says once, when every feed has failed to resolve its host, that DNS or the network is down', async () => {
    const log = createRecordingLogger();
    const watch = createFeedOutageWatch({ feedCount: async () => 3, log });
    await watch.record(failed('https://a.example/rss', dns('a.example')));
    await watch.record(failed('https://b.example/rss', dns('b.example')));
    expect(log.entries).toEqual([]);
    await watch.record(failed('https://c.example/rss', dns('c.example')));
    // The same feeds failing again, the next round: no second line.
    await watch.record(failed('https://a.example/rss', dns('a.example')));
    expect(log.entries.map((entry) => `${entry.level} ${entry.message}`)).toEqual([
      'warn feeds: all 3 feeds fail the same way: no host name resolves (DNS): this machine has no working DNS or no network connection — the feed URLs are not the problem; kabar keeps retrying with backoff',
    ]);
    await watch.record({ url: 'https://b.example/rss', status: 'polled', ...counts });
    expect(log.entries.at(-1)?.message).toBe('feeds: a feed answered again; the outage is over');
  });

  it('says nothing when the feeds fail in different ways, or only some fail, or there is one feed', async () => {
    const log = createRecordingLogger();
    const mixed = createFeedOutageWatch({ feedCount: async () => 2, log });
    await mixed.record(failed('https://a.example/rss', dns('a.example')));
    await mixed.record(failed('https://b.example/rss', 'http-status: 404 Not Found from b.example: there is no feed at this URL'));
    const some = createFeedOutageWatch({ feedCount: async () => 3, log });
    await some.record(failed('https://a.example/rss', 'network: 127.0.0.1:9 refused the connection (ECONNREFUSED); will retry'));
    await some.record({ url: 'https://b.example/rss', status: 'polled', ...counts });
    await some.record(failed('https://c.example/rss', 'network: 127.0.0.1:9 refused the connection (ECONNREFUSED); will retry'));
    const single = createFeedOutageWatch({ feedCount: async () => 1, log });
    await single.record(failed('https://a.example/rss', dns('a.example')));
    expect(log.entries).toEqual([]);
  });
});
