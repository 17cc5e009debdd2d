/** The pretty-printer's round trip (what `csp check --stage print` and libcspm's prettyprinter tests check). */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Module } from './ast';
import { parse } from './parse';
import { roundTrip } from './round-trip';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__');
const readFile = (p: string): string | undefined => (existsSync(p) ? readFileSync(p, 'utf8') : undefined);

describe('roundTrip', () => {
  // The fail fixtures too: ill-typed scripts must print faithfully as long as they parse.
  for (const kind of ['pass', 'fail'] as const) {
    for (const f of readdirSync(join(fixtures, kind)).filter((n) => n.endsWith('.csp'))) {
      const path = join(fixtures, kind, f);
      const parsed = parse(readFileSync(path, 'utf8'), { file: path, readFile });
      if (parsed.diagnostics.some((d) => d.severity === 'error')) continue;
      it(`${kind}/${f} prints to text that parses back to the same AST`, () => {
        const r = roundTrip(parsed.ast, { file: path, readFile });
        expect(r.diagnostics).toEqual([]);
        expect(r.printed.length).toBeGreaterThan(0);
      });
    }
  }

  it('reports the first node that parses back differently, at its place', () => {
    const parsed = parse('channel a\nP = a -> STOP\nQ = P\n', { file: 'm.csp' });
    // A name the printer cannot write as one name: printed as `P [] P`, which is another AST.
    const ast = JSON.parse(JSON.stringify(parsed.ast)) as { decls: { body?: { name?: string } }[] };
    ast.decls[2]!.body!.name = 'P [] P';
    const r = roundTrip(ast as unknown as Module, { file: 'm.csp' });
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'CSP1030', span: { line: 3, column: 5 } });
    expect(r.diagnostics[0]!.message).toContain('parses back differently at decls[2].body.kind (in a Var)');
  });

  it('reports printed text that does not parse', () => {
    const parsed = parse('x = 1\n', { file: 'm.csp' });
    const ast = JSON.parse(JSON.stringify(parsed.ast)) as { decls: { body?: { name?: string; kind?: string } }[] };
    ast.decls[0]!.body = { kind: 'Var', name: '(' } as never;
    const r = roundTrip(ast as unknown as Module, { file: 'm.csp' });
    expect(r.diagnostics[0]).toMatchObject({ code: 'CSP1030', span: { line: 1, column: 1 } });
    expect(r.diagnostics[0]!.message).toContain('the printed text does not parse');
  });
});
