import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code; integration tests live in test/ (browser tests run under Playwright).
export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'sync-server/**/*.test.ts',
      'extension/**/*.test.ts',
      'test/integration/**/*.test.ts',
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
