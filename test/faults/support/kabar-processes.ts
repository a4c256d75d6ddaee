/**
 * Real `kabar start` processes for the fault suite: each a `node bin/kabar.js start` child in its
 * own process group (so a SIGKILL takes nothing else down and cleanup leaves nothing behind), on
 * the test redis-server (or one the test started) under a fresh key prefix, with every byte it
 * writes on stdout and stderr kept for the secrets grep ({@link FaultFleet.captured}).
 *
 * The test process opens its own runtime on the same prefix ({@link FaultFleet.runtime}) to add
 * feeds and subscriptions and to look at what kabar stored.
 *
 * @example
 * ```ts
 * const fleet = await openFaultFleet({ TELEGRAM_BOT_TOKEN: FAKE_TELEGRAM_TOKEN, TELEGRAM_API_ROOT: telegram.url });
 * const worker = fleet.spawn('worker-1', { args: ['start', '--role', 'worker'] });
 * await worker.waitForLog('kabar is running');
 * worker.kill('SIGKILL');
 * await fleet.cleanup();
 * ```
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { openRuntime, type Runtime } from '../../../src/main.js';
import { createRecordingLogger } from '../../fakes/in-memory-stores.js';
import { inherited, KABAR_BIN } from '../../cli/run-kabar.js';
import { TEST_PIPELINE_ENV } from '../../integration/support.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

/** The environment every fault-suite kabar starts from (on top of PATH, HOME and the prefix). */
export const FAULT_DEFAULT_ENV: Readonly<Record<string, string>> = {
  KABAR_FROM_SOURCE: 'true',
  ...TEST_PIPELINE_ENV,
  KABAR_LOG_FORMAT: 'json',
};

/** How a process ended. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One running (or finished) child. */
export interface KabarProcess {
  name: string;
  pid: number;
  child: ChildProcess;
  exited: Promise<ProcessExit>;
  alive(): boolean;
  stdout(): string;
  stderr(): string;
  /** stderr's JSON log lines, parsed (other lines skipped). */
  logs(): Array<Record<string, unknown>>;
  /** Signals the process itself (not its group): what an operator's `kill PID` does. */
  signal(signal: NodeJS.Signals): void;
  /** SIGKILLs the whole process group at once and waits for the exit. */
  killHard(): Promise<ProcessExit>;
  /** Waits until a log line's message contains `text`; fails after `timeoutMs` with the output so far. */
  waitForLog(text: string, timeoutMs?: number): Promise<void>;
}

/** Options of {@link FaultFleet.spawn}. */
export interface SpawnOptions {
  /** Default `['start', '--role', 'worker']`. */
  args?: readonly string[];
  /** On top of the fleet's environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** The executable and its leading arguments instead of `node bin/kabar.js` (e.g. `['npm', 'start']`). */
  command?: readonly string[];
  cwd?: string;
}

/** kabar processes on one key prefix. */
export interface FaultFleet {
  /** `{t-xxxxxxxx}`. */
  prefix: string;
  redisUrl: string;
  /** A temporary directory: every child's working directory and KABAR_DATA_DIR. */
  dir: string;
  env: Readonly<Record<string, string>>;
  spawn(name: string, options?: SpawnOptions): KabarProcess;
  /** Every process spawned so far, dead or alive. */
  processes(): readonly KabarProcess[];
  /** Everything every process wrote: `"<name>#<n> stdout|stderr"` -> text. */
  captured(): Record<string, string>;
  /** A runtime in the test process on the same Redis and prefix (opened once, closed by cleanup). */
  runtime(): Promise<Runtime>;
  /** SIGKILLs what still runs, closes the runtime, deletes the prefix's keys and the directory. */
  cleanup(): Promise<void>;
}

