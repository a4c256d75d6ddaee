/**
 * What every `kabar` command shares: loading the configuration, opening the runtime, reading
 * stdin, and turning errors into one line on stderr with the documented exit codes
 * (0 ok, 1 failure, 2 usage error).
 */
import { userInfo } from 'node:os';
import { createLogger } from '../adapters/log/create-logger.js';
import { describeError, isKabarError, KabarError } from '../core/errors.js';
import { loadConfig, secretValues, type Config } from '../config.js';
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
  const log = createLogger({ level: 'warn', format: settings.KABAR_LOG_FORMAT, secrets: secretValues(settings) });
  // Loaded here, not at the top: commands that never touch Redis should not load the pipeline.
  const { openRuntime } = await import('../main.js');
  const stopExitingOnSignals = exitOnSignals();
  const runtime = await openRuntime(settings, { log });
  try {
    return await work(runtime);
  } finally {
    stopExitingOnSignals();
    await runtime.close();
  }
}

/**
 * Until the returned function is called, SIGTERM and SIGINT exit the process (143, 130). Without
 * this a signal ends Node without running its exit handlers, which stop the embedded
 * redis-server a command started (see embedded-redis.ts).
 */
export function exitOnSignals(): () => void {
  const onSignal = (signal: NodeJS.Signals): void => process.exit(signal === 'SIGINT' ? 130 : 143);
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}

/** A line of JSON-lines input that was over the cap: dropped unread, only its size is known. */
export interface OversizedLine {
  oversized: true;
  /** Its length in bytes, newline excluded. */
  bytes: number;
}

/**
 * The lines of `input` (stdin by default), one at a time, for JSON-lines input. A line longer
 * than `maxBytes` is not kept: its bytes are counted and dropped until its newline, and an
 * {@link OversizedLine} stands in for it, so one huge line costs no memory and the rest go on.
 * Lines end at `\n`; a `\r` before it is dropped too.
 */
export async function* inputLines(
  maxBytes: number,
  input: AsyncIterable<Buffer | string> = process.stdin,
): AsyncGenerator<string | OversizedLine> {
  let pieces: Buffer[] = [];
  let bytes = 0;
  let open = false; // a line has started and not ended
  const finish = (): string | OversizedLine => {
    const line: string | OversizedLine =
      bytes > maxBytes ? { oversized: true, bytes } : Buffer.concat(pieces, bytes).toString('utf8').replace(/\r$/, '');
    pieces = [];
    bytes = 0;
    open = false;
    return line;
  };
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    while (start < buffer.length) {
      const newline = buffer.indexOf(0x0a, start);
      const end = newline < 0 ? buffer.length : newline;
      bytes += end - start;
      open = true;
      // Copied, so a short line does not keep a whole 64 KB chunk alive.
      if (bytes <= maxBytes) pieces.push(Buffer.from(buffer.subarray(start, end)));
      else pieces = [];
      if (newline < 0) break;
      yield finish();
      start = newline + 1;
    }
  }
  if (open) yield finish();
}

/** Options of {@link readStdin}. */
export interface ReadStdinOptions {
  maxBytes: number;
  /** What stdin should hold, for the error: `one article, of at most 1000000 characters`. */
  expected: string;
  /** Default: stdin. */
  input?: AsyncIterable<Buffer | string>;
}

/**
 * All of stdin as text, up to `maxBytes`.
 *
 * @throws KabarError (`permanent`, code `too-large`) as soon as more than `maxBytes` arrive,
 *   without reading the rest.
 */
export async function readStdin({ maxBytes, expected, input = process.stdin }: ReadStdinOptions): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    bytes += buffer.length;
    if (bytes > maxBytes) {
      throw new KabarError('permanent', `more than ${maxBytes} bytes on stdin; expected ${expected}`, { code: 'too-large' });
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, bytes).toString('utf8');
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

/** Text on one line: titles and snippets from articles may hold line breaks; one item, one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}
