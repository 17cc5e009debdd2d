import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../shared/protocol/methods/run';
import { failed, formatDuration, outcomeOf, runFacts, runLongTitle, runTitle } from './describe';

const base: RunSummary = {
  storeRunId: 7,
  label: null,
  mode: 'step',
  status: 'finished',
  outcome: 'deadlock',
  seed: '3',
  startedAt: 0,
  endedAt: 1500,
  durationMs: 1500,
  steps: 1234,
  bytes: 100,
  pinned: false,
  workflowId: 1,
  workflowVersionId: 4,
  workflowVersion: 2,
  replayable: true,
};

describe('runs list descriptions', () => {
  it('says outcome, steps, duration, seed and version', () => {
    expect(runTitle(base)).toBe('Run 7');
    expect(runFacts(base)).toEqual(['deadlock', '1,234 steps', '1.5 s', 'seed 3', 'version 2']);
    expect(failed(base)).toBe(true);
  });

  it('names a fork parent, a run still going and one whose host went away', () => {
    const fork = { ...base, label: 'Butler', parent: { storeRunId: 3, seq: 10 }, outcome: 'terminated' };
    expect(runTitle(fork)).toBe('Run 7');
    expect(runLongTitle(fork)).toBe('Run 7 · Butler');
    expect(runFacts(fork).at(-1)).toBe('fork of run 3 at step 10');
    expect(failed(fork)).toBe(false);
    expect(outcomeOf({ ...base, status: 'running', outcome: null })).toBe('running');
    expect(outcomeOf({ ...base, status: 'interrupted', outcome: null })).toBe('interrupted');
    expect(formatDuration(null)).toBe('running');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(12)).toBe('12 ms');
  });

  it('says "running" once for a run without a duration yet, and never of an interrupted one', () => {
    const going = { ...base, status: 'running' as const, outcome: null, endedAt: null, durationMs: null, steps: 88 };
    expect(runFacts(going)).toEqual(['running', '88 steps', 'seed 3', 'version 2']);
    const gone = { ...going, status: 'interrupted' as const };
    expect(runFacts(gone)).toEqual(['interrupted', '88 steps', 'seed 3', 'version 2']);
  });
});
