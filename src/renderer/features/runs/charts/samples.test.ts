import { describe, expect, it } from 'vitest';
import type { RunStep } from '../run-store';
import { countByChannel, downsample, stateCounts } from './samples';
import type { Point } from './samples';

const step = (seq: number, event: string, kind: RunStep['kind'] = 'event'): RunStep => ({
  seq,
  kind,
  event,
  hidden: false,
  processes: [],
  branch: 0,
});

describe('chart samples', () => {
  it('counts the steps after a seq per channel', () => {
    const steps = [step(5, 'a.1'), step(6, 'b.2'), step(7, 'a.3'), step(8, 'τ', 'tau')];
    expect([...countByChannel({ steps, firstSeq: 5 }, 5)]).toEqual([
      ['b', 1],
      ['a', 1],
      ['tau', 1],
    ]);
    expect(countByChannel({ steps, firstSeq: 5 }, 0).get('a')).toBe(2);
  });

  it('keeps a series under the limit by averaging neighbours', () => {
    const points: Point[] = Array.from({ length: 9 }, (_, i) => ({ t: i, a: i * 2 }));
    const out = downsample(points, 8);
    expect(out).toHaveLength(5);
    expect(out[0]).toEqual({ t: 0.5, a: 1 });
    expect(out[4]).toEqual({ t: 8, a: 16 });
    expect(downsample(points, 100)).toBe(points);
  });

  it('counts processes by what they did since the last sample: ran, waited, ended or failed', () => {
    const steps: RunStep[] = [
      { ...step(3, 'a.1'), processes: ['P', 'Q'] },
      { ...step(4, 'b.1'), processes: ['Q', 'R'] },
    ];
    const processes = ['P', 'Q', 'R', 'S', 'T', 'U'].map((name) => ({ name, state: 'x', terminated: name === 'T' }));
    const stop = { reason: 'error' as const, seq: 4, process: 'U' };
    expect(stateCounts({ steps, firstSeq: 3, processes, stop }, 2)).toEqual({
      running: 3,
      waiting: 1,
      done: 1,
      failed: 1,
    });
    // Only the steps after the seq count: P took no step after step 3.
    expect(stateCounts({ steps, firstSeq: 3, processes, stop: undefined }, 3)).toEqual({
      running: 2,
      waiting: 3,
      done: 1,
      failed: 0,
    });
  });
});
