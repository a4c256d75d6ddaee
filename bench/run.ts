/**
 * `npm run bench`: kabar's performance, each figure next to a baseline measured in the same run,
 * so that a noisy machine does not change the verdict (see BENCHMARKS.md for the targets and the
 * last results).
 *
 *   npm run bench                       every benchmark, a table each
 *   npm run bench -- --only match,poll  a subset
 *   npm run bench -- --json             one JSON object a line on stdout (notes go to stderr)
 *   npm run bench -- --quick            a seconds-long smoke run of the same code (CI)
 *
 * A throwaway redis-server on a free loopback port serves the benchmarks that need Redis; it is
 * stopped at the end, as are the loopback fakes each benchmark starts.
 */
import { startRedisServer, type RedisServerHandle } from '../src/adapters/redis/embedded-redis.js';
import { formatTable, type BenchContext, type Row } from './support/report.js';

interface Bench {
  name: string;
  title: string;
  load: () => Promise<{ default: (ctx: BenchContext) => Promise<void> }>;
}

const BENCHES: Bench[] = [
  { name: 'match', title: 'topic matching vs one RegExp per term', load: () => import('./match.js') },
  { name: 'parse', title: 'feed parsing, and the in-process pipeline', load: () => import('./parse.js') },
  { name: 'poll', title: 'polling 1,000 feeds twice vs rss-parser', load: () => import('./poll.js') },
  { name: 'fanout', title: 'one brief to 1,000 Telegram chats and 1,000 Discord channels', load: () => import('./fanout.js') },
  { name: 'latency', title: 'new item to delivery, 60 s poll interval', load: () => import('./latency.js') },
  { name: 'scale', title: '10,000 feeds due every 5 minutes on one process', load: () => import('./scale.js') },
  { name: 'memory', title: 'peak RSS of one --role all process', load: () => import('./memory.js') },
  { name: 'pipeline', title: 'end to end on real queues: 40 feeds x 20 new items', load: () => import('./pipeline.js') },
  { name: 'topics', title: 'quality of the shipped topics, and matcher worst cases', load: () => import('./topic-quality.js') },
  { name: 'briefs', title: 'brief quality', load: () => import('./brief-quality.js') },
  { name: 'text', title: 'text modules against libraries', load: () => import('./text.js') },
];

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const only = onlyAt === -1 ? undefined : (args[onlyAt + 1] ?? '').split(',').filter((name) => name !== '');
const unknown = (only ?? []).filter((name) => !BENCHES.some((bench) => bench.name === name));
if (unknown.length > 0 || (only !== undefined && only.length === 0)) {
  console.error(`--only takes a comma-separated list of: ${BENCHES.map((bench) => bench.name).join(', ')}`);
  process.exit(2);
}
const chosen = BENCHES.filter((bench) => only === undefined || only.includes(bench.name));

let redis: Promise<RedisServerHandle> | undefined;
const note = (text: string): void => void (json ? process.stderr : process.stdout).write(`${text}\n`);
const started = performance.now();
try {
  for (const bench of chosen) {
    const rows: Row[] = [];
    if (!json) note(`\n== ${bench.name}: ${bench.title} ==`);
    const benchStarted = performance.now();
    const ctx: BenchContext = {
      quick,
      row(row) {
        rows.push(row);
        if (json) process.stdout.write(`${JSON.stringify(row)}\n`);
      },
      note,
      redisUrl: async () => (await (redis ??= startRedisServer({ persistence: 'none' }))).url,
    };
    await (await bench.load()).default(ctx);
    if (!json && rows.length > 0) note(formatTable(rows));
    note(`(${bench.name}: ${((performance.now() - benchStarted) / 1000).toFixed(1)} s)`);
  }
  note(`bench: ${chosen.length} benchmark(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
  if (redis !== undefined) await (await redis).stop();
}
