/**
 * Roscoe's dining philosophers built directly through the factory (the
 * evaluator builds the same terms from CSPm): the reachable state counts are
 * fixed by the semantics (issue 4).
 */
import { describe, expect, it } from 'vitest';
import { kit, reachable } from './test-helpers';
import { TICK, type Term } from './terms';

function philosophers(N: number, butler: boolean) {
  const { f, e } = kit();
  const ids = [...Array(N).keys()];
  const ch = (name: string, ...vals: number[]) => e(name, ...vals);
  // declare events in channel order: thinks, sits, picks, putsdown, eats, getsup
  for (const i of ids) ch('thinks', i);
  for (const i of ids) ch('sits', i);
  for (const i of ids) for (const j of ids) ch('picks', i, j);
  for (const i of ids) for (const j of ids) ch('putsdown', i, j);
  for (const i of ids) ch('eats', i);
  for (const i of ids) ch('getsup', i);
  const phil = (i: number): Term => {
    const self: Term = f.call('PHIL', [i], () => {
      const r = (i + 1) % N;
      const seq: number[] = [
        ch('thinks', i), ch('sits', i), ch('picks', i, i), ch('picks', i, r),
        ch('eats', i), ch('putsdown', i, r), ch('putsdown', i, i), ch('getsup', i),
      ];
      return seq.reduceRight<Term>((next, ev) => f.prefix(ev, next), self);
    });
    return self;
  };
  const fork = (i: number): Term => {
    const self: Term = f.call('FORK', [i], () => {
      const l = (i - 1 + N) % N;
      return f.extChoice([
        f.prefix(ch('picks', i, i), f.prefix(ch('putsdown', i, i), self)),
        f.prefix(ch('picks', l, i), f.prefix(ch('putsdown', l, i), self)),
      ]);
    });
    return self;
  };
  const PHILS = f.call('PHILS', [], () => f.interleave(ids.map(phil)));
  const FORKS = f.call('FORKS', [], () => f.interleave(ids.map(fork)));
  const pickPut = f.eventSet([...ev('picks'), ...ev('putsdown')]);
  function ev(name: string) {
    return ids.flatMap((i) => ids.map((j) => ch(name, i, j)));
  }
  let SYS = f.call('SYSTEM', [], () => f.genPar(pickPut, [PHILS, FORKS]));
  if (butler) {
    const sitsUp = f.eventSet(ids.flatMap((i) => [ch('sits', i), ch('getsup', i)]));
    const BUTLER = (n: number): Term =>
      f.call('BUTLER', [n], () => {
        const alts: Term[] = [];
        if (n < N - 1) alts.push(...ids.map((i) => f.prefix(ch('sits', i), BUTLER(n + 1))));
        if (n > 0) alts.push(...ids.map((i) => f.prefix(ch('getsup', i), BUTLER(n - 1))));
        return f.extChoice(alts);
      });
    const inner = SYS;
    SYS = f.call('BSYSTEM', [], () => f.genPar(sitsUp, [inner, BUTLER(0)]));
  }
  return { f, SYS };
}

describe('dining philosophers (term level)', () => {
  it('N=5: 18,335 states, exactly one deadlock', () => {
    const { f, SYS } = philosophers(5, false);
    const states = reachable(f, SYS);
    expect(states.length).toBe(18335);
    const dead = states.filter((s) => f.semantics.transitions(s).length === 0);
    expect(dead.length).toBe(1);
  });

  it('N=5 with a butler: 15,712 states, no deadlock', () => {
    const { f, SYS } = philosophers(5, true);
    const states = reachable(f, SYS);
    expect(states.length).toBe(15712);
    expect(states.every((s) => f.semantics.transitions(s).some((t) => t.event !== TICK))).toBe(true);
  });
});
