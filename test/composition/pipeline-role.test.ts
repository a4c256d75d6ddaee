/**
 * The worker role's logging: one line per event. An offline start used to log every failed poll
 * twice (the poll use case, then the worker's "feed polled"); now the outcome line is the only one.
 */
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDueFeed, openKabarHarness, waitForPolls, type KabarHarness } from '../integration/support.js';

/** A loopback port with nothing listening on it: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('the worker role', { timeout: 30_000 }, () => {
  let harness: KabarHarness;
  beforeEach(async () => {
    harness = await openKabarHarness();
  });
  afterEach(async () => {
    await harness.cleanup();
  });

  it('logs a failed poll once, with its failure class and count', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/feed.xml`;
    const kabar = await harness.start();
    await addDueFeed(kabar.runtime, url);
    const outcome = await waitForPolls(harness.log, url, 1);
    expect(outcome).toMatchObject({ status: 'failed', failures: 1, failing: false });
    expect(typeof outcome.errorCode).toBe('string');
    // Whatever else would log about this poll has had time to.
    await new Promise((done) => setTimeout(done, 500));
    const aboutTheFeed = harness.log.entries.filter((entry) => JSON.stringify(entry).includes(url));
    expect(aboutTheFeed.map((entry) => entry.message)).toEqual(['feed polled']);
  });
});
