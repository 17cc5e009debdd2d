import { describe, expect, it } from 'vitest';
import { RunQuotaGuard } from './quotas';

describe('run quotas', () => {
  it('count processes, steps and log bytes, and say which quota stopped what', () => {
    const q = new RunQuotaGuard({ maxProcesses: 3, maxEvents: 10, maxLogBytes: 12 });
    expect(q.processesProblem(3)).toBeUndefined();
    expect(q.processesProblem(4)).toBe('the run has 4 processes; this node allows at most 3 per run (its quota)');
    expect(q.stepsLeft(7)).toBe(3);
    expect(q.stepsLeft(12)).toBe(0);
    expect(q.stop(10)).toEqual({
      reason: 'error',
      seq: 10,
      error: 'quota: this node lets a run take at most 10 steps',
    });
    const out: string[] = [];
    for (const line of ['hello', 'world', 'again', 'more']) q.log(line, (l) => out.push(l));
    expect(out).toEqual([
      'hello',
      'world',
      "quota: this run wrote 12 bytes of log lines, this node's limit; later lines are dropped",
    ]);
  });

  it('limit nothing when none are set', () => {
    const q = new RunQuotaGuard();
    expect(q.stepsLeft(1e12)).toBe(Number.POSITIVE_INFINITY);
    expect(q.processesProblem(1e6)).toBeUndefined();
    const out: string[] = [];
    q.log('x'.repeat(1e6), (l) => out.push(l));
    expect(out).toHaveLength(1);
  });
});
