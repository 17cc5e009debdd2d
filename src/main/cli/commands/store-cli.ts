/**
 * Shared plumbing of the store commands (audit, backup, restore): find the data
 * folder, open the store as a CLI (no host lock), and turn store errors into one
 * stderr line and exit 2 instead of a stack trace.
 */
import type { Command } from 'commander';
import { StoreError, StoreUnusableError, defaultDataDir, openStore } from '../../store';
import type { Store } from '../../store';
import { EXIT_NO, EXIT_USAGE } from '../exit-codes';

export interface StoreCliOptions {
  readonly dataDir: string;
  readonly json: boolean;
}

export function storeOptions(cmd: Command): StoreCliOptions {
  const o = cmd.optsWithGlobals<{ dataDir?: string; json?: boolean }>();
  return { dataDir: o.dataDir ?? defaultDataDir(), json: o.json === true };
}

/** Runs `body`; a StoreError (or an I/O error) becomes `csp: message` and exit 2 (exit 1 for a refusal). */
export async function withStoreErrors(body: () => Promise<void> | void): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof StoreError || (error instanceof Error && 'code' in error)) {
      process.stderr.write(`csp: ${error.message}\n`);
      if (error instanceof StoreUnusableError) {
        // The offer to move it aside, as a command the user can run (the app offers a button).
        process.stderr.write(`csp: to keep it and start a new store: mv '${error.path}' '${error.path}.moved-aside'\n`);
      }
      // A refusal (a restore of a backup signed by an unknown key) is the answer "no".
      process.exitCode = error instanceof StoreError && error.code === 'REFUSED' ? EXIT_NO : EXIT_USAGE;
      return;
    }
    throw error;
  }
}

export function withCliStore<T>(options: StoreCliOptions, body: (store: Store) => T): T {
  const store = openStore({ dataDir: options.dataDir, role: 'cli' });
  try {
    return body(store);
  } finally {
    store.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
