import { defineConfig } from '@playwright/test';

// Browser tests load the built extension (.output/chrome-mv3) into Debian's Chromium; see test/CONTEXT.md.
// One worker: every test launches its own persistent browser context, and two Chromiums on 2 cores flake.
export default defineConfig({
  testDir: 'test/browser',
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: { actionTimeout: 10_000, navigationTimeout: 20_000 },
});
