/**
 * Golden fixtures for evaluation: `__fixtures__/pass/*.csp` load with no
 * evaluation diagnostic; each `__fixtures__/fail/*.csp` (which parses and
 * type-checks cleanly) produces exactly the diagnostics of its
 * `-- expect: CODE line:column` comments when loaded (declarations and
 * assertions evaluated). Together they cover every CSP3xxx code that a
 * type-checked script can reach.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogue, load } from '../cspm';
import { loadScript } from './script';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const list = (kind: 'pass' | 'fail'): string[] =>
  readdirSync(join(fixtures, kind))
    .filter((f) => f.endsWith('.csp'))
    .sort();

function run(path: string): { front: string[]; evaluation: string[] } {
  const r = load(readFileSync(path, 'utf8'), { file: path });
  const s = loadScript(r.module);
  return {
    front: r.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column}`),
    evaluation: s.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column}`),
  };
}

function expected(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('-- expect:'))
    .map((l) => l.slice('-- expect:'.length).trim());
}

/** Codes a type-checked script cannot reach: the checker reports these mistakes first (2xxx). */
const UNREACHABLE_AFTER_CHECK = new Set([
  'CSP3008', // a value of the wrong type at run time
  'CSP3012', // a non-event used as an event
  'CSP3013', // a name without a value
  'CSP3015', // retired: compressions are no longer applied as the identity (codes are never reused)
]);

describe('evaluation golden fixtures', () => {
  for (const f of list('pass')) {
    it(`pass/${f} loads without diagnostics`, () => {
      expect(run(join(fixtures, 'pass', f))).toEqual({ front: [], evaluation: [] });
    });
  }
  for (const f of list('fail')) {
    it(`fail/${f} reports exactly its expected diagnostics`, () => {
      const path = join(fixtures, 'fail', f);
      const want = expected(path);
      expect(want.length).toBeGreaterThan(0);
      expect(run(path)).toEqual({ front: [], evaluation: want });
    });
  }
  it('cover every reachable evaluation (3xxx) code', () => {
    const seen = new Set(list('fail').flatMap((f) => expected(join(fixtures, 'fail', f)).map((e) => e.split(' ')[0])));
    const codes = Object.keys(catalogue).filter((c) => /^CSP3\d{3}$/.test(c) && !UNREACHABLE_AFTER_CHECK.has(c));
    expect(codes.filter((c) => !seen.has(c))).toEqual([]);
  });
});
