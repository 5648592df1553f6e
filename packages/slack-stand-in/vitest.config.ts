import { defineConfig } from 'vitest/config';

// This package's tests alone: `npm test -w @goodtime-help/slack-stand-in`. The root config runs them too.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/local-only.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
