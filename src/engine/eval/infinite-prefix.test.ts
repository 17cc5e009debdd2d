/** Restricted inputs on a channel of infinite type (`channel c : Int`), as FDR accepts them. */
import { describe, expect, it } from 'vitest';
import { load as loadText } from '../cspm';
import type { Term } from '../csp/terms';
import { loadScript, type LoadedScript } from './script';
import { term } from './test-helpers';

function loaded(lines: readonly string[]): LoadedScript {
  const r = loadText(lines.join('\n'), { file: 'inf.csp' });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const s = loadScript(r.ast);
  expect(s.diagnostics).toEqual([]);
  return s;
}

/** The events a process offers first, as text, sorted. */
function initials(s: LoadedScript, name: string): string[] {
  const t: Term = term(s, name);
  return s.factory.semantics
    .transitions(t)
    .map((tr) => s.events.text(tr.event))
    .sort();
}

describe('restricted input on a channel of infinite type', () => {
  it('offers the events of the restricting set only', () => {
    const s = loaded(['channel out : Int', 'Squares = {x * x | x <- {1..3}}', 'P = out?x:Squares -> out!x+1 -> STOP']);
    expect(initials(s, 'P')).toEqual(['out.1', 'out.4', 'out.9']);
  });

  it('binds the input for the rest of the process', () => {
    const s = loaded(['channel out : Int', 'P = out?x:{10, 20} -> out!x+1 -> STOP']);
    const f = s.factory;
    const after = f.semantics.transitions(term(s, 'P')).find((tr) => s.events.text(tr.event) === 'out.20');
    expect(after).toBeDefined();
    expect(f.semantics.transitions((after as { target: Term }).target).map((tr) => s.events.text(tr.event))).toEqual([
      'out.21',
    ]);
  });

  it('takes outputs, later sets that use earlier inputs, and several fields', () => {
    const s = loaded(['channel c : Int.{0..2}.Int', 'P = c?x:{5, 6}!1?y:{x - 1, x} -> STOP']);
    expect(initials(s, 'P')).toEqual(['c.5.1.4', 'c.5.1.5', 'c.6.1.5', 'c.6.1.6']);
  });

  it('deadlocks on an empty set, like FDR', () => {
    const s = loaded(['channel c : Int', 'P = c?x:{} -> STOP']);
    expect(initials(s, 'P')).toEqual([]);
  });

  it('refuses a value outside the type of the channel, located', () => {
    const s = loaded(['channel c : Int.{0..1}', 'P = c?x:{1}?y:{5} -> STOP']);
    expect(() => initials(s, 'P')).toThrow(
      expect.objectContaining({ code: 'CSP3004', span: expect.objectContaining({ line: 2 }) }),
    );
  });

  it('still refuses an unrestricted input, which needs every event of the channel', () => {
    const s = loaded(['channel c : Int', 'P = c?x -> STOP']);
    expect(() => initials(s, 'P')).toThrow(expect.objectContaining({ code: 'CSP3005' }));
  });
});
