/**
 * A redis-server of the test's own, on a fixed free port with its own directory and an
 * append-only file, so that it can be stopped and started again on the same port and data (the
 * shared test redis-server is never restarted).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../../../src/adapters/redis/embedded-redis.js';

/** A restartable redis-server. */
export interface OwnRedis {
  url: string;
  port: number;
  dir: string;
  /** SIGTERM (Redis flushes its append-only file and exits), and waits for the exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and directory; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it and deletes its directory. */
  destroy(): Promise<void>;
}

/** Starts one with `appendonly yes` (`appendfsync everysec`, as the compose file's Redis). */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await findFreePort();
  const dir = await mkdtemp(join(tmpdir(), 'kabar-fault-redis-'));
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', ''];
    args.push('--maxmemory-policy', 'noeviction');
    const started = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`redis-server not ready in 15 s: ${output.slice(-400)}`)), 15_000);
      started.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      started.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${String(code)}: ${output.slice(-400)}`));
      });
    });
  };
  const stop = async (): Promise<void> => {
    const running = child;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    stop,
    start,
    async destroy() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
