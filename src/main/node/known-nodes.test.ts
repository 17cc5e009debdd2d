import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnownNodes, publicEntry } from './known-nodes';

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
});
