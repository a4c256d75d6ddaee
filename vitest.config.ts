import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/redis-global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Tests share one redis-server but each uses its own key prefix, so files may run in parallel.
    pool: 'forks',
  },
});
