/**
 * `npm run bench`: every benchmark, one after the other. Figures are printed, not asserted:
 * timings belong here, not in unit tests. `npm run bench -- --only briefs` runs one of them
 * (`matching`, `pipeline`, `briefs`).
 */
const BENCHES = [
  { name: 'matching', title: 'topic matching', load: () => import('./matching.js') },
  { name: 'pipeline', title: 'pipeline', load: () => import('./pipeline.js') },
  { name: 'briefs', title: 'brief quality', load: () => import('./brief-quality.js') },
];

const onlyAt = process.argv.indexOf('--only');
const only = onlyAt === -1 ? undefined : process.argv[onlyAt + 1];
const chosen = BENCHES.filter((bench) => only === undefined || bench.name === only);
if (chosen.length === 0) {
  console.error(`--only takes one of: ${BENCHES.map((bench) => bench.name).join(', ')}`);
  process.exit(2);
}
for (const [index, bench] of chosen.entries()) {
  console.log(`${index === 0 ? '' : '\n'}== ${bench.title} ==`);
  await bench.load();
}
