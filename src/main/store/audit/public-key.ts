/**
 * The Ed25519 public key of a 32-byte secret key (RFC 8032 seed), derived by
 * OpenSSL through node:crypto. A pure-JavaScript derivation builds its
 * base-point tables on first use in every process (about 100 ms of start-up for
 * each `csp run`, whose run start is an audited write); OpenSSL needs well under
 * a millisecond and gives the same 32 bytes.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';

/** PKCS#8 wrapping of an Ed25519 seed: the fixed DER header, then the 32 seed bytes. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function ed25519PublicKey(secretKey: Uint8Array): Uint8Array {
  if (secretKey.length !== 32) throw new RangeError(`an Ed25519 secret key has 32 bytes, not ${secretKey.length}`);
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, secretKey]),
    format: 'der',
    type: 'pkcs8',
  });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.x!, 'base64url'));
}
