/** Range comprehensions `{a..b | stmts}` and `<a..b | stmts>` (FDR): the ranges of every binding, joined. */
import { describe, expect, it } from 'vitest';
import { load as loadText } from '../cspm';
import { loadScript } from './script';
import { show } from './test-helpers';

describe('range comprehensions', () => {
  it('join the ranges of every binding, in order for sequences', () => {
    const r = loadText(
      [
        's = <x..y | (x, y) <- <(1, 2), (2, 3)>>',
        't = {x..y | (x, y) <- {(1, 2), (5, 6)}}',
        'u = <1.. | false>',
        'v = member(7, {x.. | x <- {5}})',
      ].join('\n'),
      { file: 'r.csp' },
    );
    expect(r.diagnostics).toEqual([]);
    const s = loadScript(r.ast);
    expect(['s', 't', 'u', 'v'].map((n) => show(s, n))).toEqual(['<1, 2, 2, 3>', '{1, 2, 5, 6}', '<>', 'true']);
  });
});
