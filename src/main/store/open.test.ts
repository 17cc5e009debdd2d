import { describe, it, expect, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './open';
import { MIGRATIONS, SCHEMA_VERSION, APPLICATION_ID } from './migrations';
import { StoreNewerError, StoreUnusableError } from './errors';
import { openStore } from './store';
import { storePath } from './paths';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'csp-open-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates the folder and file, in WAL mode, at the latest schema version', () => {
    const dir = join(tempDir(), 'nested', 'data');
    const db = openDatabase({ dataDir: dir });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
    expect(existsSync(storePath(dir))).toBe(true);
  });

  it('upgrades from every earlier version, keeping what was there', () => {
    for (const m of MIGRATIONS.slice(0, -1)) {
      const dir = tempDir();
      const old = openDatabase({ dataDir: dir, targetVersion: m.version });
      expect(old.pragma('user_version', { simple: true })).toBe(m.version);
      old.exec("CREATE TABLE IF NOT EXISTS upgrade_probe (x TEXT); INSERT INTO upgrade_probe VALUES ('kept')");
      old.close();
      const db = openDatabase({ dataDir: dir });
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.prepare('SELECT x FROM upgrade_probe').pluck().get()).toBe('kept');
      db.close();
    }
    // Reopening an up-to-date file applies nothing and changes nothing.
    const dir = tempDir();
    openDatabase({ dataDir: dir }).close();
    const again = openDatabase({ dataDir: dir });
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('refuses a database newer than the app, naming both versions', () => {
    const dir = tempDir();
    openDatabase({ dataDir: dir }).close();
    const raw = new Database(storePath(dir));
    raw.pragma(`user_version = ${SCHEMA_VERSION + 3}`);
    raw.close();
    let caught: unknown;
    try {
      openDatabase({ dataDir: dir });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StoreNewerError);
    expect((caught as Error).message).toContain(`schema version ${SCHEMA_VERSION + 3}`);
    expect((caught as Error).message).toContain(`(version ${SCHEMA_VERSION})`);
  });

  it('reports a non-SQLite file as corrupt and can move it aside', () => {
    const dir = tempDir();
    writeFileSync(storePath(dir), 'this is a text file, not a database\n'.repeat(200));
    let caught: unknown;
    try {
      openStore({ dataDir: dir });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StoreUnusableError);
    const err = caught as StoreUnusableError;
    expect(err.code).toBe('STORE_CORRUPT');
    expect(err.message).toContain(storePath(dir));
    const moved = err.moveAside();
    expect(moved).toMatch(/store\.sqlite\.corrupt-/);
    expect(existsSync(moved)).toBe(true);
    // The next open starts a fresh store instead of failing again.
    const store = openStore({ dataDir: dir });
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    store.close();
  });

  it('reports a SQLite file from another program as foreign', () => {
    const dir = tempDir();
    const raw = new Database(storePath(dir));
    raw.exec('CREATE TABLE contacts (name TEXT)');
    raw.close();
    expect(() => openDatabase({ dataDir: dir })).toThrow(/not a CSP Studio store/);
    try {
      openDatabase({ dataDir: dir });
    } catch (error) {
      expect((error as StoreUnusableError).code).toBe('STORE_FOREIGN');
      (error as StoreUnusableError).moveAside();
    }
    expect(readdirSync(dir).some((f) => f.includes('.foreign-'))).toBe(true);
    openDatabase({ dataDir: dir }).close();
  });

  it('reports a file with a valid header but garbage pages as corrupt', () => {
    const dir = tempDir();
    const header = Buffer.from('SQLite format 3\0', 'latin1');
    writeFileSync(storePath(dir), Buffer.concat([header, Buffer.alloc(8192, 0xab)]));
    expect(() => openDatabase({ dataDir: dir })).toThrow(StoreUnusableError);
  });
});
