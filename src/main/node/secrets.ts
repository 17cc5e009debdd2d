/**
 * How node tokens are kept at rest. Without a sealer (web mode, `csp serve`,
 * a desktop without an OS keychain) a token is written as is into an
 * owner-only file. With one (the desktop app with Electron's safeStorage:
 * Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux) only the
 * sealed token is written, so a copy of the file alone does not give it away.
 */
export interface SecretSealer {
  /** Says what keeps the key ("safeStorage (gnome_libsecret)"), for messages. */
  readonly name: string;
  /** Text that only this sealer can open again. */
  seal(plain: string): string;
  /** Throws when the text was sealed with another key (another user, machine or keychain). */
  open(sealed: string): string;
}

/** The part of Electron's safeStorage the sealer uses (typed here so src/main/node stays free of electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no keychain (a fixed, well-known key). */
  getSelectedStorageBackend?(): string;
}

/**
 * A sealer over Electron's safeStorage, or undefined when it would not protect
 * anything: encryption unavailable, or Linux's basic_text backend (a key that is
 * the same on every machine), where file permissions are all there is.
 */
export function safeStorageSealer(storage: SafeStorageLike, platform: string): SecretSealer | undefined {
  if (!storage.isEncryptionAvailable()) return undefined;
  const backend = platform === 'linux' ? storage.getSelectedStorageBackend?.() : undefined;
  if (backend === 'basic_text' || backend === 'unknown') return undefined;
  return {
    name: `safeStorage (${backend ?? platform})`,
    seal: (plain) => storage.encryptString(plain).toString('base64'),
    open: (sealed) => storage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
