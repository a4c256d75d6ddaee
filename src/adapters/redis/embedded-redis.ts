/**
 * A private `redis-server` child process, for development runs without `REDIS_URL` and for tests.
 *
 * Production points `REDIS_URL` at a managed Redis instead; this exists so that one command runs
 * the whole bot on a laptop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { KabarError } from '../../core/errors.js';

/** Options for {@link startRedisServer}. */
export interface EmbeddedRedisOptions {
  /** `aof`: append-only file under `dataDir` (the bot). `none`: memory only (tests). */
  persistence: 'aof' | 'none';
  /** Where the append-only file lives, with `persistence: 'aof'`. Default `./data/redis`. */
  dataDir?: string;
  /** The executable; default `redis-server` from PATH. */
  command?: string;
}

/** A running embedded Redis. */
export interface RedisServerHandle {
  /** `redis://127.0.0.1:PORT`. */
  url: string;
  port: number;
  /** Where its data lives, when persistent. */
  dataDir: string | undefined;
  /** True when another kabar process started this server and this one only attached to it. */
  shared: boolean;
  /** The port of a server left running by a killed kabar on the same data, which this start shut down. */
  replacedOrphanOnPort?: number;
  /** Asks the server to shut down (saving, when persistent) and waits for it to exit; no-op when shared. */
  stop(): Promise<void>;
}

/**
 * Written into the data dir while a persistent embedded server runs, so other kabar commands
 * attach to it: `{ pid, port, owner }`, `owner` being the kabar process that started it.
 */
const STATE_FILE = 'kabar-redis.json';

/** How long a server left running by a killed kabar gets to save its data and exit. */
const ORPHAN_SHUTDOWN_MS = 10_000;

const INSTALL_HINT =
  'redis-server was not found on PATH and REDIS_URL is not set — install Redis ' +
  '(Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL';

/** Starts `redis-server` on a free loopback port and resolves once it accepts connections. */
export async function startRedisServer(options: EmbeddedRedisOptions): Promise<RedisServerHandle> {
  let orphanPort: number | undefined;
  if (options.persistence === 'aof') {
    // Two servers on one append-only file would corrupt it: a `kabar topics ...` run while the
    // bot is up attaches to the bot's server instead of starting a second one.
    const dataDir = resolve(options.dataDir ?? 'data/redis');
    const running = await findRunningServer(dataDir);
    if (running && 'orphanPort' in running) orphanPort = running.orphanPort;
    else if (running) return running;
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (error) {
      throw new KabarError('permanent', `cannot create the Redis data directory ${dataDir}: ${String(error)} — set KABAR_DATA_DIR or REDIS_URL`, {
        code: 'redis-start-failed',
        cause: error,
      });
    }
  }
  // A port picked by the OS can be taken by someone else before redis binds it: try a few.
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await findFreePort();
    try {
      const started = await startOnPort(port, options);
      return orphanPort === undefined ? started : { ...started, replacedOrphanOnPort: orphanPort };
    } catch (error) {
      if (error instanceof KabarError) throw error;
      lastError = error;
    }
  }
  throw new KabarError('permanent', `could not start redis-server: ${String(lastError)}`, {
    code: 'redis-start-failed',
    cause: lastError,
  });
}

/** A redis-server this process started (never one it only attached to). */
interface OwnedServer {
  child: ChildProcess;
  stateFile: string | undefined;
}

/**
 * The servers this process started and has not stopped. Process-wide on purpose: they must die
 * with the process however it ends (`process.exit` after an EPIPE, a second Ctrl-C, an uncaught
 * error), and the 'exit' event is the one place that sees all of those. A server another kabar
 * started and this one attached to is not in here: it belongs to its own process.
 */
const ownedServers = new Set<OwnedServer>();

function stopOnExit(server: OwnedServer): void {
  if (!process.listeners('exit').includes(stopOwnedServers)) process.on('exit', stopOwnedServers);
  ownedServers.add(server);
  server.child.once('exit', () => ownedServers.delete(server));
}

/** Runs inside 'exit', so only synchronous work: remove the state file, signal the server. */
function stopOwnedServers(): void {
  for (const { child, stateFile } of ownedServers) {
    try {
      if (stateFile) rmSync(stateFile, { force: true });
    } catch {
      // A stale state file is harmless: the next start finds its pid gone.
    }
    // SIGTERM: a persistent server flushes its append-only file and exits on its own; a
    // memory-only one has nothing to save, so it goes at once.
    child.kill(stateFile ? 'SIGTERM' : 'SIGKILL');
  }
  ownedServers.clear();
}

