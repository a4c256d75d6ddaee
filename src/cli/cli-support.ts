/**
 * What every `kabar` command shares: loading the configuration, opening the runtime, reading
 * stdin, and turning errors into one line on stderr with the documented exit codes
 * (0 ok, 1 failure, 2 usage error).
 */
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { createLogger } from '../adapters/log/create-logger.js';
import { describeError, isKabarError } from '../core/errors.js';
import { loadConfig, type Config } from '../config.js';
import type { Runtime } from '../main.js';

/** Exit codes. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Thrown for a wrong command line: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Prints `kabar: <message>` on stderr and sets the exit code for `error`. */
export function reportError(error: unknown): void {
  const usage = error instanceof UsageError || (isKabarError(error) && error.code === 'usage');
  process.stderr.write(`kabar: ${describeError(error)}\n`);
  process.exitCode = usage ? EXIT.usage : EXIT.failure;
}

/** Loads the configuration, failing with the variable's name on a bad value. */
export function config(): Config {
  return loadConfig();
}

/**
 * Runs `work` with a runtime (Redis and the stores), closing it afterwards. Command output goes
 * to stdout; only warnings and errors are logged, on stderr.
 */
export async function withRuntime<T>(work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const settings = config();
  const log = createLogger({ level: 'warn', format: settings.KABAR_LOG_FORMAT });
  // Loaded here, not at the top: commands that never touch Redis should not load the pipeline.
  const { openRuntime } = await import('../main.js');
  const runtime = await openRuntime(settings, { log });
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

/** The lines of stdin, one at a time (for JSON-lines input). */
export async function* stdinLines(): AsyncGenerator<string> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) yield line;
}

/** All of stdin as text. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes one line to stdout. */
export function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Parses a comma-separated list option (`--topics a,b`). */
export function listOption(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) throw new UsageError('expected a comma-separated list, e.g. --topics abraham-accords,central-asia');
  return items;
}

/** Who is editing, for histories: `--author`, else `cli:<login name>`. */
export function authorOf(author: string | undefined): string {
  if (author) return author;
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}
