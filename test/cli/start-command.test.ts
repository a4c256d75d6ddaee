/**
 * `kabar start` as a user runs it: no REDIS_URL, so an embedded redis-server; SIGTERM shuts it
 * down in order, taking the redis-server with it; other commands attach to the running server
 * instead of starting a second one on the same append-only file.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KABAR_BIN, openKabarSandbox, type KabarSandbox } from './run-kabar.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number, label: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms: ${label}`);
    await new Promise((later) => setTimeout(later, 100));
  }
}

describe('kabar start', { timeout: 60_000 }, () => {
  let kabar: KabarSandbox;
  let child: ChildProcessWithoutNullStreams | undefined;

  beforeEach(async () => {
    kabar = await openKabarSandbox();
  });
  afterEach(async () => {
    if (child?.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    await kabar.cleanup();
  });

  it('runs on an embedded redis-server, lets other commands attach to it, and stops in order on SIGTERM', async () => {
    const env: Record<string, string> = { ...kabar.env, KABAR_LOG_FORMAT: 'pretty' };
    delete env.REDIS_URL;
    const started = spawn(process.execPath, [KABAR_BIN, 'start'], { cwd: kabar.dir, env, stdio: 'pipe', detached: true });
    child = started;
    let stderr = '';
    started.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    started.stdout.resume();
    const exited = new Promise<number | null>((done) => started.once('exit', (code) => done(code)));

    await waitFor(() => stderr.includes('kabar is running'), 30_000, `start-up; stderr so far:\n${stderr}`);
    expect(stderr).toMatch(/redis: an embedded redis-server on redis:\/\/127\.0\.0\.1:\d+, data in .*data\/redis/);
    expect(stderr).toContain('default topics written');
    const stateFile = join(kabar.env.KABAR_DATA_DIR ?? '', 'redis', 'kabar-redis.json');
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { pid: number; port: number };
    expect(isAlive(state.pid)).toBe(true);

    // A second command on the same data directory attaches rather than starting a second server.
    const listed = await kabar.run(['topics', 'list'], { env: { REDIS_URL: undefined } });
    expect(listed.code).toBe(0);
    expect(listed.lines.map((line) => line.split(/\s+/)[0])).toEqual(['abraham-accords', 'central-asia']);
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual(state);

    if (started.pid === undefined) throw new Error('kabar did not start');
    process.kill(started.pid, 'SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('shutting down: finishing running jobs');
    expect(stderr).toContain('stopped');
    await waitFor(() => !isAlive(state.pid), 10_000, 'the embedded redis-server to exit');
    expect(existsSync(stateFile)).toBe(false);
    // Its append-only file stays for the next start.
    expect(existsSync(join(kabar.env.KABAR_DATA_DIR ?? '', 'redis', 'appendonlydir'))).toBe(true);
  });

  it('fails with the install hint when there is neither REDIS_URL nor redis-server', async () => {
    const run = await kabar.run(['start'], { env: { REDIS_URL: undefined, PATH: '/nonexistent' } });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^kabar: redis-server was not found on PATH and REDIS_URL is not set — .*apt-get install redis-server.*brew install redis/);
  });
});
