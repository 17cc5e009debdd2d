import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { ed25519 } from '@noble/curves/ed25519.js';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempStore } from '../__fixtures__/temp';
import { resignLedger, truncateLedger } from '../__fixtures__/forge-ledger';
import { storePath } from '../paths';
import { canonicalJson } from './canonical';
import { KEY_ROTATED, entryHash, rotationProofMessage, signHash, signMessage } from './entry';
import { fromHex, keyFingerprint, toHex } from './hex';
import { openStore } from '../store';

const keyFile = (dir: string): string => join(dir, 'audit-key.json');
const fingerprintOf = (dir: string): string =>
  (JSON.parse(readFileSync(keyFile(dir), 'utf8')) as { fingerprint: string }).fingerprint;

describe('audit ledger', () => {
  it('chains signed entries and verifies them against the key file', () => {
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
    expect(report).toMatchObject({
      ok: true,
      entries: 2,
      keyChanges: [],
      headKey: fingerprintOf(dir),
      pinned: { fingerprint: fingerprintOf(dir) },
    });
    expect(report.anchor).toMatchObject({ seq: 2, hash: b.hash });
    expect(statSync(keyFile(dir)).mode & 0o777).toBe(0o600);
  });

  it('refuses UPDATE and DELETE on the ledger table', () => {
    const { store } = tempStore();
    store.audit.append({ action: 'x', subject: 'y' });
    expect(() => store.db.prepare("UPDATE audit_ledger SET actor = 'mallory'").run()).toThrow(
      /append-only: UPDATE refused/,
    );
    expect(() => store.db.prepare('DELETE FROM audit_ledger').run()).toThrow(/append-only: DELETE refused/);
  });

  it('reports the first broken link when an entry is edited behind the triggers', () => {
    const { store, dir } = tempStore();
    for (let i = 0; i < 5; i++)
      store.audit.append({ action: 'workflow.saved', subject: `workflow:${i}`, details: { i } });
    const raw = new Database(storePath(dir));
    raw.exec('DROP TRIGGER audit_ledger_no_update');
    raw.prepare('UPDATE audit_ledger SET details = ? WHERE seq = 3').run(canonicalJson({ i: 99 }));
    raw.close();
    expect(store.audit.verify()).toMatchObject({
      ok: false,
      entries: 2,
      firstBroken: { seq: 3, reason: expect.stringContaining('edited') },
    });
  });

  it('detects a deleted entry, and an edit with a recomputed hash but no key', () => {
    const { store, dir } = tempStore();
    for (let i = 0; i < 4; i++) store.audit.append({ action: 'a', subject: `s${i}` });
    const raw = new Database(storePath(dir));
    raw.exec('DROP TRIGGER audit_ledger_no_delete');
    raw.prepare('DELETE FROM audit_ledger WHERE seq = 2').run();
    raw.close();
    expect(store.audit.verify().firstBroken).toEqual({
      seq: 2,
      reason: 'entry 2 is missing (the next entry stored is 3)',
    });

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

  it('fails a chain signed again with a fresh key, and refuses to append on top of it', () => {
    const { store, dir } = tempStore();
    for (let i = 0; i < 4; i++) store.audit.append({ action: 'a', subject: `s${i}` });
    const ours = fingerprintOf(dir);
    const forger = resignLedger(storePath(dir), (rows) =>
      rows.map((r) => (r.seq === 2 ? { ...r, actor: 'mallory' } : r)),
    );
    const report = store.audit.verify();
    expect(report).toMatchObject({ ok: false, entries: 0, headKey: forger, firstBroken: { seq: 1 } });
    expect(report.firstBroken?.reason).toContain(`signed by key ${forger}, not by the pinned key ${ours}`);
    // Pinning the forger's key instead does not help: the anchor remembers the real head.
    expect(store.audit.verify({ key: forger }).firstBroken).toMatchObject({
      seq: 4,
      reason: expect.stringContaining('not the entry the anchor'),
    });
    expect(() => store.audit.append({ action: 'b', subject: 't' })).toThrow(
      new RegExp(`holds key ${ours}, but the ledger is signed with key ${forger}; nothing was recorded`),
    );
  });

  it('detects a cut-off head through the anchor kept beside the key', () => {
    const { store, dir } = tempStore();
    const entries = [1, 2, 3, 4].map((i) => store.audit.append({ action: 'a', subject: `s${i}` }));
    truncateLedger(storePath(dir), 2);
    expect(store.audit.verify().firstBroken).toEqual({
      seq: 3,
      reason: expect.stringMatching(
        /^the ledger ends at entry 2, but the anchor \(.*audit-key\.anchor\.json\) records entry 4/,
      ),
    });
    expect(store.audit.verify({ ignoreAnchor: true, head: entries[3]!.hash }).firstBroken?.reason).toMatch(
      /no entry has the head hash you gave/,
    );
    expect(store.audit.verify({ ignoreAnchor: true, head: entries[1]!.hash }).ok).toBe(true);
    // Accepting the loss is on the record, and the anchor moves to the current head.
    const { entry, previous } = store.audit.reanchor('tester');
    expect(previous).toMatchObject({ seq: 4 });
    expect(entry).toMatchObject({ seq: 3, action: 'audit.reanchored', details: { previousAnchor: { seq: 4 } } });
    expect(store.audit.verify()).toMatchObject({ ok: true, entries: 3, anchor: { seq: 3 } });
    expect(() => store.audit.reanchor()).toThrow(/nothing to re-anchor/);
  });

  it('rotates the key: the old key names the new one, which proves possession; verify follows it', () => {
    const { store, dir } = tempStore();
    store.audit.append({ action: 'a', subject: 's' });
    const before = fingerprintOf(dir);
    const { entry, previous, next } = store.audit.rotateKey('tester');
    expect(previous).toBe(before);
    expect(fingerprintOf(dir)).toBe(next);
    expect(existsSync(`${keyFile(dir)}.next`)).toBe(false);
    expect(JSON.parse(readFileSync(keyFile(dir), 'utf8'))).toMatchObject({
      previous: [{ fingerprint: before, ledgerSeq: 2 }],
    });
    expect(entry).toMatchObject({
      seq: 2,
      action: KEY_ROTATED,
      details: { newFingerprint: next, previousFingerprint: before },
    });
    const after = store.audit.append({ action: 'b', subject: 't' });
    expect(keyFingerprint(after.publicKey)).toBe(next);
    expect(store.audit.verify()).toMatchObject({
      ok: true,
      entries: 3,
      keyChanges: [{ seq: 2, kind: 'rotated', from: before, to: next }],
    });
    // A fingerprint written down before the rotation still verifies: trust flows through it.
    expect(store.audit.verify({ key: before }).ok).toBe(true);
  });

  it('rejects a rotation whose new key did not sign its place in the chain', () => {
    const { store, dir } = tempStore();
    store.audit.append({ action: 'a', subject: 's' });
    const ours = readFileSync(keyFile(dir), 'utf8');
    const secret = fromHex((JSON.parse(ours) as { secretKey: string }).secretKey);
    const publicKey = toHex(ed25519.getPublicKey(secret));
    const head = store.audit.head()!;
    // Even the key holder cannot rotate to a key whose secret they lack (the proof is by another key).
    const stranger = ed25519.utils.randomSecretKey();
    const claimed = toHex(ed25519.getPublicKey(ed25519.utils.randomSecretKey()));
    const proof = signMessage(
      rotationProofMessage({ seq: 2, prevHash: head.hash, previousPublicKey: publicKey, newPublicKey: claimed }),
      stranger,
    );
    const base = {
      seq: 2,
      at: 1,
      actor: 'x',
      action: KEY_ROTATED,
      subject: 'audit-key',
      details: { newPublicKey: claimed, newKeyProof: proof },
      prevHash: head.hash,
      publicKey,
    };
    const hash = entryHash(base);
    store.db
      .prepare(
        'INSERT INTO audit_ledger (seq, at, actor, action, subject, details, prev_hash, hash, public_key, signature) VALUES (?,?,?,?,?,?,?,?,?,?)',
      )
      .run(
        2,
        1,
        'x',
        KEY_ROTATED,
        'audit-key',
        canonicalJson(base.details),
        head.hash,
        hash,
        publicKey,
        signHash(hash, secret),
      );
    expect(store.audit.verify().firstBroken).toEqual({
      seq: 2,
      reason: "key rotation: the new key's proof of possession does not verify",
    });
  });

  it('finishes a rotation interrupted between its commit and the key file swap', () => {
    const { store, dir } = tempStore();
    store.audit.append({ action: 'a', subject: 's' });
    const oldFile = readFileSync(keyFile(dir), 'utf8');
    const { next } = store.audit.rotateKey();
    store.close();
    // The state a crash leaves: the ledger names the new key, which still sits in .next.
    renameSync(keyFile(dir), `${keyFile(dir)}.next`);
    writeFileSync(keyFile(dir), oldFile, { mode: 0o600 });
    const again = openStore({ dataDir: dir, actor: 'tester' });
    try {
      expect(keyFingerprint(again.audit.append({ action: 'b', subject: 't' }).publicKey)).toBe(next);
      expect(fingerprintOf(dir)).toBe(next);
      expect(again.audit.verify().ok).toBe(true);
    } finally {
      again.close();
    }
  });

  it('a long-lived store follows a rotation made by another process', () => {
    const { store, dir } = tempStore();
    store.audit.append({ action: 'a', subject: 's' });
    const other = openStore({ dataDir: dir, actor: 'cli' });
    const { next } = other.audit.rotateKey();
    other.close();
    expect(keyFingerprint(store.audit.append({ action: 'b', subject: 't' }).publicKey)).toBe(next);
    expect(store.audit.verify().ok).toBe(true);
  });

  it('records a replaced key when the key file is lost; the old fingerprint no longer vouches for what follows', () => {
    const { store, dir } = tempStore();
    store.audit.append({ action: 'a', subject: 's' });
    const old = fingerprintOf(dir);
    store.close();
    rmSync(keyFile(dir));
    const again = openStore({ dataDir: dir, actor: 'tester' });
    try {
      const e = again.audit.append({ action: 'b', subject: 't' });
      expect(e.seq).toBe(3);
      expect(again.audit.list()[1]).toMatchObject({
        action: 'audit.key-replaced',
        details: { previousFingerprint: old, reason: 'the audit key file was missing' },
      });
      const report = again.audit.verify();
      expect(report).toMatchObject({
        ok: true,
        keyChanges: [{ seq: 2, kind: 'replaced', from: old, to: fingerprintOf(dir) }],
      });
      // Pinned to the old key, the replacement is a takeover it never agreed to.
      expect(again.audit.verify({ key: old }).firstBroken).toMatchObject({
        seq: 2,
        reason: expect.stringContaining('without the consent of the pinned key'),
      });
    } finally {
      again.close();
    }
  });

  it('leaves a damaged anchor file alone and says how to recover', () => {
    const { store, dir } = tempStore();
    store.audit.append({ action: 'a', subject: 's' });
    writeFileSync(join(dir, 'audit-key.anchor.json'), '{ not json');
    expect(() => store.audit.verify()).toThrow(
      /audit anchor file .*audit-key\.anchor\.json is not valid JSON .*then remove it/,
    );
    store.audit.append({ action: 'b', subject: 't' }); // appends still work; the evidence stays
    expect(readFileSync(join(dir, 'audit-key.anchor.json'), 'utf8')).toBe('{ not json');
    rmSync(join(dir, 'audit-key.anchor.json'));
    expect(store.audit.verify()).toMatchObject({ ok: true, anchor: undefined });
  });

  it('keeps working with a key file written before fingerprints and rotations existed', () => {
    const { store, dir } = tempStore();
    const secret = ed25519.utils.randomSecretKey();
    const publicKey = toHex(ed25519.getPublicKey(secret));
    const old = {
      version: 1,
      algorithm: 'ed25519',
      createdAt: '2026-01-01T00:00:00.000Z',
      publicKey,
      secretKey: toHex(secret),
    };
    writeFileSync(keyFile(dir), JSON.stringify(old), { mode: 0o600 });
    store.audit.append({ action: 'a', subject: 's' });
    expect(store.audit.verify()).toMatchObject({ ok: true, pinned: { fingerprint: keyFingerprint(publicKey) } });
    expect(store.audit.rotateKey().previous).toBe(keyFingerprint(publicKey));
    expect(store.audit.verify().ok).toBe(true);
  });

  it('names bad --key and --head values', () => {
    const { store } = tempStore();
    store.audit.append({ action: 'a', subject: 's' });
    expect(() => store.audit.verify({ key: 'abc' })).toThrow(/--key must be a key fingerprint \(32 hex digits/);
    expect(() => store.audit.verify({ head: 'xyz' })).toThrow(/--head must be a ledger hash \(64 hex digits/);
  });
});
