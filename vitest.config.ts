import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Two at once on CI's 2 cores: many files mostly wait on child processes and servers they start.
    maxWorkers: 2,
    // scripts/vitest-watch.mjs names any file still running after two minutes, and its test
    // (the default reporter prints a file only when it ends, so a stuck one would go unnamed).
    reporters: ['default', './scripts/vitest-watch.mjs'],
    // Stores made by tests keep their audit key in their temp folder, never in a
    // developer's real key file named by CSP_AUDIT_KEY (spawned CLIs inherit this).
    env: { CSP_AUDIT_KEY: '' },
    // Each test file gets a data folder of its own as CSP_DATA_DIR (a csp child without --data-dir).
    setupFiles: ['./scripts/test-data-dir.mjs'],
  },
});
