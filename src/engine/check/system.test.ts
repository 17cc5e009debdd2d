import { describe, expect, it } from 'vitest';
import { printTerm } from '../csp/print';
import type { Term } from '../csp/terms';
import { reachable } from '../csp/test-helpers';
import { Budget } from './budget';
import { philosophers, pipeline, type Classic } from '../csp/classic-systems';
import type { Namer } from './counterexample';
import { checkProperty, exploreAll } from './property';
import { SuccBuffer, System } from './system';

function compile(c: Classic, term: Term = c.system): { sys: System; namer: Namer } {
  const namer: Namer = { event: (e) => c.events.text(e), term: (t) => printTerm(t, c.events) };
  return { sys: System.compile(term, c.factory, (t) => printTerm(t, c.events)), namer };
}

describe('compiled network (explicate)', () => {
  it('dining philosophers N=5: 18,335 states, one deadlock, found with a 15-event trace', () => {
    const c = philosophers(5, false);
    const { sys, namer } = compile(c);
    exploreAll(sys, new Budget());
    expect(sys.states).toBe(18335);
    let dead = 0;
    for (let i = 0; i < sys.states; i++) if (sysDead(sys, i)) dead++;
    expect(dead).toBe(1);
    const fresh = compile(c);
    const r = checkProperty(fresh.sys, 'deadlock', 'F', new Budget(), namer);
    expect(r.status).toBe('failed');
    if (r.status !== 'failed') return;
    expect(r.counterexample.kind).toBe('deadlock');
    expect(r.counterexample.trace).toHaveLength(15);
    expect(r.counterexample.trace.slice(0, 5)).toEqual(['thinks.0', 'thinks.1', 'thinks.2', 'thinks.3', 'thinks.4']);
    expect(r.counterexample.components).toHaveLength(10);
    expect(r.counterexample.components[0]).toMatchObject({
      name: 'PHIL(0)',
      trace: ['thinks.0', 'sits.0', 'picks.0.0'],
    });
  });

  it('philosophers with a butler N=5: 15,712 states, deadlock free', () => {
    const c = philosophers(5, true);
    const { sys, namer } = compile(c);
    const r = checkProperty(sys, 'deadlock', 'FD', new Budget(), namer);
    expect(r).toMatchObject({ status: 'passed', states: 15712 });
  });

  it('the state terms are exactly the term-level states (same ids)', () => {
    for (const c of [philosophers(3, true), pipeline(3)]) {
      const { sys } = compile(c);
      exploreAll(sys, new Budget());
      const ours = new Set<number>();
      for (let i = 0; i < sys.states; i++) ours.add(sys.termOf(i).id);
      const theirs = new Set(reachable(c.factory, c.system).map((t) => t.id));
      expect(ours.size).toBe(sys.states);
      expect([...ours].sort()).toEqual([...theirs].sort());
    }
  });

  it('N=7: 930,431 states (one deadlock), 869,248 with the butler (none)', () => {
    for (const [butler, expected, deadlocks] of [
      [false, 930_431, 1],
      [true, 869_248, 0],
    ] as const) {
      const { sys } = compile(philosophers(7, butler));
      exploreAll(sys, new Budget());
      expect(sys.states).toBe(expected);
      const buf = new SuccBuffer();
      let dead = 0;
      for (let i = 0; i < sys.states; i++) if (sys.successors(i, buf) === 0 && !sys.isTerminated(i)) dead++;
      expect(dead).toBe(deadlocks);
    }
  }, 300_000);

  it('a pipeline of N one-place buffers has 3^N states', () => {
    for (const N of [1, 2, 5, 8]) {
      const { sys } = compile(pipeline(N));
      exploreAll(sys, new Budget());
      expect(sys.states).toBe(3 ** N);
    }
  });
});

function sysDead(sys: System, i: number): boolean {
  const buf = new SuccBuffer();
  return sys.successors(i, buf) === 0 && !sys.isTerminated(i);
}
