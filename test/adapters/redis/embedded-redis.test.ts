import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