async function startOnPort(port: number, options: EmbeddedRedisOptions): Promise<RedisServerHandle> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes'];
  args.push('--maxmemory-policy', 'noeviction', '--save', '', '--daemonize', 'no');
  let dataDir: string | undefined;
  if (options.persistence === 'aof') {
    dataDir = resolve(options.dataDir ?? 'data/redis');
    args.push('--dir', dataDir, '--appendonly', 'yes', '--appendfsync', 'everysec');
  } else {
    args.push('--appendonly', 'no');
  }

  // Detached, in a session of its own: Ctrl-C at a terminal sends SIGINT to the whole foreground
  // process group, and a redis-server in it would shut down at once, under the jobs kabar is still
  // finishing. kabar stops it itself, last (stop(), or the 'exit' hook below).
  const child = spawn(options.command ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const stateFile = dataDir === undefined ? undefined : join(dataDir, STATE_FILE);
  const owned: OwnedServer = { child, stateFile };
  stopOnExit(owned);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await waitUntilReady(child);
  if (stateFile) writeFileSync(stateFile, JSON.stringify({ pid: child.pid, port, owner: process.pid }));
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dataDir,
    shared: false,
    async stop() {
      if (stateFile) rmSync(stateFile, { force: true });
      ownedServers.delete(owned);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM'); // redis-server saves and exits on SIGTERM
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function waitUntilReady(child: ChildProcess): Promise<void> {
  return new Promise((resolveReady, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not become ready in 10 s: ${output.slice(-500)}`));
    }, 10_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        // Keep draining so a full pipe never blocks the server.
        child.stdout?.resume();
        child.stderr?.resume();
        resolveReady();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new KabarError('permanent', INSTALL_HINT, { code: 'redis-missing', cause: error })
          : error,
      );
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with code ${String(code)}: ${output.slice(-500)}`));
    });
  });
}

/** A port free on 127.0.0.1 right now (the OS picks it; someone else may take it before you bind). */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * The server another kabar process started on `dataDir` and still runs, to attach to. A server
 * whose owner is gone (that kabar was killed with SIGKILL, which no exit hook survives) is an
 * orphan: it is shut down here, its data saved, so that this process starts and owns a new one
 * on the same data, instead of attaching to a server nobody would ever stop.
 */
async function findRunningServer(dataDir: string): Promise<RedisServerHandle | { orphanPort: number } | undefined> {
  let state: { pid?: unknown; port?: unknown; owner?: unknown };
  try {
    state = JSON.parse(readFileSync(join(dataDir, STATE_FILE), 'utf8')) as typeof state;
  } catch {
    return undefined;
  }
  if (typeof state.pid !== 'number' || typeof state.port !== 'number') return undefined;
  if (!isAlive(state.pid)) return undefined; // a stale file from a crash
  const port = state.port;
  if (!(await answersPing(port))) return undefined;
  // A file without an owner (written by an older kabar) is taken as owned: attach, as before.
  if (typeof state.owner === 'number' && state.owner !== process.pid && !isAlive(state.owner)) {
    await shutDownOrphan(port, dataDir);
    return { orphanPort: port };
  }
  return { url: `redis://127.0.0.1:${port}`, port, dataDir, shared: true, stop: async () => {} };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * `SHUTDOWN` over the wire rather than a signal to the recorded pid: it reaches the server that
 * answers on the port whatever became of that pid. Redis flushes its append-only file, then
 * closes its port, so a port that stops answering means the data is on disk.
 */
async function shutDownOrphan(port: number, dataDir: string): Promise<void> {
  await new Promise<void>((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1_000, () => socket.destroy());
    socket.once('connect', () => socket.end('SHUTDOWN\r\n'));
    socket.once('error', () => done());
    socket.once('close', () => done());
  });
  const deadline = Date.now() + ORPHAN_SHUTDOWN_MS;
  while (await answersPing(port)) {
    if (Date.now() > deadline) {
      throw new KabarError(
        'permanent',
        `a redis-server left running on port ${port} by a kabar that was killed does not stop, and it holds ${dataDir} — stop it (redis-cli -p ${port} shutdown) and start again`,
        { code: 'redis-start-failed' },
      );
    }
    await new Promise((later) => setTimeout(later, 100));
  }
  rmSync(join(dataDir, STATE_FILE), { force: true });
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const finish = (ok: boolean): void => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(1_000, () => finish(false));
    socket.once('error', () => finish(false));
    // A server shutting down may accept and then close without a word.
    socket.once('close', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk) => finish(chunk.toString().startsWith('+PONG')));
  });
}
