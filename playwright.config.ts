/**
 * Playwright e2e against web mode in Debian's Chromium (never `playwright install`:
 * it downloads, which fails here). `npm test` and `npm run test:e2e` first run
 * scripts/chromium.mjs, which installs Debian's package when the browser is
 * missing; here a missing browser is a clear error, not a skip.
 * Each test starts its own host (see e2e/host.ts; the next test's is started while a test runs,
 * e2e/support/studio.ts); the renderer must be built first
 * (`npm run build`; `npm test` does it).
 */
import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

const executablePath = process.env.CSP_CHROMIUM || '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  throw new Error(
    `Chromium not found at ${executablePath}. Run "node scripts/chromium.mjs" to install it (Debian, as root), or set CSP_CHROMIUM to a Chromium binary.`,
  );
}

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.e2e.ts',
  outputDir: 'e2e/artifacts/test-results',
  // Generous: a loaded 2-core CI machine needs several seconds just to start a host from source.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // One file at a time. Two at once (CSP_E2E_WORKERS=2; each test has its own host, data folder
  // and port) saved no time on CI's 2 cores (446-464 s against 476 s: each test keeps a host and
  // Chromium busy) and made timing-sensitive tests fail (an autosave's dirty title, a scroll).
  workers: Number(process.env.CSP_E2E_WORKERS) || 1,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    // A failed test keeps its trace: every action with the page's DOM before and after, console and
    // network. Not the trace's screencast: recording it for every test took about a quarter of the
    // e2e phase's CPU (shell and workbench: 56 -> 43 CPU-s, Node and Chromium), and a failure keeps
    // its screenshot anyway.
    trace: { mode: 'retain-on-failure', screenshots: false },
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
