import { describe, expect, it } from 'vitest';
import { applyCheckEvents, lostView, resultView, startedView } from './check-view';
import type { CheckEvent } from './check-view';
import { DEADLOCK, PASSED } from './fixtures.test-data';

const started = startedView({
  checkId: 'c1',
  assertions: [
    { index: 1, text: DEADLOCK.text },
    { index: 2, text: PASSED.text },
  ],
  errors: [],
  diagnostics: [],
});
const progress = (index: number, states: number): CheckEvent => ({
  type: 'progress',
  index,
  progress: { states, transitions: states * 2, statesPerSecond: 1000, queue: 5, seconds: 1 },
});

describe('check views', () => {
  it('follows progress, reports and done', () => {
    let v = applyCheckEvents(started, [progress(1, 100), progress(1, 200)]);
    expect(v.status).toBe('running');
    expect(v.progress).toMatchObject({ index: 1, progress: { states: 200 } });
    v = applyCheckEvents(v, [{ type: 'assertion', report: DEADLOCK }, progress(2, 50)]);
    expect(v.reports[1]).toBe(DEADLOCK);
    expect(v.progress?.index).toBe(2);
    v = applyCheckEvents(v, [
      { type: 'assertion', report: PASSED },
      { type: 'done', status: 'done', passed: 1, failed: 1, errors: 0 },
    ]);
    expect(v).toMatchObject({ status: 'done', progress: undefined });
    expect(Object.keys(v.reports)).toEqual(['1', '2']);
  });

  it('takes a replay of events it already has without doubling anything, and ignores late progress', () => {
    const events: CheckEvent[] = [
      { type: 'assertion', report: DEADLOCK },
      { type: 'done', status: 'cancelled', passed: 0, failed: 1, errors: 0, message: 'stopped' },
    ];
    const once = applyCheckEvents(started, events);
    const twice = applyCheckEvents(once, [...events, progress(2, 10)]);
    expect(twice).toEqual(once);
    expect(twice.message).toBe('stopped');
  });

  it('starts failed when the source had errors', () => {
    const v = startedView({
      checkId: 'c2',
      assertions: [],
      errors: [{ code: 'WF1001', message: 'bad', file: 'x.yaml', line: 3, column: 4 }],
    });
    expect(v).toMatchObject({
      status: 'failed',
      indices: [],
      diagnostics: [],
      message: expect.stringMatching(/nothing was checked/) as string,
    });
  });

  it('merges check.result, and ends a check the host lost', () => {
    const v = resultView(applyCheckEvents(started, [progress(1, 10)]), {
      status: 'done',
      assertions: [DEADLOCK, PASSED],
    });
    expect(v).toMatchObject({ status: 'done', progress: undefined });
    expect(v.reports[2]).toBe(PASSED);
    const lost = lostView(started);
    expect(lost.status).toBe('failed');
    expect(lostView(v)).toBe(v);
  });
});
