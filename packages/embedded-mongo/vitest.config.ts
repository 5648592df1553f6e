import { defineConfig } from 'vitest/config';

// This package's tests alone: `npm test -w @goodtime-help/embedded-mongo`. The root config runs them too.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
