/**
 * The terminal form of a log line: `12:04:05 INFO  message  key=value ...`, from pino's JSON.
 */

/** Turns one JSON log line into one readable line (a line that is not JSON passes unchanged). */
export function prettyLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { time, level, message, ...fields } = record;
  const clock = typeof time === 'string' ? time.slice(11, 19) : '';
  const extra = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${clock} ${String(level).toUpperCase().padEnd(5)} ${String(message ?? '')}${extra ? `  ${extra}` : ''}\n`;
}
