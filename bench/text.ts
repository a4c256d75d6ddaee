/**
 * `text`: kabar's four text modules against the kept libraries that do the same job, accuracy and
 * speed in one run (issue 12). Accuracy is scored on the labelled sets in
 * test/fixtures/text-comparison (tuned and hold-out parts apart); speed is CPU time over the same
 * inputs, so a busy neighbour does not change the verdict.
 *
 *   node bin/run-ts.js bench/text.ts [--quick]   on its own, a table per piece
 *   export default runTextBench(ctx)             for bench/run.ts, registered as `text`
 */
import { splitSentences } from '../src/core/briefs/split-sentences.js';
import { detectLanguage } from '../src/core/text/detect-language.js';
import { decodeHtmlEntities } from '../src/core/text/html-entities.js';
import { htmlToText } from '../src/core/text/html-to-text.js';
import { HTML_CASES } from '../test/fixtures/text-comparison/html-cases.js';
import { NUMERIC_CASES, POLICY_CASES } from '../test/fixtures/text-comparison/reference-cases.js';
import {
  LANGUAGE_SAMPLES,
  NAMED_REFERENCES,
  SENTENCE_SAMPLES,
  splitHoldOut,
  type Labelled,
} from '../test/fixtures/text-comparison/sets.js';
import {
  ENTITY_CANDIDATES,
  HTML_CANDIDATES,
  intlSentences,
  LANGUAGE_CANDIDATES,
  LANGUAGES_UNSUPPORTED,
  type Candidate,
} from './text-candidates.js';

/** One result line, as bench/run.ts's `Row`. */
export type TextRow = { bench: string } & Record<string, string | number | boolean | null>;

/** What the bench needs from its runner: a structural subset of bench/run.ts's `BenchContext`. */
export interface TextBenchContext {
  quick: boolean;
  row(row: TextRow): void;
  note(text: string): void;
}

/** CPU milliseconds spent in `fn`. */
function cpuMs(fn: () => void): number {
  const started = process.cpuUsage();
  fn();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/** Calls `fn` over `inputs` until `budgetMs` of CPU is spent; returns calls and bytes per CPU second. */
function speed<T>(inputs: readonly T[], size: (input: T) => number, fn: (input: T) => unknown, budgetMs: number): { opsPerS: number; mbPerS: number } {
  for (const input of inputs) fn(input); // warm-up
  let calls = 0;
  let bytes = 0;
  let spent = 0;
  while (spent < budgetMs) {
    spent += cpuMs(() => {
      for (const input of inputs) {
        fn(input);
        calls++;
        bytes += size(input);
      }
    });
  }
  return { opsPerS: round((calls / spent) * 1000), mbPerS: round(((bytes / spent) * 1000) / 1e6) };
}

function round(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const factor = 10 ** Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return Math.round(value * factor) / factor;
}

const percent = (hits: number, total: number): string => (total === 0 ? '-' : `${((hits / total) * 100).toFixed(1)}% (${hits}/${total})`);
const utf8 = (text: string): number => Buffer.byteLength(text);

/** Share of `items` where `ok` holds, for the tuned part and the hold-out part. */
function tunedAndHoldOut<T>(items: ReadonlyArray<Labelled<T>>, ok: (item: T) => boolean): { tuned: string; holdOut: string } {
  const score = (holdOut: boolean): string => {
    const part = items.filter((item) => item.holdOut === holdOut);
    return percent(part.filter((item) => ok(item.item)).length, part.length);
  };
  return { tuned: score(false), holdOut: score(true) };
}

function benchEntities(ctx: TextBenchContext, budgetMs: number): void {
  const named = Object.entries(NAMED_REFERENCES);
  const withSemicolon = named.filter(([name]) => name.endsWith(';'));
  const legacy = named.filter(([name]) => !name.endsWith(';'));
  // A reference inside words, as feeds have them; a legacy one before a space, where browsers decode it.
  const score = (decode: (text: string) => string): Record<string, string> => ({
    'named with ; (2,125)': percent(withSemicolon.filter(([name, text]) => decode(`x&${name}y`) === `x${text}y`).length, withSemicolon.length),
    'legacy without ; (106, spec)': percent(legacy.filter(([name, text]) => decode(`x &${name} y`) === `x ${text} y`).length, legacy.length),
    numeric: percent(NUMERIC_CASES.filter((c) => decode(c.input) === c.expected).length, NUMERIC_CASES.length),
    'kabar policy': percent(POLICY_CASES.filter((c) => decode(c.input) === c.expected).length, POLICY_CASES.length),
  });
  const corpus = HTML_CASES.map((c) => c.html);
  const candidates: Array<Candidate<[string], string>> = [{ name: 'kabar decodeHtmlEntities', run: decodeHtmlEntities }, ...ENTITY_CANDIDATES];
  for (const candidate of candidates) {
    const { mbPerS } = speed(corpus, utf8, candidate.run, budgetMs);
    ctx.row({ bench: 'text', piece: 'entities', candidate: candidate.name, ...score(candidate.run), 'MB/s': mbPerS });
  }
}

/** Paragraphs as lines, whitespace collapsed: the structure any candidate's output can be compared by. */
function paragraphs(text: string): string[] {
  return text.split(/\n+/).map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line !== '');
}

