/**
 * The logger: one line per event on stderr (stdout is kept for briefs and JSON output), either
 * human-readable or JSON lines for log collectors.
 */
import type { Logger } from '../../core/ports.js';

/** Logger settings. */
export interface LoggerOptions {
  level: 'debug' | 'info' | 'warn' | 'error';
  format: 'pretty' | 'json';
  /** Default: process.stderr. */
  write?: (line: string) => void;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;

/** Creates a {@link Logger}. */
export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const threshold = LEVELS[options.level];
  const emit = (level: keyof typeof LEVELS) => (message: string, fields: Record<string, unknown> = {}) => {
    if (LEVELS[level] < threshold) return;
    const time = new Date().toISOString();
    if (options.format === 'json') {
      write(`${JSON.stringify({ time, level, message, ...fields })}\n`);
      return;
    }
    const extra = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(' ');
    write(`${time.slice(11, 19)} ${level.toUpperCase().padEnd(5)} ${message}${extra ? `  ${extra}` : ''}\n`);
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** A logger that drops everything (CLI commands whose output is the result). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
