/**
 * Certificate pins of the nodes a studio attaches to, trusted on first use:
 * the first connection to `host:port` records the SHA-256 fingerprint of the
 * certificate it was shown; later connections must be shown the same one or
 * are refused before the token is sent. Nodes usually have self-signed
 * certificates, so the pin, not a certificate authority, is what is trusted.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface PinStore {
  get(hostPort: string): string | undefined;
  set(hostPort: string, fingerprint: string): void;
  /** Forgets a pin (the user accepted that the node's certificate changed). */
  remove(hostPort: string): void;
}

export class MemoryPins implements PinStore {
  private readonly pins = new Map<string, string>();

  get(hostPort: string): string | undefined {
    return this.pins.get(hostPort);
  }

  set(hostPort: string, fingerprint: string): void {
    this.pins.set(hostPort, fingerprint);
  }

  remove(hostPort: string): void {
    this.pins.delete(hostPort);
  }
}

/** Pins in a JSON file (`{ "host:port": "AB:CD:…" }`), written atomically. */
export class FilePins implements PinStore {
  constructor(private readonly path: string) {}

  get(hostPort: string): string | undefined {
    return this.read()[hostPort];
  }

  set(hostPort: string, fingerprint: string): void {
    this.write({ ...this.read(), [hostPort]: fingerprint });
  }

  remove(hostPort: string): void {
    const { [hostPort]: _gone, ...rest } = this.read();
    this.write(rest);
  }

  private read(): Record<string, string> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return {};
    }
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch (error) {
      // A damaged pin file must not turn into "trust anything": say so.
      throw new Error(
        `the node pin file ${this.path} is not valid JSON (${error instanceof Error ? error.message : String(error)}); fix or remove it`,
      );
    }
  }

  private write(pins: Record<string, string>): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(pins, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.path);
  }
}
