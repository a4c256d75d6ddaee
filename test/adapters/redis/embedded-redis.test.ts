import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { startRedisServer } from '../../../src/adapters/redis/embedded-redis.js';
import { KabarError } from '../../../src/core/errors.js';

describe('startRedisServer', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('runs a persistent server whose data survives a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kabar-redis-'));
    dirs.push(dataDir);
    const first = await startRedisServer({ persistence: 'aof', dataDir });
    const client = new Redis(first.url);
    await client.set('greeting', 'salam');
    expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    client.disconnect();
    await first.stop();
    expect(readdirSync(dataDir).length).toBeGreaterThan(0);

    const second = await startRedisServer({ persistence: 'aof', dataDir });
    const again = new Redis(second.url);
    expect(await again.get('greeting')).toBe('salam');
    again.disconnect();
    await second.stop();
  });

  it('explains how to install Redis when redis-server is missing', async () => {
    const attempt = startRedisServer({ persistence: 'none', command: 'redis-server-that-does-not-exist' });
    await expect(attempt).rejects.toBeInstanceOf(KabarError);
    await expect(attempt).rejects.toThrow(/apt-get install redis-server.*brew install redis/);
  });
});

/**
 * Runs `body` in a child Node process that has `startRedisServer` (from the TypeScript source),
 * after which the process ends as `ending` says. Resolves with what the child printed on stdout
 * (JSON) and how it exited.
 */
async function inChildProcess(
  body: string,
  ending: 'uncaught error' | 'process.exit',
  env: Record<string, string>,
): Promise<{ printed: Record<string, unknown>; code: number | null }> {
  const module = new URL('../../../src/adapters/redis/embedded-redis.ts', import.meta.url).href;
  const script = [
    "import { register } from 'tsx/esm/api';",
    'register();',
    `const { startRedisServer } = await import(${JSON.stringify(module)});`,
    body,
    ending === 'uncaught error' ? "throw new Error('boom');" : 'process.exit(3);',
  ].join('\n');
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('../../..', import.meta.url)),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (!stdout.trim()) throw new Error(`the child printed nothing; stderr:\n${stderr}`);
  return { printed: JSON.parse(stdout) as Record<string, unknown>, code };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((later) => setTimeout(later, 50));
  }
  return condition();
}

describe('a redis-server started by a process that exits without stopping it', { timeout: 30_000 }, () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('is stopped when the process dies of an uncaught error, and its state file removed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kabar-redis-'));
    dirs.push(dataDir);
    const { printed, code } = await inChildProcess(
      [
        "const { readFileSync } = await import('node:fs');",
        "await startRedisServer({ persistence: 'aof', dataDir: process.env.DATA_DIR });",
        "console.log(readFileSync(process.env.DATA_DIR + '/kabar-redis.json', 'utf8'));",
      ].join('\n'),
      'uncaught error',
      { DATA_DIR: dataDir },
    );
    expect(code).toBe(1);
    const pid = printed.pid as number;
    expect(await eventually(() => !isAlive(pid))).toBe(true);
    expect(readdirSync(dataDir)).not.toContain('kabar-redis.json');
  });

  it('is stopped on process.exit, memory-only servers too', async () => {
    const { printed, code } = await inChildProcess(
      "console.log(JSON.stringify({ port: (await startRedisServer({ persistence: 'none' })).port }));",
      'process.exit',
      {},
    );
    expect(code).toBe(3);
    expect(await eventually(async () => !(await answers(printed.port as number)))).toBe(true);
  });

  it('is left running when the process only attached to it (another kabar started it)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kabar-redis-'));
    dirs.push(dataDir);
    const server = await startRedisServer({ persistence: 'aof', dataDir });
    try {
      const { printed } = await inChildProcess(
        [
          "const attached = await startRedisServer({ persistence: 'aof', dataDir: process.env.DATA_DIR });",
          'console.log(JSON.stringify({ shared: attached.shared, port: attached.port }));',
        ].join('\n'),
        'uncaught error',
        { DATA_DIR: dataDir },
      );
      expect(printed).toEqual({ shared: true, port: server.port });
      const state = JSON.parse(readFileSync(join(dataDir, 'kabar-redis.json'), 'utf8')) as { pid: number };
      await new Promise((later) => setTimeout(later, 300));
      expect(isAlive(state.pid)).toBe(true);
      const client = new Redis(server.url);
      expect(await client.ping()).toBe('PONG');
      client.disconnect();
    } finally {
      await server.stop();
    }
  });
});
