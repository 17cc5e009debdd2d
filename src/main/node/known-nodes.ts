/**
 * The remote nodes a studio's host knows: URL, label, colour and token, in
 * `<data>/nodes.json` (owner-only file; tokens never leave this process), and
 * their certificate pins in `<data>/node-pins.json`. The Nodes panel lists them
 * through `nodes.*`; the host relays `/nodes/<id>/ws` (or an IPC line) to them.
 * With a SecretSealer (the desktop app's OS keychain) tokens are written sealed
 * (`tokenSealed`), and plain ones found in the file are sealed on first read.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeEntry } from '../../shared/protocol/methods/nodes';
import { parseNodeUrl } from './client/address';
import { FilePins } from './client/pins';
import type { PinStore } from './client/pins';
import type { SecretSealer } from './secrets';

export interface KnownNode extends NodeEntry {
  readonly token: string;
}

/** One entry of nodes.json: the token as is, or sealed by the keychain. */
interface StoredNode extends NodeEntry {
  readonly token?: string;
  readonly tokenSealed?: string;
}

/** A node whose token cannot be read here (sealed by another keychain, or by the desktop app for web mode). */
export class TokenUnavailable extends Error {}

/** Colours for the labels of remote nodes, in the order nodes are added (never the local accent). */
const COLOURS = ['#d9822b', '#8e5bd0', '#2b9fa6', '#c2417a', '#6c8f2b', '#b8860b'];

export class KnownNodes {
  readonly pins: PinStore;
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly sealer?: SecretSealer,
  ) {
    this.file = join(dataDir, 'nodes.json');
    this.pins = new FilePins(join(dataDir, 'node-pins.json'));
  }

  /** Where tokens are kept, in words (for the docs and the log). */
  get protection(): string {
    return this.sealer !== undefined ? `sealed with ${this.sealer.name}` : 'owner-only file';
  }

  /** Every node, without opening sealed tokens (what nodes.list shows). */
  entries(): NodeEntry[] {
    return this.read().map(publicEntry);
  }

  /** Every node with its token; a token that cannot be opened here is '' (get says why). */
  list(): KnownNode[] {
    return this.read().map((n) => {
      try {
        return { ...publicEntry(n), token: this.tokenOf(n) };
      } catch {
        return { ...publicEntry(n), token: '' };
      }
    });
  }

  /** A node with its token; throws TokenUnavailable when its token cannot be read here. */
  get(id: string): KnownNode | undefined {
    const stored = this.read().find((n) => n.id === id);
    return stored === undefined ? undefined : { ...publicEntry(stored), token: this.tokenOf(stored) };
  }

  /** Remembers a node (the same URL again replaces its token and label). */
  add(url: string, token: string, label: string | undefined, fingerprint: string | undefined): KnownNode {
    const address = parseNodeUrl(url);
    const nodes = this.read();
    const same = nodes.find((n) => parseNodeUrl(n.url).key === address.key);
    const entry: NodeEntry = {
      id: same?.id ?? `n${randomBytes(6).toString('hex')}`,
      label: label ?? same?.label ?? address.key,
      url: address.wsUrl,
      colour: same?.colour ?? COLOURS[nodes.length % COLOURS.length]!,
      addedAt: same?.addedAt ?? Date.now(),
      ...(fingerprint !== undefined ? { fingerprint } : {}),
    };
    this.write([...nodes.filter((n) => n !== same), this.stored(entry, token)]);
    return { ...entry, token };
  }

  remove(id: string): boolean {
    const nodes = this.read();
    const gone = nodes.find((n) => n.id === id);
    if (gone === undefined) return false;
    this.write(nodes.filter((n) => n !== gone));
    this.pins.remove(parseNodeUrl(gone.url).key);
    return true;
  }

  private read(): StoredNode[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return [];
    }
    let nodes: StoredNode[];
    try {
      const parsed = JSON.parse(text) as { nodes?: StoredNode[] };
      if (!Array.isArray(parsed.nodes)) throw new Error('no "nodes" list');
      nodes = parsed.nodes.filter(
        (n) =>
          typeof n.id === 'string' &&
          typeof n.url === 'string' &&
          (typeof n.token === 'string' || typeof n.tokenSealed === 'string'),
      );
    } catch (error) {
      throw new Error(
        `the node list ${this.file} is damaged (${error instanceof Error ? error.message : String(error)}); fix or remove it`,
      );
    }
    // Tokens written in plain before the keychain was available are sealed now.
    if (this.sealer !== undefined && nodes.some((n) => typeof n.token === 'string')) {
      nodes = nodes.map((n) => (typeof n.token === 'string' ? this.stored(publicEntry(n), n.token) : n));
      this.write(nodes);
    }
    return nodes;
  }

  private stored(entry: NodeEntry, token: string): StoredNode {
    return this.sealer !== undefined ? { ...entry, tokenSealed: this.sealer.seal(token) } : { ...entry, token };
  }

  private tokenOf(node: StoredNode): string {
    if (typeof node.token === 'string') return node.token;
    if (this.sealer === undefined)
      throw new TokenUnavailable(
        `the token of node ${node.label} was sealed by the desktop app's keychain and cannot be read here; add the node again with its token`,
      );
    try {
      return this.sealer.open(node.tokenSealed ?? '');
    } catch {
      throw new TokenUnavailable(
        `the token of node ${node.label} cannot be opened with ${this.sealer.name} (sealed by another user, machine or keychain); add the node again with its token`,
      );
    }
  }

  private write(nodes: readonly StoredNode[]): void {
    mkdirSync(join(this.file, '..'), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ nodes }, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}

/** What a page may see of a node: everything but its token. */
export function publicEntry(node: NodeEntry & { token?: string; tokenSealed?: string }): NodeEntry {
  const { token: _token, tokenSealed: _sealed, ...entry } = node;
  return entry;
}
