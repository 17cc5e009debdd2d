import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostics';
import { validateWorkflowText } from './validate-text';

const desk = readFileSync(join(__dirname, '../../../resources/examples/trading-desk.yaml'), 'utf8');

function first(text: string): { message: string; caret: string } {
  const r = validateWorkflowText(text);
  expect(r.ok).toBe(false);
  expect(r.workflow).toBeUndefined();
  const d = r.diagnostics[0]!;
  const line = text.split('\n')[d.line! - 1]!;
  return { message: formatDiagnostic(d), caret: line.slice(d.column! - 1) };
}

describe('validateWorkflowText', () => {
  it('accepts a valid example', () => {
    const r = validateWorkflowText(desk);
    expect(r.ok).toBe(true);
    expect(r.diagnostics).toEqual([]);
  });

  it('takes a refinement in every model FDR has (T, F, FD, V, VD, R, RD), and no other text', () => {
    for (const m of ['T', 'F', 'FD', 'V', 'VD', 'R', 'RD']) {
      const r = validateWorkflowText(desk.replace('"SYSTEM :[divergence free]"', `"SYSTEM [${m}= SYSTEM"`));
      expect(r.diagnostics, m).toEqual([]);
    }
    expect(first(desk.replace('"SYSTEM :[divergence free]"', '"SYSTEM [X= SYSTEM"')).message).toMatch(/WF2010/);
  });

  it('places a CSPm error in a block-literal behaviour at its YAML line and column', () => {
    const r = first(desk.replace('(if p == 0 then order.t!Buy', '(if p == 0 then ordr.t!Buy'));
    expect(r.message).toMatch(/^\d+:\d+: error WF3005 processes\[1\]\.behaviour: CSP2001 undefined name 'ordr'/);
    expect(r.caret.startsWith('ordr.t!Buy')).toBe(true);
  });

  it('places errors in plain scalars, quoted assertions and declarations', () => {
    expect(first(desk.replace('-> fill!t!s -> Execution', '-> fill!t!s -> Executio')).caret).toBe('Executio');
    const assertion = first(desk.replace('"SYSTEM :[divergence free]"', '"SYSTM :[divergence free]"'));
    expect(assertion.message).toMatch(/assertions\[1\]\.text: CSP2001 undefined name 'SYSTM'/);
    expect(assertion.caret.startsWith('SYSTM')).toBe(true);
    const decl = validateWorkflowText(desk.replace('nametype Price = {0..2}', 'nametype Price = {0..2'));
    expect(decl.diagnostics.map((d) => d.path)).toEqual(['declarations']);
  });
});
