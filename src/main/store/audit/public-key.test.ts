/**
 * The public key OpenSSL derives is the one RFC 8032 gives: its test vector,
 * and @noble/curves (the implementation the key files were written with) on
 * random keys, so every existing key file still reads as the same key.
 */
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { ed25519PublicKey } from './public-key';
import { fromHex, toHex } from './hex';

describe('ed25519PublicKey', () => {
  it('gives RFC 8032 test 1 public key', () => {
    const secret = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    expect(toHex(ed25519PublicKey(secret))).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
  });

  it('agrees with @noble/curves on 20 random keys', () => {
    for (let i = 0; i < 20; i++) {
      const secret = new Uint8Array(randomBytes(32));
      expect(toHex(ed25519PublicKey(secret))).toBe(toHex(ed25519.getPublicKey(secret)));
    }
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => ed25519PublicKey(new Uint8Array(31))).toThrow(/32 bytes, not 31/);
  });
});
