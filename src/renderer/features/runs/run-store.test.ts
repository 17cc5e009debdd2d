import { beforeEach, describe, expect, it } from 'vitest';
import { mergeSteps, stepAt, truncateSteps, useRun } from './run-store';
import type { RunStep } from './run-store';

const step = (seq: number, event = `e.${seq}`): RunStep => ({
  seq,
  kind: 'event',
  event,
  hidden: false,
  processes: ['P'],
  branch: 0,
});
const steps = (from: number, to: number): RunStep[] => Array.from({ length: to - from + 1 }, (_, i) => step(from + i));
const session = { runId: 'r1', storeRunId: 7, workflowId: 3, seed: 1, origin: 'start' as const, label: 'test' };

describe('mergeSteps', () => {
  it('appends in order and keeps the newest when over the limit', () => {
    const w = mergeSteps({ steps: [], firstSeq: 1, lastSeq: 0 }, steps(1, 12), 10);
    expect(w.firstSeq).toBe(3);
    expect(w.lastSeq).toBe(12);
    expect(w.steps.map((s) => s.seq)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(stepAt(w, 3)?.event).toBe('e.3');
    expect(stepAt(w, 2)).toBeUndefined();
  });

  it('a step already kept replaces itself and the record after it stays', () => {
    const w = mergeSteps({ steps: [], firstSeq: 1, lastSeq: 0 }, steps(1, 5));
    const again = mergeSteps(w, [step(3, 'again')]);
    expect(again.lastSeq).toBe(5);
    expect(again.steps.map((s) => s.event)).toEqual(['e.1', 'e.2', 'again', 'e.4', 'e.5']);
  });

  it('starts a new window after a gap, and keeps a record length known before', () => {
    const w = mergeSteps({ steps: steps(1, 3), firstSeq: 1, lastSeq: 3 }, [step(9)]);
    expect(w.firstSeq).toBe(9);
    expect(w.steps).toHaveLength(1);
    const opened = mergeSteps({ steps: [], firstSeq: 1, lastSeq: 1000 }, [step(1)]);
    expect(opened.lastSeq).toBe(1000);
  });

  it('truncateSteps drops the steps after a fork', () => {
    const w = truncateSteps({ steps: steps(1, 6), firstSeq: 1, lastSeq: 6 }, 4);
    expect(w.lastSeq).toBe(4);
    expect(w.steps.map((s) => s.seq)).toEqual([1, 2, 3, 4]);
    expect(truncateSteps(w, 9)).toBe(w);
  });
});

describe('useRun', () => {
  beforeEach(() => useRun.getState().clear());

  it('applies a batch of steps, states and a stop in one go', () => {
    const run = useRun.getState();
    run.begin(session, { processes: [], enabled: [] });
    expect(useRun.getState().status).toBe('paused');
    run.applyEvents([
      { type: 'steps', steps: steps(1, 3) },
      { type: 'states', seq: 3, processes: [{ name: 'P', state: 'STOP', terminated: false }] },
      { type: 'metrics', seq: 3, elapsedMs: 10, stepsPerSecond: 300, queues: [{ id: 'q', depth: 2, capacity: 4 }] },
      { type: 'stopped', stop: { reason: 'deadlock', seq: 3 } },
    ]);
    const s = useRun.getState();
    expect(s.seq).toBe(3);
    expect(s.lastSeq).toBe(3);
    expect(s.selectedSeq).toBe(3);
    expect(s.processes[0]?.state).toBe('STOP');
    expect(s.queues[0]?.depth).toBe(2);
    expect(s.stop?.reason).toBe('deadlock');
  });

  it('a streamed stop from before where the run stands (the stream lagging behind a command) is ignored', () => {
    const run = useRun.getState();
    run.begin(session, { processes: [], enabled: [] });
    run.applyEvents([{ type: 'steps', steps: steps(1, 18) }]);
    run.setStopped({ reason: 'breakpoint', seq: 18, breakpoint: 'bp1' });
    run.applyEvents([{ type: 'stopped', stop: { reason: 'steps', seq: 0 } }]);
    expect(useRun.getState().stop).toEqual({ reason: 'breakpoint', seq: 18, breakpoint: 'bp1' });
    // The host's plain "stopped after a command" at the same step keeps the reason.
    run.applyEvents([{ type: 'stopped', stop: { reason: 'steps', seq: 18 } }]);
    expect(useRun.getState().stop?.reason).toBe('breakpoint');
    run.applyEvents([
      { type: 'steps', steps: steps(19, 19) },
      { type: 'stopped', stop: { reason: 'steps', seq: 19 } },
    ]);
    expect(useRun.getState().stop).toEqual({ reason: 'steps', seq: 19 });
  });

  it('going back keeps the record; a fork cuts it and moves to the new stored run', () => {
    const run = useRun.getState();
    run.begin(session, { processes: [], enabled: [] });
    run.applyEvents([{ type: 'steps', steps: steps(1, 10) }]);
    run.moveTo(7);
    expect(useRun.getState()).toMatchObject({ seq: 7, lastSeq: 10, selectedSeq: 7 });
    run.applyEvents([
      { type: 'forked', seq: 7, storeRunId: 8 },
      { type: 'steps', steps: [step(8, 'other')] },
    ]);
    const s = useRun.getState();
    expect(s).toMatchObject({ seq: 8, lastSeq: 8, forkedAt: 7 });
    expect(s.run?.storeRunId).toBe(8);
    expect(stepAt(s, 8)?.event).toBe('other');
  });

  it('a selection elsewhere stays while the run moves; one that followed the run goes on following it', () => {
    const run = useRun.getState();
    run.begin(session, { processes: [], enabled: [] });
    run.applyEvents([{ type: 'steps', steps: steps(1, 4) }]);
    run.select(2);
    run.applyEvents([{ type: 'steps', steps: [step(5)] }]);
    expect(useRun.getState().selectedSeq).toBe(2);
    run.select(5);
    run.applyEvents([{ type: 'steps', steps: [step(6)] }]);
    expect(useRun.getState().selectedSeq).toBe(6);
  });

  it('ignores events when no run is open, and begin starts afresh', () => {
    useRun.getState().applyEvents([{ type: 'steps', steps: steps(1, 2) }]);
    expect(useRun.getState().steps).toHaveLength(0);
    const g = useRun.getState().generation;
    useRun.getState().begin(session, {
      processes: [],
      enabled: [],
      record: { length: 40, offline: true },
    });
    expect(useRun.getState()).toMatchObject({ lastSeq: 40, seq: 0, generation: g + 1 });
  });
});
