import { describe, expect, it } from 'vitest';
import { applyCheckEvents, startedView } from './check-view';
import type { CheckView } from './check-view';
import { sameCheckedContent } from './content';
import { DEADLOCK, PASSED, philosophers } from './fixtures.test-data';
import { activeRun, rowState, staleRuns } from './row-state';
import type { RunHandle } from './row-state';

const wf = philosophers();
const run = (checkId: string, indices: number[]): RunHandle => ({
  checkId,
  docKey: 'workflow:1',
  indices,
  content: wf,
  startedAt: 0,
});
const view = (checkId: string, indices: number[]): CheckView =>
  startedView({ checkId, assertions: indices.map((index) => ({ index, text: 't' })), errors: [] });

describe('row states', () => {
  it('is unchecked, queued, running with progress, then decided', () => {
    const runs = [run('a', [1, 2])];
    let v = view('a', [1, 2]);
    const at = (i: number) => rowState(i, runs, new Map([['a', v]]), new Set());
    expect(rowState(3, runs, new Map([['a', v]]), new Set())).toEqual({ kind: 'unchecked' });
    expect(at(1)).toEqual({ kind: 'queued', checkId: 'a' });
    v = applyCheckEvents(v, [
      { type: 'progress', index: 1, progress: { states: 9, transitions: 9, statesPerSecond: 9, queue: 0, seconds: 1 } },
    ]);
    expect(at(1)).toMatchObject({ kind: 'running', progress: { states: 9 } });
    expect(at(2)).toMatchObject({ kind: 'queued' });
    v = applyCheckEvents(v, [{ type: 'assertion', report: DEADLOCK }]);
    expect(at(1)).toMatchObject({ kind: 'decided', report: DEADLOCK, stale: false, cancelled: false });
    expect(activeRun(runs, new Map([['a', v]]))?.checkId).toBe('a');
  });

  it('takes the newest run that covers the row, and says when a run ended without deciding it', () => {
    const runs = [run('a', [1, 2]), run('b', [2])];
    const a = applyCheckEvents(view('a', [1, 2]), [
      { type: 'assertion', report: DEADLOCK },
      { type: 'assertion', report: PASSED },
      { type: 'done', status: 'done', passed: 1, failed: 1, errors: 0 },
    ]);
    const b = applyCheckEvents(view('b', [2]), [
      { type: 'done', status: 'cancelled', passed: 0, failed: 0, errors: 0 },
    ]);
    const views = new Map([
      ['a', a],
      ['b', b],
    ]);
    expect(rowState(1, runs, views, new Set())).toMatchObject({ kind: 'decided', checkId: 'a' });
    expect(rowState(2, runs, views, new Set())).toEqual({ kind: 'undecided', checkId: 'b', reason: 'cancelled' });
    expect(activeRun(runs, views)).toBeUndefined();
  });

  it('marks a cancelled assertion (CSP4003) and a stale run', () => {
    const cancelled = {
      ...PASSED,
      result: 'error' as const,
      error: { code: 'CSP4003', message: 'cancelled', line: 1, column: 1 },
    };
    const v = applyCheckEvents(view('a', [2]), [{ type: 'assertion', report: cancelled }]);
    expect(rowState(2, [run('a', [2])], new Map([['a', v]]), new Set(['a']))).toMatchObject({
      kind: 'decided',
      cancelled: true,
      stale: true,
    });
  });

  it('is stale after an edit of what is checked, not after moving or grouping nodes', () => {
    const moved = { ...wf, layout: { phil: { x: 0, y: 0 } }, groups: [{ id: 'g', name: 'G', members: ['phil'] }] };
    expect(sameCheckedContent(wf, moved)).toBe(true);
    const edited = { ...wf, parameters: { N: 3 } };
    expect(sameCheckedContent(wf, edited)).toBe(false);
    expect([...staleRuns([run('a', [1])], edited)]).toEqual(['a']);
    expect([...staleRuns([run('a', [1])], moved)]).toEqual([]);
  });
});