/** Opens a fleet; `env` goes to every child. `redisUrl` defaults to the test run's redis-server. */
export async function openFaultFleet(env: Record<string, string> = {}, options: { redisUrl?: string } = {}): Promise<FaultFleet> {
  const testRedis: TestRedis = await openTestRedis();
  const prefix = testRedis.prefix.replace(/:$/, '');
  const redisUrl = options.redisUrl ?? inject('redisUrl');
  const dir = await mkdtemp(join(tmpdir(), 'kabar-faults-'));
  const base: Record<string, string> = {
    ...inherited(['PATH', 'HOME', 'TMPDIR', 'LANG', 'USER']),
    ...FAULT_DEFAULT_ENV,
    REDIS_URL: redisUrl,
    KABAR_REDIS_PREFIX: prefix,
    KABAR_DATA_DIR: join(dir, 'data'),
    ...env,
  };
  const spawned: KabarProcess[] = [];
  let runtime: Promise<Runtime> | undefined;

  const fleet: FaultFleet = {
    prefix,
    redisUrl,
    dir,
    env: base,
    spawn(name, spawnOptions = {}) {
      const merged: Record<string, string> = { ...base };
      for (const [key, value] of Object.entries(spawnOptions.env ?? {})) {
        if (value === undefined) delete merged[key];
        else merged[key] = value;
      }
      const [command, ...lead] = spawnOptions.command ?? [process.execPath, KABAR_BIN];
      const args = [...lead, ...(spawnOptions.args ?? ['start', '--role', 'worker'])];
      const child = spawn(command ?? process.execPath, args, { cwd: spawnOptions.cwd ?? dir, env: merged, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      const process_ = wrap(`${name}#${spawned.length + 1}`, child);
      spawned.push(process_);
      return process_;
    },
    processes: () => [...spawned],
    captured() {
      const texts: Record<string, string> = {};
      for (const one of spawned) {
        texts[`${one.name} stdout`] = one.stdout();
        texts[`${one.name} stderr`] = one.stderr();
      }
      return texts;
    },
    runtime() {
      runtime ??= openRuntime(
        loadConfig({ ...FAULT_DEFAULT_ENV, REDIS_URL: redisUrl, KABAR_REDIS_PREFIX: prefix }),
        { log: createRecordingLogger() },
      );
      return runtime;
    },
    async cleanup() {
      // Every group, even one whose leader exited: what it left behind (an orphaned bot) is still
      // in it. An embedded redis-server has a session of its own: its state file names it.
      await Promise.all(spawned.map((one) => one.killHard()));
      killEmbeddedRedis(join(dir, 'data', 'redis', 'kabar-redis.json'));
      if (runtime !== undefined) await (await runtime).close().catch(() => undefined);
      if (options.redisUrl === undefined) await testRedis.cleanup();
      else testRedis.redis.disconnect();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return fleet;
}

/** SIGKILLs the embedded redis-server a state file names, if any. */
function killEmbeddedRedis(stateFile: string): void {
  try {
    process.kill((JSON.parse(readFileSync(stateFile, 'utf8')) as { pid: number }).pid, 'SIGKILL');
  } catch {
    // no file, or the server is gone already
  }
}

function wrap(name: string, child: ChildProcess): KabarProcess {
  if (child.pid === undefined) throw new Error(`${name}: the process did not start`);
  const pid = child.pid;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
  let exit: ProcessExit | undefined;
  // 'exit', not 'close': an orphan that kept the pipes (the bug npm start had) must not hold this.
  const exited = new Promise<ProcessExit>((done) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      done(exit);
    }),
  );
  const stdout = (): string => Buffer.concat(out).toString('utf8');
  const stderr = (): string => Buffer.concat(err).toString('utf8');
  const logs = (): Array<Record<string, unknown>> =>
    stderr()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  return {
    name,
    pid,
    child,
    exited,
    alive: () => exit === undefined,
    stdout,
    stderr,
    logs,
    signal(signal) {
      if (exit === undefined) process.kill(pid, signal);
    },
    async killHard() {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
      return exited;
    },
    async waitForLog(text, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!logs().some((line) => String(line.message ?? '').includes(text))) {
        if (exit !== undefined) throw new Error(`${name} exited (${JSON.stringify(exit)}) before logging "${text}":\n${stderr().slice(-3000)}`);
        if (Date.now() > deadline) throw new Error(`${name} did not log "${text}" within ${timeoutMs} ms:\n${stderr().slice(-3000)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}
