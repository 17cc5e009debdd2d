/** Hex encoding and key fingerprints (what a person writes down to pin a key). */
import { createHash } from 'node:crypto';

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function fromHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/**
 * A key's fingerprint: the first 128 bits of SHA-256 over the 32 public-key bytes, as
 * 32 hex digits. Short enough to write down, far too long to find a second key for.
 */
export function keyFingerprint(publicKeyHex: string): string {
  return createHash('sha256').update(fromHex(publicKeyHex)).digest('hex').slice(0, 32);
}

/** True for 64 lowercase hex digits (an Ed25519 public key or a SHA-256 hash). */
export function isHex64(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}
