/**
 * Where the data folder lives and the names of the files inside it. One data folder
 * serves every mode (desktop, web, node, CLI): docs/architecture.md#store-and-data-folder.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The files of a data folder. Secrets and the audit key live beside the DB, never in it. */
export const STORE_FILE = 'store.sqlite';
export const HOST_LOCK_FILE = 'host.lock';
export const HOST_PID_FILE = 'host.pid';
export const SECRETS_FILE = 'secrets.json';
export const AUDIT_KEY_FILE = 'audit-key.json';

/**
 * The default data folder: `$CSP_DATA_DIR` if set, else `$XDG_DATA_HOME/csp-studio`,
 * else `~/.local/share/csp-studio`. `env` and `home` are parameters so tests need not
 * touch the real environment.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const override = env.CSP_DATA_DIR?.trim();
  if (override) return override;
  const xdg = env.XDG_DATA_HOME?.trim();
  // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
  if (xdg && xdg.startsWith('/')) return join(xdg, 'csp-studio');
  return join(home, '.local', 'share', 'csp-studio');
}

export function storePath(dataDir: string): string {
  return join(dataDir, STORE_FILE);
}
