/**
 * One episode of Redis refusing writes, lived through by a real `kabar start` process (role all,
 * console briefs on stdout, JSON logs on stderr, /readyz served) on a password-protected
 * redis-server the test controls. The out-of-memory and the read-only fault tests share it, each
 * in its own file so that the two slow episodes run side by side.
 *
 * What it checks: kabar stays up (no crash, no restart loop), writes one error line for the whole
 * episode, answers 503 on /readyz while it lasts, carries on by itself once Redis takes writes
 * again (the article published meanwhile delivered once), stops cleanly on SIGTERM, and never
 * prints the Redis password.
 */
import { expect } from 'vitest';
import { findFreePort } from '../../../src/adapters/redis/embedded-redis.js';
import { rssDocument, startFeedServer } from '../../fakes/feed-server.js';
import { accordsStory, addDueFeed, makeDue, waitFor } from '../../integration/support.js';
import { openFaultFleet } from './kabar-processes.js';
import { expectNoSecrets } from './no-secrets.js';

/** What the test does to Redis, and what kabar must say about it. */
export interface WriteRefusalFault {
  /** The `code` of kabar's one error line (`redis-oom`, `redis-read-only`). */
  code: string;
  /** What /readyz answers during the refusal. */
  readyzSays: string;
  /** Makes Redis refuse writes (resolves once it does). */
  begin(): Promise<unknown>;
  /** Makes it take writes again. */
  end(): Promise<unknown>;
  /** How long the refusal lasts: many scheduler ticks (1 s) and worker loops. */
  lastsMs: number;
}

/** The figures of an episode, for the test's summary line. */
export interface WriteRefusalFigures {
  loudLines: number;
  logLines: number;
  /** From the end of the refusal to kabar's `Redis takes writes again`. */
  recoveredAfterMs: number;
}

/**
 * Runs kabar on `redisUrl` (whose password is `password`) through `fault` and checks what the
 * module comment says; cleans up after itself, passing or failing.
 */
export async function rideOutWriteRefusal(redisUrl: string, password: string, fault: WriteRefusalFault): Promise<WriteRefusalFigures> {
  const feeds = await startFeedServer();
  const httpPort = await findFreePort();
  const fleet = await openFaultFleet({ KABAR_HTTP_PORT: String(httpPort) }, { redisUrl });
  const readyz = async (): Promise<{ status: number; text: string }> => {
    const response = await fetch(`http://127.0.0.1:${httpPort}/readyz`);
    return { status: response.status, text: await response.text() };
  };
  try {
    const url = feeds.url('/rss.xml');
    const items = [accordsStory('old')];
    feeds.setDocument('/rss.xml', rssDocument({ language: 'en', items }));
    // Added before kabar starts, so that it does not seed its default (internet) feeds.
    const runtime = await fleet.runtime();
    await addDueFeed(runtime, url);
    const kabar = fleet.spawn('kabar', { args: ['start'] });
    await kabar.waitForLog('kabar is running', 90_000);
    await waitFor(() => kabar.logs().some((line) => line.message === 'feed polled' && line.status === 'seeded'), 30_000, 'the first poll');
    const before = kabar.logs().length;
    const loud = (): Array<Record<string, unknown>> => kabar.logs().slice(before).filter((line) => line.level === 'error' || line.level === 'warn');

    await fault.begin();
    const slug = `during-${fault.code}`;
    items.unshift(accordsStory(slug));
    feeds.setDocument('/rss.xml', rssDocument({ language: 'en', items }));
    await new Promise((resolve) => setTimeout(resolve, fault.lastsMs));
    expect(kabar.alive(), kabar.stderr()).toBe(true);
    expect(loud().map((line) => String(line.message).split(':')[0]), kabar.stderr()).toEqual(['Redis refuses writes']);
    expect(loud()[0]).toMatchObject({ code: fault.code });
    // Redis answers pings all along, but a kabar that cannot write is not ready.
    expect(await readyz()).toMatchObject({ status: 503, text: expect.stringContaining(fault.readyzSays) });

    await fault.end();
    const endedAt = Date.now();
    await kabar.waitForLog('Redis takes writes again', 15_000);
    const recoveredAfterMs = Date.now() - endedAt;
    expect(await readyz()).toEqual({ status: 200, text: 'ready\n' });
    await makeDue(runtime, url);
    const link = `https://news.example/world/${slug}`;
    await waitFor(() => kabar.stdout().includes(link), 30_000, 'the brief of the article published during the refusal');
    // A few more ticks: a doubled delivery would show by now.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(kabar.stdout().split(link).length - 1).toBe(1);
    expect(kabar.logs().filter((line) => line.message === 'Redis takes writes again')).toHaveLength(1);
    expect(loud()).toHaveLength(1);

    kabar.signal('SIGTERM');
    expect(await kabar.exited, kabar.stderr()).toEqual({ code: 0, signal: null });
    // Everything the process wrote, through an error episode, without the password.
    expectNoSecrets([password], fleet.captured());
    return { loudLines: loud().length, logLines: kabar.logs().length, recoveredAfterMs };
  } finally {
    await fleet.cleanup();
    await feeds.close();
  }
}
