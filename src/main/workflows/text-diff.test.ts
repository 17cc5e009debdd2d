import { describe, expect, it } from 'vitest';
import { diffLines, textDiff } from './text-diff';

/** Applies the hunks' edit script back to `before` (checks the diff is a real diff). */
function rebuild(script: { op: string; text: string }[]): { before: string[]; after: string[] } {
  return {
    before: script.filter((l) => l.op !== '+').map((l) => l.text),
    after: script.filter((l) => l.op !== '-').map((l) => l.text),
  };
}

describe('textDiff', () => {
  it('gives no hunks for equal texts', () => {
    expect(textDiff('a\nb\n', 'a\nb\n')).toEqual([]);
  });

  it('reports one changed line with its context and line numbers', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].join('\n') + '\n';
    const after = before.replace('5\n', 'five\n');
    const hunks = textDiff(before, after, 2);
    expect(hunks).toEqual([
      {
        fromLine: 3,
        fromCount: 5,
        toLine: 3,
        toCount: 5,
        lines: [
          { op: ' ', text: '3' },
          { op: ' ', text: '4' },
          { op: '-', text: '5' },
          { op: '+', text: 'five' },
          { op: ' ', text: '6' },
          { op: ' ', text: '7' },
        ],
      },
    ]);
  });

  it('splits far-apart changes into hunks and handles insertions at the ends', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `l${i}`);
    const after = ['new first', ...lines.slice(0, 29), 'new last'];
    const hunks = textDiff(lines.join('\n'), after.join('\n'), 1) ?? [];
    expect(hunks).toHaveLength(2);
    expect(hunks[0]?.lines[0]).toEqual({ op: '+', text: 'new first' });
    expect(hunks[1]?.lines.filter((l) => l.op !== ' ')).toEqual([
      { op: '-', text: 'l29' },
      { op: '+', text: 'new last' },
    ]);
  });

  it('is a correct edit script on random texts', () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: rnd(12) }, () => 'abc'[rnd(3)] as string);
      const b = Array.from({ length: rnd(12) }, () => 'abc'[rnd(3)] as string);
      const script = diffLines(a, b);
      expect(script).toBeDefined();
      expect(rebuild(script ?? [])).toEqual({ before: a, after: b });
    }
  });

  it('gives up past the edit limit instead of working hard', () => {
    const a = Array.from({ length: 500 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 500 }, (_, i) => `b${i}`).join('\n');
    expect(textDiff(a, b, 3, 100)).toBeUndefined();
    expect(textDiff(a, b, 3, 1000)).toBeDefined();
  });
});
