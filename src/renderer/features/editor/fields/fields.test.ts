/** Field paths and the script API declarations. */
import { describe, expect, it } from 'vitest';
import { pipeline } from '../../designer/document/test-workflows';
import { fieldPath } from './field-path';
import { scriptApiDeclarations } from './script-api';

describe('fieldPath', () => {
  const wf = pipeline();
  it('names the field as the source map does', () => {
    expect(fieldPath(wf, 'node:consumer', 'behaviour')).toBe('processes[1].behaviour');
    expect(fieldPath(wf, 'assertion:dl', 'text')).toBe('assertions[0].text');
    expect(fieldPath(wf, 'edge:e1', 'channel.json')).toBe('edges[0].channel.json');
    expect(fieldPath(wf, 'workflow', 'declarations')).toBe('declarations');
    expect(fieldPath(wf, 'node:gone', 'behaviour')).toBeUndefined();
    expect(fieldPath(wf, 'other:x', 'y')).toBeUndefined();
  });
});

describe('scriptApiDeclarations', () => {
  it('types each call with the node’s own ports', () => {
    const d = scriptApiDeclarations([
      { name: 'inp', dir: 'in' },
      { name: 'a', dir: 'out' },
      { name: 'b', dir: 'out' },
    ]);
    expect(d).toContain('type InputPort = "inp";');
    expect(d).toContain('type OutputPort = "a" | "b";');
    expect(d).toContain('declare function recv(port: "inp")');
    expect(d).toContain('declare function send(port: "a" | "b", value?: Json)');
    expect(d).toContain('{ recv: "inp"; guard?: boolean } | { send: "a" | "b"; value?: Json; guard?: boolean }');
    for (const name of ['recv', 'send', 'close', 'alt', 'log', 'now', 'random'])
      expect(d).toContain(`declare function ${name}(`);
    expect(d).toContain('declare const ctx');
    expect(scriptApiDeclarations([])).toContain('type InputPort = never;');
  });
});
