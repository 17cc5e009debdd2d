import { describe, it, expect } from 'vitest';
import { generateScript, BLOCK_LINES } from './gen-cspm';
import { load } from '../src/engine/cspm';

describe('CSPm benchmark generator', () => {
  it('is deterministic and gives exactly the requested number of lines', () => {
    const a = generateScript(10 * BLOCK_LINES);
    expect(a).toBe(generateScript(10 * BLOCK_LINES));
    expect(a.split('\n').length - 1).toBe(10 * BLOCK_LINES);
  });

  it('produces a script that parses and type-checks cleanly, with every kind of declaration', () => {
    const r = load(generateScript(1000));
    expect(r.diagnostics).toEqual([]);
    const kinds = new Set(r.ast.decls.map((d) => d.kind));
    for (const k of ['DatatypeDecl', 'ChannelDecl', 'NametypeDecl', 'FunctionDecl', 'ValueDecl', 'AssertDecl'])
      expect(kinds).toContain(k);
  });
});
