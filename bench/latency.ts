import type { BenchContext } from './support/report.js';
export default async function run(ctx: BenchContext): Promise<void> { ctx.note('todo'); }
