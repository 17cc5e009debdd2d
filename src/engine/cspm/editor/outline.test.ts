/** The outline of a script and the diagnostics an editor shows beyond parsing and typing. */
import { describe, expect, it } from 'vitest';
import { analyse, evaluationDiagnostics, outline } from './index';

const script = [
  'channel a, b : {0..2}',
  'datatype Colour = Red | Green.{0..1}',
  'nametype Small = {0..3}',
  'N = 3',
  'double(x) = 2 * x',
  'P = a?x -> b!x -> P',
  'Q(n) = a.n -> STOP',
  'module M',
  '  X = 1',
  'exports',
  '  Y = X',
  'endmodule',
  'assert P :[deadlock free [F]]',
].join('\n');

describe('outline', () => {
  const items = outline(analyse(script, { file: 'o.csp' }));

  it('lists top-level declarations in order with their kind and type', () => {
    expect(items.map((i) => [i.name, i.kind, i.detail])).toEqual([
      ['a', 'channel', 'Int => Event'],
      ['b', 'channel', 'Int => Event'],
      ['Colour', 'datatype', 'datatype'],
      ['Small', 'nametype', 'nametype'],
      ['N', 'value', 'Int'],
      ['double', 'function', '(Int) -> Int'],
      ['P', 'process', 'Proc'],
      ['Q', 'process', '(Int) -> Proc'],
      ['M', 'module', 'module'],
      ['assert P :[deadlock free [F]]', 'assertion', ''],
    ]);
  });

  it('nests constructors and module members, each with the place of its name', () => {
    const colour = items.find((i) => i.name === 'Colour');
    expect(colour?.children.map((c) => c.name)).toEqual(['Red', 'Green']);
    expect(colour?.children[1]?.nameSpan).toMatchObject({ line: 2, column: 25 });
    const m = items.find((i) => i.name === 'M');
    expect(m?.children.map((c) => [c.name, c.detail])).toEqual([
      ['X', 'Int'],
      ['Y', 'Int'],
    ]);
    expect(items.find((i) => i.name === 'P')?.span).toMatchObject({ line: 6, column: 1, endLine: 6 });
  });

  it('leaves out what an included file declares', () => {
    const withInclude = analyse('include "lib.csp"\nP = STOP\n', {
      file: 'main.csp',
      readFile: () => 'channel c\nLIB = c -> LIB\n',
    });
    expect(outline(withInclude).map((i) => i.name)).toEqual(['P']);
  });
});

describe('analyse', () => {
  it('reports a broken declaration once, not again where the names it would define are used', () => {
    const a = analyse('P = a -> -> STOP\nQ = P\n');
    expect(a.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code.slice(0, 4), d.span.line])).toEqual([
      ['CSP1', 1],
    ]);
  });
});

describe('evaluationDiagnostics', () => {
  it('finds what only evaluation sees, at its place', () => {
    const a = analyse('channel c : {0..2}\nP = c!(1/0) -> STOP\nassert P :[deadlock free]\n', { file: 'e.csp' });
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const found = evaluationDiagnostics(a);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({ severity: 'error', span: { file: 'e.csp', line: 2 } });
  });

  it('is empty for a valid script and when the front end already failed', () => {
    expect(evaluationDiagnostics(analyse('channel c\nP = c -> P\nassert P :[deadlock free]\n'))).toEqual([]);
    expect(evaluationDiagnostics(analyse('P = c -> P\n'))).toEqual([]);
  });

  it('stops when the caller says so', () => {
    const a = analyse('f(0) = 0\nf(n) = 1 + f(n - 1)\nN = f(100000)\nchannel c : {0..N}\nP = c?x -> P\n');
    let polls = 0;
    expect(() =>
      evaluationDiagnostics(a, {
        limitCheck: () => {
          if (++polls > 3) throw new Error('deadline');
        },
      }),
    ).toThrow('deadline');
  });
});
