/**
 * Flat ESLint config. Type-aware rules only on TypeScript, all typed by one
 * program (the root tsconfig.json, which includes the engine): with
 * `projectService` the engine's files were typed by src/engine/tsconfig.json,
 * a second program of the same files, and ESLint took about 40% more CPU and
 * memory (80 s and 2.9 GB against 58 s and 1.9 GB). The engine's own compiler
 * options are checked by the typecheck phase (`tsc -p src/engine/tsconfig.json`);
 * the layer table of docs/architecture.md#layers is enforced by `layers/imports`
 * (scripts/eslint-layers.js) on everything under src/.
 */
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './scripts/eslint-layers.js';

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'e2e/artifacts/**',
      'test-results/**',
      'playwright-report/**',
      'bench/artifacts/**',
      '.data/**',
      '**/__fixtures__/**',
      // electron-vite's bundled config, written beside electron.vite.config.ts and deleted while
      // the build runs (npm test lints and builds side by side: ESLint listed one, then could not read it).
      '*.vite.config.*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
    languageOptions: {
      parserOptions: {
        project: './tsconfig.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The engine is pure: time and randomness are passed in (a Clock, an Rng), so runs replay exactly.
    files: ['src/engine/**'],
    ignores: ['src/engine/**/*.test.ts', 'src/engine/**/*.property.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'the engine is pure: take a Clock (docs/architecture.md#layers)' },
        { name: 'performance', message: 'the engine is pure: take a Clock (docs/architecture.md#layers)' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'the engine is pure: take an Rng (docs/architecture.md#layers)',
        },
      ],
    },
  },
  {
    files: ['src/**'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/imports': 'error' },
  },
);
