/**
 * How far a reader can trust a brief, for humans: `npm run bench -- --only briefs`.
 *
 * Over the labelled articles in test/fixtures/articles/quality (see test/core/briefs/brief-quality-set.ts),
 * the share of titles shown as plain text, then at several body budgets the share of briefs whose
 * quotation marks all pair up, of annotated key facts kept, of annotated page furniture kept out, and of lead-ins
 * ("Not everyone agreed.") kept only with what they announce. The dev part is what the condenser was
 * tuned on; the hold-out part was written before tuning and never tuned on. Add `--verbose` to see
 * what each brief lost or kept wrongly. Last, the time to condense hostile articles of the largest
 * size a feed item may have (quotation marks, lead-ins and "Baca juga" labels by the thousand).
 */
import { MAX_TEXT_CHARS } from '../src/core/articles/limits.js';
import { condense, DEFAULT_BUDGET_CHARS } from '../src/core/briefs/condense.js';
import { formatShare, loadQualitySet, measureBriefQuality, type QualityPart } from '../test/core/briefs/brief-quality-set.js';
import type { BenchContext } from './support/report.js';

// Two tight budgets, the default one, and one that holds every article whole (furniture alone decides).
const BUDGETS = [600, 1000, DEFAULT_BUDGET_CHARS, 100_000];
const verbose = process.argv.includes('--verbose');

export default async function briefQuality(ctx: BenchContext): Promise<void> {
  for (const part of ['dev', 'holdout'] as QualityPart[]) {
    const items = loadQualitySet(part);
    ctx.note(`${part} (${items.length} articles, ${[...new Set(items.map((item) => item.language))].join(', ')}):`);
    // Balance over many budgets: where a cut falls inside a quotation depends on the budget.
    const sweep = Array.from({ length: 19 }, (_, i) => 200 + i * 100);
    const balanced = sweep.map((budget) => measureBriefQuality(items, budget).quality.balancedQuotes);
    const sum = (index: 0 | 1): number => balanced.reduce((total, share) => total + share[index], 0);
    ctx.note(`  balanced quotes over budgets 200 to 2000 (step 100): ${formatShare([sum(0), sum(1)])}`);
    const { quality: titles } = measureBriefQuality(items, DEFAULT_BUDGET_CHARS);
    ctx.note(
      `  titles shown as text: normalized from the feed ${formatShare(titles.cleanFeedTitles)}, ` +
        `given raw to the condenser ${formatShare(titles.cleanRawTitles)}`,
    );
    for (const budget of BUDGETS) {
      const { quality, checks } = measureBriefQuality(items, budget);
      ctx.note(
        `  budget ${String(budget).padStart(6)}: balanced quotes ${formatShare(quality.balancedQuotes)}, ` +
          `key facts kept ${formatShare(quality.factsKept)}, furniture removed ${formatShare(quality.furnitureRemoved)}, ` +
          `lead-ins with what they announce ${formatShare(quality.leadInsWithFollower)}`,
      );
      if (!verbose) continue;
      for (const check of checks) {
        const problems = [
          check.balancedQuotes ? '' : 'unbalanced quotes',
          check.cleanFeedTitle && check.cleanRawTitle ? '' : 'title not clean',
          check.factsLost.length > 0 ? `lost ${check.factsLost.join(' | ')}` : '',
          check.furnitureLeft.length > 0 ? `furniture ${check.furnitureLeft.join(' | ')}` : '',
          check.danglingLeadIns.length > 0 ? `dangling ${check.danglingLeadIns.join(' | ')}` : '',
        ].filter((problem) => problem !== '');
        if (problems.length > 0) ctx.note(`    ${check.name}: ${problems.join('; ')}`);
      }
    }
  }

  // Articles made to hurt the quotation pairing, the lead-in binding and the furniture rules.
  const HOSTILE: Record<string, string> = {
    'curly quotations opened, never closed': '“Yes. ',
    'straight quotations': '"Yes." And. ',
    'nested guillemets and quotes': '«a „b“ "c." ',
    'one-line lead-ins': 'Not everyone agreed.\n\n',
    'related-links labels': 'Baca juga:\n\nHarga turun\n\n',
  };
  ctx.note(`hostile articles of ${MAX_TEXT_CHARS} characters:`);
  for (const [name, unit] of Object.entries(HOSTILE)) {
    const content = unit.repeat(Math.ceil(MAX_TEXT_CHARS / unit.length)).slice(0, MAX_TEXT_CHARS);
    const started = performance.now();
    condense({ id: 'hostile', title: 'Hostile', link: '', summary: '', content, language: 'en' });
    ctx.note(`  ${name}: ${(performance.now() - started).toFixed(0)} ms`);
  }
}
