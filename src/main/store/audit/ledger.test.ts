import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { rmSync, statSync } from 'node:fs';
import { tempStore } from '../__fixtures__/temp';
import { storePath } from '../paths';
import { auditKeyPath } from './key';
import { canonicalJson } from './canonical';
import { entryHash } from './ledger';
import { openStore } from '../store';

describe('audit ledger', () => {
  it('chains signed entries and verifies them', () => {
    const { store, dir } = tempStore();
    expect(store.audit.verify()).toMatchObject({ ok: true, entries: 0, head: undefined });
    const a = store.audit.append({ action: 'node.attached', subject: 'node:ws://10.0.0.2', details: { b: 2, a: 1 } });
    const b = store.audit.append({ actor: 'alice', action: 'settings.changed', subject: 'setting:x' });
    expect(a.seq).toBe(1);
    expect(a.prevHash).toBe('0'.repeat(64));
    expect(b.prevHash).toBe(a.hash);
    expect(b.actor).toBe('alice');
    expect(store.audit.head()).toEqual({ seq: 2, hash: b.hash, at: b.at });
    const report = store.audit.verify();
    expect(report).toMatchObject({ ok: true, entries: 2, keyFile: 'matches-head', keyChanges: [] });
    expect(statSync(auditKeyPath(dir)).mode & 0o777).toBe(0o600);
  });

  it('refuses UPDATE and DELETE on the ledger table', () => {
    const { store } = tempStore();
    store.audit.append({ action: 'x', subject: 'y' });
    expect(() => store.db.prepare("UPDATE audit_ledger SET actor = 'mallory'").run()).toThrow(/append-only: UPDATE refused/);
    expect(() => store.db.prepare('DELETE FROM audit_ledger').run()).toThrow(/append-only: DELETE refused/);
  });

  it('reports the first broken link when an entry is edited behind the triggers', () => {
    const { store, dir } = tempStore();
    for (let i = 0; i < 5; i++) store.audit.append({ action: 'workflow.saved', subject: `workflow:${i}`, details: { i } });
    const raw = new Database(storePath(dir));
    raw.exec('DROP TRIGGER audit_ledger_no_update');
    raw.prepare("UPDATE audit_ledger SET details = ? WHERE seq = 3").run(canonicalJson({ i: 99 }));
    raw.close();
    expect(store.audit.verify()).toMatchObject({ ok: false, entries: 2, firstBroken: { seq: 3, reason: expect.stringContaining('edited') } });
  });

  it('detects a deleted entry, and an edit with a recomputed hash but no key', () => {
    const { store, dir } = tempStore();
    for (let i = 0; i < 4; i++) store.audit.append({ action: 'a', subject: `s${i}` });
    const raw = new Database(storePath(dir));
    raw.exec('DROP TRIGGER audit_ledger_no_delete');
    raw.prepare('DELETE FROM audit_ledger WHERE seq = 2').run();
    raw.close();
    expect(store.audit.verify().firstBroken).toEqual({ seq: 3, reason: 'expected entry 2 next, found 3 (entries missing)' });

    const { store: s2, dir: d2 } = tempStore();
    const e1 = s2.audit.append({ action: 'a', subject: 's' });
    const raw2 = new Database(storePath(d2));
    raw2.exec('DROP TRIGGER audit_ledger_no_update');
    // A forger who edits and recomputes the hash still cannot sign it.
    const forged = { ...e1, actor: 'mallory' };
    raw2.prepare("UPDATE audit_ledger SET actor = 'mallory', hash = ? WHERE seq = 1").run(entryHash(forged));
    raw2.close();
    expect(s2.audit.verify().firstBroken).toEqual({ seq: 1, reason: 'signature does not verify' });
  });

  it('records a replaced key when the key file is lost, and verify reports it', () => {
    const { store, dir } = tempStore();
    store.audit.append({ action: 'a', subject: 's' });
    store.close();
    rmSync(auditKeyPath(dir));
    const again = openStore({ dataDir: dir, actor: 'tester' });
    try {
      const e = again.audit.append({ action: 'b', subject: 't' });
      expect(e.seq).toBe(3);
      const entries = again.audit.list();
      expect(entries[1]?.action).toBe('audit.key-replaced');
      const report = again.audit.verify();
      expect(report.ok).toBe(true);
      expect(report.keyChanges).toHaveLength(1);
      expect(report.keyChanges[0]?.seq).toBe(2);
    } finally {
      again.close();
    }
  });
});
