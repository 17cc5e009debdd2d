/**
 * Secrets (API keys and the like), referred to by name from workflows (docs/workflow-semantics.md#the-workflow-file).
 *
 * Honest storage statement: in Node, web and CLI mode there is no OS keychain here.
 * Values live in plain text in `secrets.json` (mode 0600: only this OS user can read it)
 * in the data folder, outside the database, so a backup, an export or a copy of the
 * database never carries them. `storage()` reports exactly that so the UI can say it.
 * Electron's safeStorage is a later addition; on Linux without a keyring it falls back
 * to a fixed password, which must be reported as "not encrypted", never claimed.
 */
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditLedger } from './audit/ledger';
import { SECRETS_FILE } from './paths';
import { StoreError, badInput, notFound } from './errors';

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

export interface SecretStorageInfo {
  readonly kind: 'file-0600';
  readonly path: string;
  readonly encrypted: false;
  readonly description: string;
}

interface SecretsFile {
  version: 1;
  secrets: Record<string, { value: string; updatedAt: number }>;
}

export class SecretsApi {
  constructor(
    private readonly dataDir: string,
    private readonly audit: AuditLedger,
    private readonly now: () => number,
  ) {}

  get path(): string {
    return join(this.dataDir, SECRETS_FILE);
  }

  storage(): SecretStorageInfo {
    return {
      kind: 'file-0600',
      path: this.path,
      encrypted: false,
      description:
        'Stored unencrypted in a file readable only by your OS user (mode 0600), outside the database. No OS keychain is used in this mode.',
    };
  }

  /** Names and update times; never values. */
  list(): { name: string; updatedAt: number }[] {
    return Object.entries(this.read().secrets)
      .map(([name, s]) => ({ name, updatedAt: s.updatedAt }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  has(name: string): boolean {
    return Object.hasOwn(this.read().secrets, name);
  }

  /** The value, for the runtime to hand to a provider. Never log or record it. */
  reveal(name: string): string {
    const secrets = this.read().secrets;
    const s = Object.hasOwn(secrets, name) ? secrets[name] : undefined;
    if (!s) throw notFound(`secret ${JSON.stringify(name)}`);
    return s.value;
  }

  set(name: string, value: string, actor?: string): void {
    if (!NAME.test(name))
      throw badInput(`secret name ${JSON.stringify(name)} must be a letter or '_' then letters, digits or '_'`);
    if (value.length === 0) throw badInput(`secret ${name}: value is empty`);
    const file = this.read();
    file.secrets[name] = { value, updatedAt: this.now() };
    this.write(file);
    this.audit.append({ actor, action: 'secret.set', subject: `secret:${name}`, details: { name } });
  }

  remove(name: string, actor?: string): boolean {
    const file = this.read();
    if (!Object.hasOwn(file.secrets, name)) return false;
    delete file.secrets[name];
    this.write(file);
    this.audit.append({ actor, action: 'secret.removed', subject: `secret:${name}`, details: { name } });
    return true;
  }

  /** Replaces every stored secret value in `text` with «secret:NAME» (for logs and exports). */
  redact(text: string): string {
    return makeRedactor(this.redactionPairs())(text);
  }

  /** Name/value pairs for a redactor that must not re-read the file per call (run writers). */
  redactionPairs(): { name: string; value: string }[] {
    return Object.entries(this.read().secrets)
      .filter(([, s]) => s.value.length >= 4) // shorter values would redact ordinary text
      .map(([name, s]) => ({ name, value: s.value }));
  }

  private read(): SecretsFile {
    if (!existsSync(this.path)) return { version: 1, secrets: {} };
    const mode = statSync(this.path).mode & 0o777;
    if ((mode & 0o077) !== 0) chmodSync(this.path, 0o600); // someone widened it; narrow it back
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch (error) {
      throw new StoreError('BAD_INPUT', `secrets file ${this.path} is not valid JSON (${(error as Error).message})`);
    }
    const p = parsed as Partial<SecretsFile> | null;
    if (!p || p.version !== 1 || typeof p.secrets !== 'object' || p.secrets === null) {
      throw new StoreError('BAD_INPUT', `secrets file ${this.path} is not a version 1 secrets file`);
    }
    return { version: 1, secrets: { ...p.secrets } };
  }

  /** Atomic replace: a crash leaves either the old or the new file, both 0600. */
  private write(file: SecretsFile): void {
    const tmp = `${this.path}.tmp-${process.pid}`;
    writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.path);
  }
}

/** A function replacing each secret value with «secret:NAME»; identity when there are none. */
export function makeRedactor(pairs: readonly { name: string; value: string }[]): (text: string) => string {
  if (pairs.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const p of pairs) if (out.includes(p.value)) out = out.split(p.value).join(`«secret:${p.name}»`);
    return out;
  };
}
