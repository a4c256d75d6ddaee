/**
 * What every `kabar` command shares: loading the configuration, opening the runtime, reading
 * stdin, and turning errors into one line on stderr with the documented exit codes
 * (0 ok, 1 a failure of something outside kabar, 2 bad input or configuration).
 */
import { userInfo } from 'node:os';
import { createLogger } from '../adapters/log/create-logger.js';
import { oneShotProblem } from '../app/feeds/one-shot-problem.js';
import { describeError, isKabarError, KabarError } from '../core/errors.js';
import { loadConfig, secretValues, unknownKabarVariables, type Config } from '../config.js';
import type { Runtime } from '../main.js';

/** Exit codes. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Thrown for a wrong command line: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Error codes that mean the user's input or configuration was wrong (exit 2), as opposed to a
 * failure of something outside kabar (a feed, Redis, a translator, a chat platform: exit 1). Kept
 * as one list so that every command applies the same rule.
 */
const INPUT_ERROR_CODES: ReadonlySet<string> = new Set([
  'usage',
  'config',
  'bad-input',
  'input-too-large',
  'bad-url',
  'blocked-address',
  'duplicate',
  'not-found',
  'invalid-term',
  'invalid-topic-name',
  'invalid-scope',
  'invalid-edit',
  'invalid-limit',
  'invalid-language',
  'invalid-glossary',
  'unknown-topic',
  'unknown-subscription',
  'unknown-glossary-term',
  'topic-exists',
  'duplicate-topic',
  'duplicate-term',
  'absent-term',
  'global-term',
  'conflicting-term',
  'nothing-to-undo',
  'global-topic',
  'missing-author',
]);

/**
 * The exit code for `error`: 2 for bad input or configuration ({@link UsageError}, or a
 * {@link KabarError} whose code says the input was wrong), 1 for everything else.
 */
export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (isKabarError(error) && error.kind === 'permanent' && INPUT_ERROR_CODES.has(error.code)) return EXIT.usage;
  return EXIT.failure;
}

/** Prints `kabar: <message>` on stderr and sets the exit code for `error` ({@link exitCodeOf}). */
export function reportError(error: unknown): void {
  // A command retries nothing itself: no "will retry" meant for the poller.
  process.stderr.write(`kabar: ${oneShotProblem(describeError(error))}\n`);
  process.exitCode = exitCodeOf(error);
}

/**
 * Loads the configuration, failing with the variable's name on a bad value, and warns on stderr
 * about each `KABAR_*` variable kabar does not know (a typo would otherwise go unnoticed).
 */
export function config(): Config {
  const settings = loadConfig();
  // A command may load the configuration twice (its own checks, then the runtime): warn once.
  if (!warnedAboutVariables) {
    warnedAboutVariables = true;
    for (const { name, closest } of unknownKabarVariables()) {
      process.stderr.write(`kabar: warning: ${name} is not a kabar variable and is ignored; did you mean ${closest}?\n`);
    }
  }
  return settings;
}
let warnedAboutVariables = false;

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
 * @throws KabarError (`permanent`, code `input-too-large`) as soon as more than `maxBytes` arrive,
 *   without reading the rest.
 */
export async function readStdin({ maxBytes, expected, input = process.stdin }: ReadStdinOptions): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    bytes += buffer.length;
    if (bytes > maxBytes) {
      throw new KabarError('permanent', `more than ${maxBytes} bytes on stdin; expected ${expected}`, { code: 'input-too-large' });
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, bytes).toString('utf8');
}

/**
 * When stdin is a terminal, says on stderr what the command is waiting for: otherwise `kabar
 * brief` typed on its own just sits there, silently reading.
 */
export function promptIfTerminal(
  expected: string,
  input: { isTTY?: boolean } = process.stdin,
  write: (text: string) => void = (text) => process.stderr.write(text),
): void {
  if (input.isTTY !== true) return;
  write(`kabar: reading ${expected} from stdin; end with Ctrl-D (or give a file: < article.json)\n`);
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
