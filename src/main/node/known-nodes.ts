/**
 * The remote nodes a studio's host knows: URL, label, colour and token, in
 * `<data>/nodes.json` (owner-only file; tokens never leave this process), and
 * their certificate pins in `<data>/node-pins.json`. The Nodes panel lists them
 * through `nodes.*`; the web server relays `/nodes/<id>/ws` to them.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeEntry } from '../../shared/protocol/methods/nodes';
import { parseNodeUrl } from './client/address';
import { FilePins } from './client/pins';
import type { PinStore } from './client/pins';

export interface KnownNode extends NodeEntry {
  readonly token: string;
}

/** Colours for the labels of remote nodes, in the order nodes are added (never the local accent). */
const COLOURS = ['#d9822b', '#8e5bd0', '#2b9fa6', '#c2417a', '#6c8f2b', '#b8860b'];

export class KnownNodes {
  readonly pins: PinStore;
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'nodes.json');
    this.pins = new FilePins(join(dataDir, 'node-pins.json'));
  }

  list(): KnownNode[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return [];
    }
    try {
      const parsed = JSON.parse(text) as { nodes?: KnownNode[] };
      if (!Array.isArray(parsed.nodes)) throw new Error('no "nodes" list');
      return parsed.nodes.filter(
        (n) => typeof n.id === 'string' && typeof n.url === 'string' && typeof n.token === 'string',
      );
    } catch (error) {
      throw new Error(
        `the node list ${this.file} is damaged (${error instanceof Error ? error.message : String(error)}); fix or remove it`,
      );
    }
  }

  get(id: string): KnownNode | undefined {
    return this.list().find((n) => n.id === id);
  }

  /** Remembers a node (the same URL again replaces its token and label). */
  add(url: string, token: string, label: string | undefined, fingerprint: string | undefined): KnownNode {
    const address = parseNodeUrl(url);
    const nodes = this.list();
    const same = nodes.find((n) => parseNodeUrl(n.url).key === address.key);
    const node: KnownNode = {
      id: same?.id ?? `n${randomBytes(6).toString('hex')}`,
      label: label ?? same?.label ?? address.key,
      url: address.wsUrl,
      colour: same?.colour ?? COLOURS[nodes.length % COLOURS.length]!,
      addedAt: same?.addedAt ?? Date.now(),
      token,
      ...(fingerprint !== undefined ? { fingerprint } : {}),
    };
    this.write([...nodes.filter((n) => n !== same), node]);
    return node;
  }

  remove(id: string): boolean {
    const nodes = this.list();
    const gone = nodes.find((n) => n.id === id);
    if (gone === undefined) return false;
    this.write(nodes.filter((n) => n !== gone));
    this.pins.remove(parseNodeUrl(gone.url).key);
    return true;
  }

  private write(nodes: readonly KnownNode[]): void {
    mkdirSync(join(this.file, '..'), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ nodes }, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}

/** What a page may see of a node: everything but its token. */
export function publicEntry(node: KnownNode): NodeEntry {
  const { token: _token, ...entry } = node;
  return entry;
}
