// Playwright drives Debian's Chromium (never a downloaded browser) against
// the release build in dist/, served by server.mjs.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  // Two cores on this machine: one worker for the browser, one for the rest.
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  // `list` ends with a summary such as "12 passed (20.1s)"; the second
  // reporter adds the plain line "e2e: 12 passed, 0 failed, 0 skipped".
  reporter: [['list'], ['./support/summary-reporter.js']],
  use: {
    baseURL,
    browserName: 'chromium',
    acceptDownloads: true,
    // The service worker answers requests itself, which page.route() cannot
    // intercept; hosting.spec.js turns it on to test offline use.
    serviceWorkers: 'block',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      // This machine's network reaches only package registries: without the
      // background-networking flags Chromium keeps trying to call home.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: 'node server.mjs',
    url: `${baseURL}/`,
    env: { PORT: String(port) },
    reuseExistingServer: !process.env.CI,
    timeout: 10_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