function benchHtmlToText(ctx: TextBenchContext, budgetMs: number): void {
  const cases = splitHoldOut(HTML_CASES);
  const candidates: Array<Candidate<[string], string>> = [{ name: 'kabar htmlToText', run: htmlToText }, ...HTML_CANDIDATES];
  for (const candidate of candidates) {
    const words = tunedAndHoldOut(cases, (c) => paragraphs(candidate.run(c.html)).join(' ') === paragraphs(c.text).join(' '));
    const exact = tunedAndHoldOut(cases, (c) => paragraphs(candidate.run(c.html)).join('\n') === paragraphs(c.text).join('\n'));
    const { mbPerS } = speed(HTML_CASES.map((c) => c.html), utf8, candidate.run, budgetMs);
    ctx.row({
      bench: 'text',
      piece: 'html-to-text',
      candidate: candidate.name,
      'same words tuned': words.tuned,
      'same words hold-out': words.holdOut,
      'same paragraphs tuned': exact.tuned,
      'same paragraphs hold-out': exact.holdOut,
      'MB/s': mbPerS,
    });
  }
}

function benchLanguages(ctx: TextBenchContext, budgetMs: number): void {
  const candidates: Array<Candidate<[string], string | undefined>> = [
    { name: 'kabar detectLanguage', run: detectLanguage },
    ...LANGUAGE_CANDIDATES,
  ];
  for (const candidate of candidates) {
    const guesses = new Map(LANGUAGE_SAMPLES.map((sample) => [sample, candidate.run(sample.item.text)]));
    const right = (sample: Labelled<(typeof LANGUAGE_SAMPLES)[number]['item']>): boolean => guesses.get(sample) === sample.item.language;
    const of = (short: boolean): { tuned: string; holdOut: string } =>
      tunedAndHoldOut(
        LANGUAGE_SAMPLES.filter((sample) => sample.item.short === short).map((sample) => ({ item: sample, holdOut: sample.holdOut })),
        right,
      );
    const wrong = LANGUAGE_SAMPLES.filter((sample) => guesses.get(sample) !== undefined && !right(sample));
    const unsure = LANGUAGE_SAMPLES.filter((sample) => guesses.get(sample) === undefined);
    const { opsPerS } = speed(LANGUAGE_SAMPLES.map((sample) => sample.item.text), utf8, candidate.run, budgetMs);
    ctx.row({
      bench: 'text',
      piece: 'language',
      candidate: candidate.name,
      'headlines tuned': of(true).tuned,
      'headlines hold-out': of(true).holdOut,
      'paragraphs tuned': of(false).tuned,
      'paragraphs hold-out': of(false).holdOut,
      'right when it answers': percent(LANGUAGE_SAMPLES.length - unsure.length - wrong.length, LANGUAGE_SAMPLES.length - unsure.length),
      'wrong guesses': wrong.length,
      "don't know": unsure.length,
      'ops/s': opsPerS,
    });
    const missed = [...new Set(wrong.concat(unsure).map((sample) => `${sample.item.language}->${guesses.get(sample) ?? '?'}`))];
    ctx.note(`  ${candidate.name}: misses ${missed.join(' ') || 'none'}${(LANGUAGES_UNSUPPORTED[candidate.name] ?? []).length > 0 ? `; cannot name ${LANGUAGES_UNSUPPORTED[candidate.name]?.join(', ')}` : ''}`);
  }
}

function benchSentences(ctx: TextBenchContext, budgetMs: number): void {
  const candidates: Array<Candidate<[string, string], string[]>> = [
    { name: 'kabar splitSentences', run: splitSentences },
    { name: 'Intl.Segmenter (sentence)', run: intlSentences },
  ];
  const long = SENTENCE_SAMPLES.map((sample) => sample.item.sentences.join(' ')).join(' ').repeat(4);
  for (const candidate of candidates) {
    const split = (sample: { language: string; sentences: string[] }): string[] => candidate.run(sample.sentences.join(' '), sample.language);
    const exact = tunedAndHoldOut(SENTENCE_SAMPLES, (sample) => JSON.stringify(split(sample)) === JSON.stringify(sample.sentences));
    let found = 0;
    let right = 0;
    let expected = 0;
    for (const { item } of SENTENCE_SAMPLES) {
      const got = new Set(split(item));
      found += got.size;
      expected += item.sentences.length;
      right += item.sentences.filter((sentence) => got.has(sentence)).length;
    }
    const { mbPerS } = speed([long], utf8, (text) => candidate.run(text, 'en'), budgetMs);
    ctx.row({
      bench: 'text',
      piece: 'sentences',
      candidate: candidate.name,
      'paragraphs split right tuned': exact.tuned,
      'paragraphs split right hold-out': exact.holdOut,
      'sentence precision': percent(right, found),
      'sentence recall': percent(right, expected),
      'MB/s': mbPerS,
    });
  }
}

let called = false;

/**
 * Runs the text comparison: rows for entities, HTML to text, language and sentences. Register it
 * in bench/run.ts as `{ name: 'text', title: 'text modules vs libraries', load: () => import('./text.js') }`.
 */
export default async function runTextBench(ctx: TextBenchContext): Promise<void> {
  called = true;
  const budgetMs = ctx.quick ? 20 : 400;
  benchEntities(ctx, budgetMs);
  benchHtmlToText(ctx, budgetMs);
  benchLanguages(ctx, budgetMs);
  benchSentences(ctx, budgetMs);
}

// On its own (`node bin/run-ts.js bench/text.ts`) nobody calls the export: run it after the
// importer had its chance (a runner calls it as soon as the import resolves, before this fires).
setImmediate(() => {
  if (called) return;
  const rows: TextRow[] = [];
  void runTextBench({ quick: process.argv.includes('--quick'), row: (row) => rows.push(row), note: (text) => console.log(text) }).then(() => {
    for (const piece of new Set(rows.map((row) => row.piece))) {
      console.log(`\n== ${String(piece)} ==`);
      console.table(rows.filter((row) => row.piece === piece).map(({ bench: _bench, piece: _piece, ...rest }) => rest));
    }
  });
});
