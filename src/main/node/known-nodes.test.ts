import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KnownNodes, TokenUnavailable, publicEntry } from './known-nodes';
import { safeStorageSealer } from './secrets';
import type { SafeStorageLike, SecretSealer } from './secrets';

/** An OS keychain stand-in with a real cipher: AES-256-GCM under a key only this object holds. */
function keychain(): SafeStorageLike & { available: boolean; backend: string } {
  const key = randomBytes(32);
  return {
    available: true,
    backend: 'gnome_libsecret',
    isEncryptionAvailable() {
      return this.available;
    },
    getSelectedStorageBackend() {
      return this.backend;
    },
    encryptString: (plain) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString: (sealed) => {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
const sealerOf = (k: SafeStorageLike): SecretSealer => {
  const sealer = safeStorageSealer(k, 'linux');
  if (sealer === undefined) throw new Error('no sealer');
  return sealer;
};

const dirs: string[] = [];
function fresh(): { dir: string; known: KnownNodes } {
  const dir = mkdtempSync(join(tmpdir(), 'csp-known-nodes-'));
  dirs.push(dir);
  return { dir, known: new KnownNodes(dir) };
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the nodes a studio knows', () => {
  it('remembers a node in an owner-only file, and never shows its token', () => {
    const { dir, known } = fresh();
    const node = known.add('http://127.0.0.1:7420', 'cspn_secret', 'big', undefined);
    expect(node).toMatchObject({ url: 'ws://127.0.0.1:7420/ws', label: 'big', token: 'cspn_secret' });
    expect(node.id).toMatch(/^n[0-9a-f]{12}$/);
    expect(statSync(join(dir, 'nodes.json')).mode & 0o777).toBe(0o600);
    expect(JSON.stringify(publicEntry(node))).not.toContain('cspn_secret');
    expect(new KnownNodes(dir).get(node.id)?.token).toBe('cspn_secret');
  });

  it('adds the same address again as the same node (new token, same id and colour); others get other colours', () => {
    const { known } = fresh();
    const a = known.add('ws://127.0.0.1:7420/ws', 'one', 'a', undefined);
    const again = known.add('http://127.0.0.1:7420', 'two', undefined, undefined);
    const b = known.add('ws://127.0.0.1:7421/ws', 'three', 'b', undefined);
    expect(again).toMatchObject({ id: a.id, colour: a.colour, label: 'a', token: 'two' });
    expect(b.colour).not.toBe(a.colour);
    expect(known.list().map((n) => n.label)).toEqual(['a', 'b']);
  });

  it('forgets a node with its pin', () => {
    const { dir, known } = fresh();
    const n = known.add('wss://node.example:7420', 't', 'x', 'AB:CD');
    known.pins.set('node.example:7420', 'AB:CD');
    expect(known.remove(n.id)).toBe(true);
    expect(known.list()).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'node-pins.json'), 'utf8'))).toEqual({});
    expect(known.remove(n.id)).toBe(false);
  });

  it('says which file is damaged, and refuses a URL that is not a node', () => {
    const { dir, known } = fresh();
    expect(() => known.add('ftp://x', 't', undefined, undefined)).toThrow(/starts with wss:\/\/, ws:\/\//);
    expect(() => known.add('http://user:pw@x:1', 't', undefined, undefined)).toThrow(/token field, not in the URL/);
    writeFileSync(join(dir, 'nodes.json'), '{ not json');
    expect(() => known.list()).toThrow(`the node list ${join(dir, 'nodes.json')} is damaged`);
  });

  it('with the OS keychain, writes tokens only sealed, reads them back, and seals plain ones found in the file', () => {
    const { dir, known: plain } = fresh();
    const old = plain.add('ws://127.0.0.1:7420/ws', 'cspn_written_before', 'old', undefined);
    const k = keychain();
    const sealed = new KnownNodes(dir, sealerOf(k));
    expect(sealed.get(old.id)?.token).toBe('cspn_written_before');
    const fresh2 = sealed.add('ws://127.0.0.1:7421/ws', 'cspn_new_secret', 'new', undefined);
    const text = readFileSync(join(dir, 'nodes.json'), 'utf8');
    expect(text).not.toContain('cspn_written_before');
    expect(text).not.toContain('cspn_new_secret');
    expect((JSON.parse(text) as { nodes: Array<{ tokenSealed?: string }> }).nodes.every((n) => n.tokenSealed)).toBe(
      true,
    );
    expect(statSync(join(dir, 'nodes.json')).mode & 0o777).toBe(0o600);
    expect(new KnownNodes(dir, sealerOf(k)).get(fresh2.id)?.token).toBe('cspn_new_secret');
    expect(sealed.protection).toBe('sealed with safeStorage (gnome_libsecret)');
  });

  it('says so when a sealed token cannot be read here (no keychain, or another one), and still lists the node', () => {
    const { dir } = fresh();
    const node = new KnownNodes(dir, sealerOf(keychain())).add('ws://127.0.0.1:7420/ws', 'cspn_x', 'vault', undefined);
    const web = new KnownNodes(dir);
    expect(web.entries().map((n) => n.label)).toEqual(['vault']);
    expect(web.list()[0]?.token).toBe('');
    expect(() => web.get(node.id)).toThrow(TokenUnavailable);
    expect(() => web.get(node.id)).toThrow(/token of node vault was sealed by the desktop app's keychain/);
    const other = new KnownNodes(dir, sealerOf(keychain()));
    expect(() => other.get(node.id)).toThrow(/node vault cannot be opened with safeStorage \(gnome_libsecret\)/);
    // Adding it again with its token makes it usable again.
    other.add('ws://127.0.0.1:7420/ws', 'cspn_x2', undefined, undefined);
    expect(other.get(node.id)?.token).toBe('cspn_x2');
  });

  it('uses safeStorage only where it protects: not unavailable, not Linux without a keyring', () => {
    const k = keychain();
    expect(safeStorageSealer(k, 'linux')?.name).toBe('safeStorage (gnome_libsecret)');
    expect(safeStorageSealer(k, 'darwin')?.name).toBe('safeStorage (darwin)');
    k.backend = 'basic_text';
    expect(safeStorageSealer(k, 'linux')).toBeUndefined();
    k.available = false;
    expect(safeStorageSealer(k, 'darwin')).toBeUndefined();
  });
});
