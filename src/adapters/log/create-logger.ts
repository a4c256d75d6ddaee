/**
 * The logger: pino, one line per event on stderr (stdout is kept for briefs and JSON output).
 * JSON lines for log collectors, or one readable line per event on a terminal.
 *
 * Secrets are kept out twice over: pino's `redact` blanks the fields whose names say they hold
 * one, and every configured secret value is blanked wherever it appears in a line, so that a
 * token inside an error message from a library does not reach the log either.
 */
import { pino, type DestinationStream } from 'pino';
import type { Logger } from '../../core/ports.js';
import { currentLogFields } from './log-context.js';
import { prettyLine } from './pretty-line.js';

/** Logger settings. */
export interface LoggerOptions {
  level: 'debug' | 'info' | 'warn' | 'error';
  /** Default: `pretty` when stderr is a terminal, else `json`. */
  format?: 'pretty' | 'json' | undefined;
  /** Default: process.stderr. */
  write?: (line: string) => void;
  /** Values never written: they are replaced by `[redacted]` wherever they appear. */
  secrets?: readonly string[];
}

/** Field names whose values are never logged, at the top level or one level down. */
const SECRET_FIELDS = ['token', 'apiKey', 'api_key', 'authorization', 'password', 'secret', 'botToken'];
const REDACT_PATHS = [...SECRET_FIELDS, ...SECRET_FIELDS.map((name) => `*.${name}`)];
/** Shorter values are not scrubbed from lines: they would blank ordinary words. */
const MIN_SCRUBBED_SECRET = 6;

/** Creates a {@link Logger}. */
export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const format = options.format ?? (process.stderr.isTTY ? 'pretty' : 'json');
  const secrets = (options.secrets ?? []).filter((secret) => secret.length >= MIN_SCRUBBED_SECRET);
  const scrub = (line: string): string => secrets.reduce((text, secret) => text.split(secret).join('[redacted]'), line);
  const destination: DestinationStream = {
    write(line: string) {
      const clean = scrub(line);
      write(format === 'json' ? clean : prettyLine(clean));
    },
  };
  const logger = pino(
    {
      level: options.level,
      base: null,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // The ids of the job being run (queue, job, feed, subscription), on every line it logs.
      mixin: () => ({ ...currentLogFields() }),
    },
    destination,
  );
  const emit = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields: Record<string, unknown> = {}) =>
    logger[level](fields, message);
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** A logger that drops everything (CLI commands whose output is the result). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
