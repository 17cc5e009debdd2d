import { describe, expect, it } from 'vitest';
import { LISTED, philosophers } from './fixtures.test-data';
import { builtinTitle, checkRows } from './rows';

describe('checkRows', () => {
  it('lists own assertions with their description and documented verdict, then the built-ins', () => {
    const rows = checkRows(
      [...LISTED, { index: 5, text: 'Buyer :[divergence free]', builtin: { kind: 'contract', node: 'buyer' } }],
      philosophers(),
    );
    expect(rows.map((r) => [r.index, r.origin, r.title])).toEqual([
      [1, 'own', 'All philosophers hold their left fork.'],
      [2, 'own', undefined],
      [5, 'builtin', 'contract of buyer (divergence freedom)'],
    ]);
    expect(rows[0]).toMatchObject({ expect: 'fail', path: 'assertions[0].text', line: 38, column: 31 });
  });

  it('folds a built-in an own assertion states word for word into that row', () => {
    const rows = checkRows(LISTED, philosophers());
    expect(rows.map((r) => r.index)).toEqual([1, 2]);
    expect(rows[0]?.covers).toEqual(['deadlock freedom']);
    expect(rows[1]?.covers).toEqual(['divergence freedom']);
  });

  it('keeps a built-in whose text differs (another model, other spacing counts as the same)', () => {
    const rows = checkRows(
      [
        { index: 1, text: 'SYSTEM  :[deadlock free [FD]]', path: 'assertions[0].text' },
        { index: 2, text: 'SYSTEM :[deadlock free [F]]', builtin: { kind: 'deadlock' } },
        { index: 3, text: 'SYSTEM :[deadlock free  [FD]]', builtin: { kind: 'deadlock' } },
      ],
      undefined,
    );
    expect(rows.map((r) => [r.index, r.origin])).toEqual([
      [1, 'own'],
      [2, 'builtin'],
    ]);
  });

  it('names contract checks by the node name on screen', () => {
    const wf = philosophers();
    expect(builtinTitle({ kind: 'contract', node: 'phil' }, wf)).toBe('contract of Phil (divergence freedom)');
    expect(builtinTitle({ kind: 'deadlock' }, wf)).toBe('deadlock freedom');
  });
});
