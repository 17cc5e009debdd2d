/**
 * A definition that recurses through a compression (`P = normal(P)`) is a
 * process, as its type says: it evaluates (libcspm builds it), and the
 * recursion is reported as unguarded only where it is explored.
 */
import { describe, expect, it } from 'vitest';
import { checkScript } from '../check/script';
import { printTerm } from '../csp/print';
import { load, term } from './test-helpers';

describe('recursion through a compression', () => {
  it('evaluates to a process term', () => {
    const s = load('transparent normal, sbisim\nP = normal(P)\nQ = sbisim(R)\nR = normal(Q)\n');
    expect(printTerm(term(s, 'P'), s.events)).toBe('normal(P)');
    expect(printTerm(term(s, 'Q'), s.events)).toBe('sbisim(normal(Q))');
  });

  it('is unguarded recursion when checked, located at the assertion', () => {
    const r = checkScript(
      'transparent normal\nchannel a\nP = normal(P)\nQ = normal(a -> Q)\nassert P :[deadlock free]\nassert Q :[deadlock free]\n',
      {
        file: 'c.csp',
      },
    );
    expect(r.assertions.map((a) => [a.result, a.error?.code, a.error?.line])).toEqual([
      ['error', 'CSP3010', 5],
      ['passed', undefined, undefined],
    ]);
  });
});
