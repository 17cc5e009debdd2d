/**
 * Build of the three Electron bundles into out/:
 *  - main     (src/main/index.ts → out/main/index.js, ESM; native deps stay external), with the
 *              check and run workers beside it (out/main/{check,runtime}-worker.js): the app's
 *              worker threads load these, never the sources (src/main/worker-entry.ts)
 *  - preload  (src/preload/index.ts → out/preload/index.cjs, CommonJS so `sandbox: true` holds;
 *              everything bundled in, since a sandboxed preload can only require 'electron')
 *  - renderer (src/renderer → out/renderer, also what web mode serves)
 * Monaco is bundled locally (no CDN); only its editor worker is built.
 * The command line and web mode are built separately, by scripts/node-build.mjs.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as { version: string };

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          'check-worker': resolve(import.meta.dirname, 'src/main/check/worker.ts'),
          'runtime-worker': resolve(import.meta.dirname, 'src/main/runtime/worker.ts'),
        },
        // Shared chunks sit beside the entries, so any of them finds ./<area>-worker.js.
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    base: '/',
    plugins: [react()],
    define: { 'import.meta.env.PACKAGE_VERSION': JSON.stringify(pkg.version) },
    worker: { format: 'es' },
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 6000,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') },
      },
    },
  },
});
