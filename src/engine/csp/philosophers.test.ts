/**
 * Roscoe's dining philosophers built directly through the factory
 * (classic-systems.ts; the evaluator builds the same terms from CSPm): the reachable state counts are
 * fixed by the semantics (issue 4).
 */
import { describe, expect, it } from 'vitest';
import { philosophers } from './classic-systems';
import { reachable } from './test-helpers';
import { TICK } from './terms';

describe('dining philosophers (term level)', () => {
  it('N=5: 18,335 states, exactly one deadlock', () => {
    const { factory: f, system: SYS } = philosophers(5, false);
    const states = reachable(f, SYS);
    expect(states.length).toBe(18335);
    const dead = states.filter((s) => f.semantics.transitions(s).length === 0);
    expect(dead.length).toBe(1);
  });

  it('N=5 with a butler: 15,712 states, no deadlock', () => {
    const { factory: f, system: SYS } = philosophers(5, true);
    const states = reachable(f, SYS);
    expect(states.length).toBe(15712);
    expect(states.every((s) => f.semantics.transitions(s).some((t) => t.event !== TICK))).toBe(true);
  });
});
