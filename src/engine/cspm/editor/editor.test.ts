/** Editor services: highlighting tokens, completion in scope, hover types, go-to-definition. */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyse, completions, definition, highlight, hover, references } from './index';

const src = [
  'channel c : {0..3}',
  '-- a comment',
  'P(n) = c?x -> (let y = x + n within c!y -> P(y))',
  'Q = P(1) {- block -}',
].join('\n');

describe('highlight', () => {
  it('classifies keywords, names, numbers, operators and comments with 1-based positions', () => {
    const toks = highlight(src);
    const at = (line: number, column: number) => toks.find((t) => t.line === line && t.column === column)?.type;
    expect(at(1, 1)).toBe('keyword');
    expect(at(1, 9)).toBe('identifier');
    expect(at(1, 14)).toBe('number');
    expect(at(2, 1)).toBe('comment');
    expect(at(3, 9)).toBe('operator');
    expect(toks.some((t) => t.line === 4 && t.type === 'comment')).toBe(true);
  });
});

describe('services', () => {
  const a = analyse(src, { file: 'e.csp' });
  const offsetOf = (needle: string, nth = 0): number => {
    let i = -1;
    for (let k = 0; k <= nth; k++) i = src.indexOf(needle, i + 1);
    return i;
  };

  it('has no diagnostics for a valid script', () => {
    expect(a.diagnostics).toEqual([]);
  });

  it('completes local names in scope first, then top-level names and built-ins', () => {
    const inside = completions(a, offsetOf('c!y'));
    const labels = inside.map((c) => c.label);
    expect(labels.slice(0, 3)).toEqual(['y', 'x', 'n']);
    expect(labels).toContain('P');
    expect(labels).toContain('union');
    const outside = completions(a, offsetOf('Q')).map((c) => c.label);
    expect(outside).not.toContain('y');
  });

  it('hovers with the type of a name', () => {
    expect(hover(a, offsetOf('P(1)'))?.contents).toBe('P :: (Int) -> Proc');
    expect(hover(a, offsetOf('x +'))?.contents).toBe('x :: Int');
    expect(hover(a, offsetOf('c?x'))?.contents).toBe('c :: Int => Event');
  });

  it('goes to the definition and finds all references', () => {
    const def = definition(a, offsetOf('P(1)'));
    expect(def).toMatchObject({ line: 3, column: 1 });
    expect(references(a, offsetOf('y ='))).toHaveLength(3);
    expect(definition(a, offsetOf('->'))).toBeNull();
  });
});

describe('while typing', () => {
  it('analyses every prefix of a real script without throwing', () => {
    const text = readFileSync(
      join(dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__', 'pass', 'constructs.csp'),
      'utf8',
    );
    let withErrors = 0;
    for (let k = 0; k <= text.length; k += 23) {
      const partial = text.slice(0, k);
      const a = analyse(partial);
      if (a.diagnostics.some((d) => d.severity === 'error')) withErrors++;
      expect(Array.isArray(completions(a, k))).toBe(true);
      hover(a, Math.max(0, k - 2));
      highlight(partial);
    }
    expect(withErrors).toBeGreaterThan(0);
  });
});
