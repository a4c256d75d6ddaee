/**
 * How a benchmark hands back its figures: rows (one JSON object a line with `--json`, a table
 * otherwise) and notes (human context; on stderr with `--json`, so stdout stays parseable).
 */

/** One result line: `bench` names the benchmark, the other fields are its figures. */
export type Row = { bench: string } & Record<string, string | number | boolean | null>;

/** What every benchmark gets from `bench/run.ts`. */
export interface BenchContext {
  /** `--quick`: a seconds-long smoke run of the same code, with figures that mean little. */
  quick: boolean;
  /** Records one result row. */
  row(row: Row): void;
  /** Prints a line of context for humans. */
  note(text: string): void;
  /** The bench's redis-server (started on first use, stopped at the end of the run). */
  redisUrl(): Promise<string>;
}

/** Rounds for display and JSON alike: three significant digits are all a noisy machine gives. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const factor = 10 ** Math.max(0, digits - 1 - magnitude);
  return Math.round(value * factor) / factor;
}

/** The value at quantile `q` (0..1) of `values`, nearest-rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Rows of one benchmark as an aligned text table (one table per distinct set of fields). */
export function formatTable(rows: readonly Row[]): string {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = Object.keys(row).join(',');
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const tables: string[] = [];
  for (const group of groups.values()) {
    const fields = Object.keys(group[0] ?? {});
    const cells = group.map((row) => fields.map((field) => show(row[field])));
    const widths = fields.map((field, i) => Math.max(field.length, ...cells.map((line) => (line[i] ?? '').length)));
    const line = (values: string[]): string => values.map((value, i) => value.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
    tables.push([line(fields), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n'));
  }
  return tables.join('\n\n');
}

function show(value: Row[string] | undefined): string {
  if (value === undefined || value === null) return '-';
  if (typeof value === 'number') return value.toLocaleString('en', { maximumFractionDigits: 3 });
  return String(value);
}
