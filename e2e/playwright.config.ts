import { defineConfig } from '@playwright/test';
import { artifactPath } from './support/paths';

/**
 * End-to-end tests: the real API (embedded PGlite, a fresh data folder, a small demo dataset) and the
 * built web app, started on free ports by `global-setup.ts`, driven in Debian's Chromium.
 * Set LOUPE_E2E_BASE_URL to test a stack that is already running instead.
 */
export default defineConfig({
  testDir: './tests',
  outputDir: artifactPath('test-results'),
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { outputFolder: artifactPath('report'), open: 'never' }]],
  use: {
    viewport: { width: 1280, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.LOUPE_CHROMIUM ?? '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--disable-quic',
            '--no-first-run',
          ],
        },
      },
    },
  ],
});
