/**
 * SIGTERM under load (issue 9): the jobs running finish or go back to the queue, the process exits
 * 0, and after a restart nothing is lost or doubled. Also SIGTERM to the `npm start` process
 * itself: npm hands it on, so the bot and its embedded redis-server stop too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { markedStory, until } from './support/delivery-ledger.js';
import { openFaultScene, waitForSeeded, type FaultScene } from './support/fault-scene.js';
import { openFaultFleet, type FaultFleet } from './support/kabar-processes.js';
import { expectNoSecrets } from './support/no-secrets.js';
import { isRunning } from '../support/process-alive.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

describe('SIGTERM', { timeout: 240_000 }, () => {
  let scene: FaultScene | undefined;
  let fleet: FaultFleet | undefined;

  afterEach(async () => {
    await scene?.close();
    await fleet?.cleanup();
    scene = undefined;
    fleet = undefined;
  });

  it('under load: running jobs finish or return to the queue, and nothing is lost or doubled after a restart', async () => {
    scene = await openFaultScene({ chatsPerPlatform: 3, feedCount: 2 });
    const workers = [scene.fleet.spawn('worker-1'), scene.fleet.spawn('worker-2')];
    await Promise.all(workers.map((worker) => worker.waitForLog('kabar is running', 90_000)));
    await waitForSeeded(scene);

    // Enough to keep the workers busy for a while: Telegram takes one message a second per chat.
    const stories = Array.from({ length: 12 }, (_, n) => markedStory(`t-${n}`));
    const markers = stories.map((story) => story.marker);
    await scene.publish(0, stories.slice(0, 6));
    await scene.publish(1, stories.slice(6));
    const pipeline = await scene.pipeline();
    await until(async () => (await Promise.all(Object.values(pipeline.deliverTo).map((queue) => queue.getActiveCount()))).some((count) => count > 0), 60_000, 'deliveries running');
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    for (const worker of workers) worker.signal('SIGTERM');
    const exits = await Promise.all(workers.map((worker) => worker.exited));
    const deliveredAtStop = scene.ledger(markers).expected - scene.ledger(markers).lost.length;
    expect(exits).toEqual(workers.map(() => ({ code: 0, signal: null })));
    for (const worker of workers) expect(worker.logs().map((line) => line.message)).toEqual(expect.arrayContaining(['shutting down: finishing running jobs', 'stopped']));

    const restarted = scene.fleet.spawn('worker-3');
    await restarted.waitForLog('kabar is running', 90_000);
    await scene.waitForAll(markers, 150_000);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const verdict = scene.ledger(markers);
    console.log(
      `sigterm under load: 2 workers stopped with SIGTERM (exit 0) after ${deliveredAtStop} of ${verdict.expected} deliveries, ` +
        `the rest after a restart: ${markers.length} articles, ${scene.subscriptions.length} subscriptions, lost ${verdict.lost.length}, doubled ${verdict.doubled.length}`,
    );
    expect(deliveredAtStop).toBeLessThan(verdict.expected);
    expect(verdict.lost).toEqual([]);
    expect(verdict.doubled).toEqual([]);
    expect(await scene.failedJobs()).toEqual([]);
    expectNoSecrets(scene.secrets, scene.fleet.captured());
  });

  it('sent to the npm start process, stops the bot and its embedded redis-server', async () => {
    fleet = await openFaultFleet();
    const embedded = { REDIS_URL: undefined, KABAR_FROM_SOURCE: 'true' };
    // A feed on a closed port, so that start does not seed (and fetch) the shipped feeds.
    const add = fleet.spawn('feeds-add', { args: ['feeds', 'add', 'http://127.0.0.1:9/feed.xml', '--force'], env: embedded });
    expect(await add.exited, add.stderr()).toEqual({ code: 0, signal: null });

    // npm runs scripts in the package's directory; KABAR_DATA_DIR keeps the redis data in the test's.
    const npm = fleet.spawn('npm-start', { command: ['npm'], args: ['start'], cwd: REPO, env: embedded });
    await npm.waitForLog('kabar is running', 90_000);
    const stateFile = join(fleet.dir, 'data', 'redis', 'kabar-redis.json');
    const redisPid = (JSON.parse(readFileSync(stateFile, 'utf8')) as { pid: number }).pid;
    expect(isRunning(redisPid)).toBe(true);

    npm.signal('SIGTERM');
    await npm.exited;
    // npm's process group holds what it started (sh exec'd into node, esbuild); redis-server has a session of its own.
    await until(() => !isRunning(-npm.pid) && !isRunning(redisPid), 30_000, 'the bot and its redis-server stopped');
    expect(npm.logs().map((line) => line.message)).toContain('stopped');
    expect(existsSync(stateFile)).toBe(false);
  });
});

