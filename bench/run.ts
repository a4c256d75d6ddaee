/**
 * `npm run bench`: every benchmark, one after the other. Figures are printed, not asserted:
 * timings belong here, not in unit tests.
 */
console.log('== topic matching ==');
await import('./matching.js');
console.log('\n== pipeline ==');
await import('./pipeline.js');
