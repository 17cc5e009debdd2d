import { configDefaults, defineConfig } from 'vitest/config';

const TESTS = ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'];

/**
 * Test files run in the `shared` project, without isolation: a worker process
 * runs file after file and keeps the modules it has imported, instead of
 * importing them afresh for every file (that import is a large part of the
 * unit phase). These folders hold tests of pure code (the engine, the shared
 * protocol), of the store (each test opens its own store in a temp folder),
 * and of the build scripts; none mocks a module, patches a global or a
 * prototype, uses fake timers, sets process.env, or starts a host, a server
 * or a run worker in its own process. They pass in shuffled file orders
 * (docs/benchmarks.md, "CI time").
 *
 * Every other file is `isolated` (vitest's default: fresh modules, and a
 * process of its own). New folders are isolated unless added here. Examples
 * of why: the renderer's zustand stores and autosave timers are module state
 * that its tests mutate and expect fresh; src/main/electron and src/preload
 * `vi.mock('electron')`; src/main/host/session.test.ts uses fake timers;
 * src/main/node/keepalive.test.ts patches `WebSocket.prototype.send`; the
 * runtime, node, host and CLI tests start hosts, servers and run workers,
 * whose leftovers (open handles, process listeners) must not outlive a file.
 */
const SHARED = [
  'src/engine/**/*.test.ts',
  'src/shared/**/*.test.ts',
  'src/main/store/**/*.test.ts',
  'bench/**/*.test.ts',
  'scripts/**/*.test.ts',
];

export default defineConfig({
  test: {
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
    // vitest runs setup files again before every file, in the shared project too
    // (scripts/test-data-dir.test.ts checks that its folder is new and empty).
    setupFiles: ['./scripts/test-data-dir.mjs'],
    projects: [
      { extends: true, test: { name: 'shared', include: SHARED, isolate: false } },
      { extends: true, test: { name: 'isolated', include: TESTS, exclude: [...configDefaults.exclude, ...SHARED] } },
    ],
  },
});
