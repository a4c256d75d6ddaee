/**
 * A real Apertium APY server for tests, on a free loopback port, killed afterwards.
 *
 * apertium-apy has no option to choose the listening address (it binds every interface), so it is
 * started through its own Python interpreter with tornado's `bind` pinned to 127.0.0.1 — the
 * equivalent of `apertium-apy -p PORT /usr/share/apertium/modes`, reachable from this machine
 * only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { findFreePort } from '../../src/adapters/redis/embedded-redis.js';

/** Where Debian's apertium packages put their language-pair modes. */
export const DEFAULT_MODES_DIR = '/usr/share/apertium/modes';

/** Install hint for messages. */
export const APERTIUM_INSTALL_HINT = 'apt-get install apertium-apy apertium-eng-spa';

/** A running server. */
export interface ApertiumServer {
  /** `http://127.0.0.1:PORT`. */
  baseUrl: string;
  /** Milliseconds from spawn until `/listPairs` answered. */
  startupMs: number;
  /** The command that was run, for reports. */
  commandLine: string;
  stop(): Promise<void>;
}

/** Where apertium-apy is and which pairs it can serve, or why it cannot run here. */
export type ApertiumAvailability =
  | { available: true; executable: string; modesDir: string }
  | { available: false; reason: string };

/** Finds apertium-apy on PATH and checks that `modesDir` holds the `pair` (e.g. `eng-spa`). */
export function findApertium(pair = 'eng-spa', modesDir = DEFAULT_MODES_DIR): ApertiumAvailability {
  const executable = (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'apertium-apy'))
    .find(isExecutable);
  if (executable === undefined) return { available: false, reason: `apertium-apy is not on PATH (${APERTIUM_INSTALL_HINT})` };
  if (!existsSync(modesDir) || !readdirSync(modesDir).includes(`${pair}.mode`)) {
    return { available: false, reason: `no ${pair}.mode in ${modesDir} (${APERTIUM_INSTALL_HINT})` };
  }
  return { available: true, executable, modesDir };
}

/** Starts apertium-apy on a free loopback port and resolves once `/listPairs` answers. */
export async function startApertium(executable: string, modesDir = DEFAULT_MODES_DIR): Promise<ApertiumServer> {
  const port = await findFreePort();
  const started = Date.now();
  const { command, args } = loopbackCommand(executable, port, modesDir);
  // Its own process group, so stopping it also stops the translation pipelines it spawned.
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = () => stopGroup(child, exited);
  try {
    await waitForPairs(baseUrl, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, startupMs: Date.now() - started, commandLine: [command, ...args].join(' '), stop };
}

function loopbackCommand(executable: string, port: number, modesDir: string): { command: string; args: string[] } {
  const apyArgs = ['-p', String(port), modesDir];
  const interpreter = /^#!\s*(\S*python\S*)/.exec(readFileSync(executable, 'utf8').split('\n', 1)[0] ?? '')?.[1];
  if (interpreter === undefined) return { command: executable, args: apyArgs };
  const pinToLoopback = [
    'import sys, tornado.tcpserver',
    'bind = tornado.tcpserver.TCPServer.bind',
    "tornado.tcpserver.TCPServer.bind = lambda self, port, address=None, *a, **k: bind(self, port, '127.0.0.1', *a, **k)",
    "sys.argv = ['apertium-apy'] + sys.argv[1:]",
    'from apertium_apy.apy import main',
    'main()',
  ].join('\n');
  return { command: interpreter, args: ['-c', pinToLoopback, ...apyArgs] };
}

async function waitForPairs(baseUrl: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`apertium-apy exited (${child.exitCode ?? child.signalCode}) before answering:\n${stderr()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/listPairs`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`apertium-apy did not answer /listPairs on ${baseUrl} within 20 s:\n${stderr()}`);
}

async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // already gone
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  signalGroup('SIGKILL'); // pipelines that outlived their parent
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
