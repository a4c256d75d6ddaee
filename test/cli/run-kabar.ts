/**
 * Runs the real `kabar` command (`node bin/kabar.js ...`) as a user does, for the end-to-end CLI
 * tests: a child process per run, with stdin fed, a timeout, and stdout, stderr and the exit code
 * collected.
 *
 * Every test opens a {@link KabarSandbox}: the run's redis-server (`inject('redisUrl')`) under a
 * fresh `{t-xxxxxxxx}` key prefix, and a temporary directory that is both the working directory
 * (so no `.env` of the checkout is read) and `KABAR_DATA_DIR`. `cleanup()` deletes the prefix's
 * keys (SCAN + DEL) and the directory. The environment is built from scratch: nothing of the test
 * runner's (CI, NODE_OPTIONS, a developer's KABAR_* or API keys) leaks into kabar.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import { expect } from 'vitest';
import { openTestRedis } from '../support/redis.js';

/** The `kabar` executable of this checkout. */
export const KABAR_BIN = fileURLToPath(new URL('../../bin/kabar.js', import.meta.url));

/** How long one run may take before it is killed (tsx start-up is about a second). */
export const DEFAULT_RUN_TIMEOUT_MS = 20_000;

/** What one run of `kabar` did. */
export interface KabarRun {
  args: readonly string[];
  /** The exit code; null when the process was killed. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout split into lines, without the empty string after the final newline. */
  lines: string[];
  timedOut: boolean;
}

/** Options of one run. */
export interface RunOptions {
  /** Written to stdin, which is then closed (stdin is always closed, empty by default). */
  stdin?: string;
  /** On top of the sandbox environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** Default: the sandbox directory. */
  cwd?: string;
}

/** Runs `node bin/kabar.js ...args` with exactly `env`, killing its whole process group on timeout. */
export function runKabar(
  args: readonly string[],
  env: Record<string, string>,
  options: { stdin?: string; timeoutMs?: number; cwd: string },
): Promise<KabarRun> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout also ends what kabar started (the demo's redis-server).
    const child = spawn(process.execPath, [KABAR_BIN, ...args], { cwd: options.cwd, env, stdio: 'pipe', detached: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, options.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // kabar may exit before reading all of stdin (a usage error): that is not the test's failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const out = Buffer.concat(stdout).toString('utf8');
      const lines = out === '' ? [] : out.replace(/\n$/, '').split('\n');
      resolve({ args, code, signal, stdout: out, stderr: Buffer.concat(stderr).toString('utf8'), lines, timedOut });
    });
  });
}

/** One test's private kabar: its own key prefix and directory on the run's redis-server. */
export interface KabarSandbox {
  /** `{t-xxxxxxxx}`, given as KABAR_REDIS_PREFIX. */
  prefix: string;
  /** Working directory and KABAR_DATA_DIR of every run. */
  dir: string;
  /** The environment every run starts from. */
  env: Readonly<Record<string, string>>;
  /** A connection to the same Redis, to look at what kabar stored. */
  redis: Redis;
  run(args: readonly string[], options?: RunOptions): Promise<KabarRun>;
  /** The keys under the sandbox prefix. */
  keys(): Promise<string[]>;
  /** Deletes every key under the prefix and the directory. */
  cleanup(): Promise<void>;
}

/** Opens a sandbox; `env` is added to every run's environment. */
export async function openKabarSandbox(env: Record<string, string> = {}): Promise<KabarSandbox> {
  const testRedis = await openTestRedis();
  const prefix = testRedis.prefix.replace(/:$/, '');
  const dir = await mkdtemp(join(tmpdir(), 'kabar-cli-'));
  const base: Record<string, string> = {
    ...inherited(['PATH', 'HOME', 'TMPDIR', 'LANG', 'USER']),
    // Run this checkout's TypeScript even when a dist/ build is lying around.
    KABAR_FROM_SOURCE: 'true',
    REDIS_URL: testRedis.url,
    KABAR_REDIS_PREFIX: prefix,
    KABAR_DATA_DIR: join(dir, 'data'),
    ...env,
  };
  return {
    prefix,
    dir,
    env: base,
    redis: testRedis.redis,
    run(args, options = {}) {
      const merged: Record<string, string> = { ...base };
      for (const [name, value] of Object.entries(options.env ?? {})) {
        if (value === undefined) delete merged[name];
        else merged[name] = value;
      }
      return runKabar(args, merged, {
        cwd: options.cwd ?? dir,
        ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      });
    },
    async keys() {
      const found: string[] = [];
      let cursor = '0';
      do {
        const [next, keys] = await testRedis.redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        cursor = next;
        found.push(...keys);
      } while (cursor !== '0');
      return found;
    },
    async cleanup() {
      await testRedis.cleanup();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The named variables of this process's environment that are set. */
export function inherited(names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = process.env[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

/** How a run ended, for assertion messages. */
export function describeRun(run: KabarRun): string {
  const how = run.timedOut ? 'timed out' : run.code === null ? `was killed (${run.signal ?? '?'})` : `exited ${run.code}`;
  return `kabar ${run.args.join(' ')} ${how}\n--- stdout ---\n${run.stdout}--- stderr ---\n${run.stderr}`;
}

/** Asserts the exit code (0 ok, 1 failure, 2 usage error), showing the output when it differs. */
export function expectExit(run: KabarRun, code: 0 | 1 | 2): void {
  expect(run.code, describeRun(run)).toBe(code);
}

/** Asserts a successful run that wrote nothing on stderr. */
export function expectClean(run: KabarRun): void {
  expectExit(run, 0);
  expect(run.stderr, describeRun(run)).toBe('');
}

/**
 * Asserts the documented error shape: the exit code, and exactly one line on stderr starting with
 * `kabar: `. Returns the message after `kabar: `.
 */
export function expectError(run: KabarRun, code: 1 | 2): string {
  expectExit(run, code);
  expect(run.stderr, describeRun(run)).toMatch(/^kabar: [^\n]+\n$/);
  return run.stderr.slice('kabar: '.length, -1);
}

/** stdout read as JSON lines. */
export function jsonLines(run: KabarRun): unknown[] {
  return run.lines.map((line) => JSON.parse(line) as unknown);
}
