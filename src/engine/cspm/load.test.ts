/** `load`: parse and check together, with the errors a user must see first. */
import { describe, expect, it } from 'vitest';
import { load } from './index';

describe('load', () => {
  it('reports a construct not supported yet at its place, not as undefined names where it is used', () => {
    const r = load('Q = P(1)\nP(x @@ y) = x\n', { file: 'l.csp' });
    expect(r.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`)).toEqual([
      "CSP1006 2:5 not supported yet: '@@' (double) patterns",
    ]);
  });

  it('still reports undefined names in a script that parses', () => {
    const r = load('Q = P(1)\n', { file: 'l.csp' });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['CSP2001']);
  });
});
