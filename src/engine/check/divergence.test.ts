/**
 * The divergence oracle answers for every state, including one it stored as
 * a τ-successor while a search that stopped early (a τ-cycle found) never
 * reached it.
 */
import { describe, expect, it } from 'vitest';
import { printTerm } from '../csp/print';
import { TAU } from '../csp/terms';
import { builder } from './arbitrary';
import { DivergenceOracle } from './divergence';
import { SuccBuffer, System } from './system';

describe('DivergenceOracle', () => {
  it('a -> (SKIP [{} || {c}] (c -> DIV)): after <a, c> both the state and its τ-successor (SKIP ended) diverge, asked in either order', () => {
    for (const order of ['first', 'second'] as const) {
      const b = builder();
      // under a prefix the parallel is one leaf (a network's top would be split)
      const X = b.build({
        op: 'prefix',
        e: 0,
        next: { op: 'alphaPar', al: [], ar: [2], l: { op: 'skip' }, r: { op: 'prefix', e: 2, next: { op: 'div' } } },
      });
      const sys = System.compile(X, b.f, (t) => printTerm(t, b.ev));
      const buf = new SuccBuffer();
      const step = (s: number, e: number): number[] => {
        const n = sys.successors(s, buf);
        const out: number[] = [];
        for (let i = 0; i < n; i++) if (buf.events[i] === e) out.push(buf.targets[i] as number);
        return out;
      };
      const afterA = step(0, b.events[0] as number)[0] as number;
      const afterC = step(afterA, b.events[2] as number)[0] as number; // SKIP || DIV
      const ended = step(afterC, TAU).filter((t) => t !== afterC); // Ω || DIV
      expect(ended).toHaveLength(1);
      const oracle = new DivergenceOracle(sys);
      const at = (s: number): boolean => oracle.isDivergentAt(sys.store.words, s * sys.width);
      const states = order === 'first' ? [afterC, ended[0] as number] : [ended[0] as number, afterC];
      expect(states.map(at)).toEqual([true, true]);
      expect(at(0)).toBe(false);
    }
  });
});
