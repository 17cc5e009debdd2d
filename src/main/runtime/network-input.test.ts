/**
 * A workflow's CSPm is evaluated once on the way to a run (when its network is
 * built); a workflow whose CSPm fails only when evaluated still gets the
 * diagnostics full validation gives, placed at its YAML line and column.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { networkFromSource } from './network-input';
import { readSource } from '../source/reader';
import { QueuedInjections } from './builtins/sources';

const butler = readFileSync(
  join(import.meta.dirname, '../../../resources/examples/dining-philosophers-butler.yaml'),
  'utf8',
);
const attach = { seed: 1, log: () => {}, injections: new QueuedInjections() };

describe('networkFromSource', () => {
  it('builds the network of a workflow', async () => {
    const net = await networkFromSource({ text: butler, name: 'butler.yaml' }, { attach });
    expect(net.ok).toBe(true);
  });

  it('places an error found only by evaluating the CSPm as full validation does', async () => {
    const text = butler.replace(
      'datatype Grip = up | down',
      'datatype Grip = up | down\n  ZZ = 1 / 0\n  channel zz : {0..ZZ}',
    );
    const request = { text, name: 'bad.yaml' };
    // Parsing and type-checking alone find nothing: only evaluation does.
    expect(readSource({ ...request, evaluate: false }).ok).toBe(true);
    const full = readSource(request);
    expect(full.ok).toBe(false);
    const net = await networkFromSource(request, { attach });
    expect(net.ok).toBe(false);
    if (net.ok || full.ok) return;
    expect(net.diagnostics).toEqual(full.diagnostics);
    expect(net.diagnostics[0]).toMatchObject({ span: { line: 11, column: 8 } });
    expect(JSON.stringify(net.diagnostics[0])).toContain('division by zero');
  });
});
