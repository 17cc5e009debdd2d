/** `load`: parse and check together, with the errors a user must see first. */
import { describe, expect, it } from 'vitest';
import { load } from './index';

describe('load', () => {
  it('reports a declaration the parser refuses at its place, not as undefined names where it is used', () => {
    const r = load('Q = P(1)\nP(x) = x +\n', { file: 'l.csp' });
    expect(r.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column}`)).toEqual(['CSP1004 3:1']);
  });

  it('still reports undefined names in a script that parses', () => {
    const r = load('Q = P(1)\n', { file: 'l.csp' });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['CSP2001']);
  });
});
