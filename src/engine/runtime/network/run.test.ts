import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { philosophers } from '../../csp/classic-systems';
import { kit } from '../../csp/test-helpers';
import { EvaluationError } from '../../csp/errors';
import type { Term } from '../../csp/terms';
import type { TermFactory } from '../../csp/factory';
import { networkOf } from './network';
import { alphabetisedPhilosophers } from './philosophers';
import { NetworkRun, type StepInfo } from './run';
import { firstNonTrace as followTrace } from './trace-check';

/** Follows a runtime trace through the semantics of the whole system term; returns the first step it cannot do. */
function firstNonTrace(
  f: TermFactory,
  system: Term,
  steps: readonly StepInfo[],
  eventId: (text: string) => number,
): number | undefined {
  return followTrace(f, system, steps, eventId, isSystemTick);
}
/** The system's ✓ is logged with every component taking part; a node's ✓ names that node only. */
let componentCount = 1;
const isSystemTick = (s: StepInfo): boolean => s.processes.length === componentCount;

describe('NetworkRun on CSP networks', () => {
  it('finds the deadlock of the philosophers without a butler, with the wait-for graph', () => {
    const p = alphabetisedPhilosophers(3, false);
    const run = new NetworkRun(networkOf(p.system, p.factory, p.events), { seed: 3 });
    let stop = run.run(100_000);
    // Some seeds wander for a while; keep going until the deadlock.
    for (let i = 0; i < 20 && stop.reason === 'steps'; i++) stop = run.run(100_000);
    expect(stop.reason).toBe('deadlock');
    const waiting = stop.waiting!;
    const phils = waiting.filter((w) => w.process.startsWith('PHIL'));
    expect(phils).toHaveLength(3);
    for (const w of phils) {
      expect(w.offers[0]).toMatch(/^picks\.\d\.\d$/);
      expect(w.waitsOn[0]!.on).toMatch(/^FORK\(\d\)$/);
    }
  });

  it('runs the philosophers with a butler freely, and the trace is one of the system', () => {
    const p = alphabetisedPhilosophers(4, true);
    const spec = networkOf(p.system, p.factory, p.events);
    const run = new NetworkRun(spec, { seed: 11 });
    const stop = run.run(5_000);
    expect(stop).toEqual({ reason: 'steps', seq: 5_000 });
    const steps = run.steps();
    componentCount = spec.components.length;
    expect(steps.map((s) => s.seq)).toEqual(Array.from({ length: 5_000 }, (_, i) => i + 1));
    expect(firstNonTrace(p.factory, p.system, steps.slice(0, 400), (t) => p.events.parse(t)!)).toBeUndefined();
    expect(new Set(steps.map((s) => s.event.split('.')[0])).size).toBe(6);
  });

  it('classic PHILS [|X|] FORKS with a butler runs as components, or as one when not split', () => {
    const c = philosophers(3, true);
    const split = networkOf(c.system, c.factory, c.events);
    expect(split.components.map((x) => x.name)).toEqual([
      'PHIL(0)',
      'PHIL(1)',
      'PHIL(2)',
      'FORK(0)',
      'FORK(1)',
      'FORK(2)',
      'BUTLER(0)',
    ]);
    const whole = networkOf(c.system, c.factory, c.events, undefined, { splitParallel: false });
    expect(whole.components).toHaveLength(1);
    for (const spec of [split, whole]) {
      const run = new NetworkRun(spec, { seed: 5 });
      expect(run.run(300).reason).toBe('steps');
      componentCount = spec.components.length;
      expect(firstNonTrace(c.factory, c.system, run.steps(), (t) => c.events.parse(t)!)).toBeUndefined();
    }
  });

  it('step mode lists items in canonical order: synchronisations, τ, ✓', () => {
    const { f, e, ev } = kit();
    const a = e('a');
    const b = e('b');
    const P = f.extChoice([f.prefix(b, f.stop), f.prefix(a, f.stop)]);
    const Q = f.intChoice([f.prefix(a, f.skip), f.prefix(b, f.skip)]);
    const R = f.skip;
    const sys = f.alphaPar([P, Q, R], [f.eventSet([a, b]), f.eventSet([a, b]), f.emptySet]);
    const run = new NetworkRun(networkOf(sys, f, ev));
    const items = run.enabled();
    expect(items.map((i) => [i.kind, i.actor])).toEqual([
      ['tau', 1],
      ['tick', 2],
    ]);
    expect(items[0]!.branches).toBe(2);
    run.choose(0, 1); // Q chooses its second branch: b -> SKIP
    expect(run.enabled().map((i) => i.text)).toEqual(['b', '✓']);
  });

  it('replay of the record gives the identical run; step back and fork agree with it', () => {
    const p = alphabetisedPhilosophers(3, true);
    const spec = networkOf(p.system, p.factory, p.events);
    const run = new NetworkRun(spec, { seed: 99, snapshotEvery: 64 });
    run.run(1_000);
    const original = run.steps();
    const states = run.processStates();
    const replayed = NetworkRun.replay(spec, run.log);
    expect(replayed.steps()).toEqual(original);
    expect(replayed.processStates()).toEqual(states);

    run.goto(500);
    const at500 = run.processStates();
    expect(NetworkRun.replay(spec, run.log.prefix(500)).processStates()).toEqual(at500);
    run.stepBack();
    expect(run.seq).toBe(499);
    run.goto(1_000);
    expect(run.processStates()).toEqual(states);

    const fork = run.fork(700, { seed: 1 });
    expect(fork.steps()).toEqual(original.slice(0, 700));
    fork.run(10);
    expect(fork.seq).toBe(710);
    expect(run.steps()).toEqual(original);
  });

  it('after going back, the recorded step follows the record; another one leaves it (a new timeline, and the run says where)', () => {
    const p = alphabetisedPhilosophers(3, true);
    const run = new NetworkRun(networkOf(p.system, p.factory, p.events), { seed: 4 });
    run.run(50);
    const original = run.steps();
    run.goto(10);
    expect(run.log.length).toBe(50);
    expect(run.recordedAhead).toBe(40);
    const items = run.enabled();
    const recorded = items.findIndex((i) => i.text === original[10]!.event);
    const other = items.findIndex((i) => i.text !== original[10]!.event);
    expect(recorded).toBeGreaterThanOrEqual(0);
    expect(other).toBeGreaterThanOrEqual(0);
    run.choose(recorded);
    expect(run.log.length).toBe(50);
    expect(run.forkedAt).toBeUndefined();
    expect(run.run(100)).toEqual({ reason: 'steps', seq: 111 });
    expect(run.steps(1, 50)).toEqual(original);
    run.goto(10);
    run.choose(other);
    expect(run.forkedAt).toBe(10);
    expect(run.forks).toBe(1);
    expect(run.log.length).toBe(11);
    expect(run.steps()).toHaveLength(11);
    expect(run.steps(11, 11)[0]!.event).not.toBe(original[10]!.event);
  });

  it('a run opened from a record replays it exactly, stops at its end, and going on leaves the record', () => {
    const p = alphabetisedPhilosophers(3, true);
    const spec = networkOf(p.system, p.factory, p.events);
    const live = new NetworkRun(spec, { seed: 21 });
    live.run(300);
    const replay = NetworkRun.fromRecord(spec, live.log);
    expect(replay.seq).toBe(0);
    expect(replay.recordedAhead).toBe(300);
    expect(replay.run(120)).toEqual({ reason: 'steps', seq: 120 });
    expect(replay.run(1_000_000)).toEqual({ reason: 'record-end', seq: 300 });
    expect(replay.status().reason).toBe('record-end');
    expect(replay.steps()).toEqual(live.steps());
    expect(replay.processStates()).toEqual(live.processStates());
    expect(replay.forkedAt).toBeUndefined();
    // Going past the end is leaving the record, said once.
    expect(replay.run(5)).toEqual({ reason: 'steps', seq: 305 });
    expect(replay.forkedAt).toBe(300);
    expect(replay.forks).toBe(1);
  });

  it('stops at an event breakpoint with a value predicate, and at a process-state breakpoint', () => {
    const p = alphabetisedPhilosophers(3, true);
    const run = new NetworkRun(networkOf(p.system, p.factory, p.events), { seed: 8 });
    const bp = run.breakpoints.add({
      kind: 'event',
      pattern: 'picks.*',
      where: [
        { field: 0, op: '==', value: 2 },
        { field: 1, op: '==', value: 0 },
      ],
    });
    const stop = run.run(100_000);
    expect(stop.reason).toBe('breakpoint');
    expect(stop.breakpoint).toBe(bp);
    expect(run.steps(stop.seq, stop.seq)[0]!.event).toBe('picks.2.0');
    run.breakpoints.remove(bp.id);
    run.breakpoints.add({ kind: 'state', process: 'BUTLER(0)', pattern: 'BUTLER(2)' });
    const stop2 = run.run(100_000);
    expect(stop2.reason).toBe('breakpoint');
    expect(run.processStates().find((s) => s.name === 'BUTLER(0)')!.state).toBe('BUTLER(2)');
  });

  it('reports divergence after 10,000 τ in a row with a repeated state', () => {
    const { f, e, ev } = kit();
    const a = e('a');
    const b = e('b');
    const P: Term = f.call('P', [], () => f.prefix(a, P));
    const sys = f.hide(f.alphaPar([P, f.prefix(b, f.stop)], [f.eventSet([a]), f.eventSet([b])]), f.eventSet([a]));
    const run = new NetworkRun(networkOf(sys, f, ev), { seed: 1 });
    run.breakpoints.add({ kind: 'divergence' });
    let stop = run.run(1_000_000);
    while (stop.reason === 'steps') stop = run.run(1_000_000);
    expect(stop.reason).toBe('divergence');
    expect(stop.divergence!.tauSteps).toBeGreaterThanOrEqual(10_000);
    expect(stop.breakpoint?.spec.kind).toBe('divergence');
    expect(run.steps().find((s) => s.event === 'a')).toMatchObject({ hidden: true, kind: 'event', processes: ['P'] });
  });

  it('an evaluation error inside a component ends the run with the message', () => {
    const { f, e, ev } = kit();
    const a = e('a');
    const Bad: Term = f.call('BAD', [], () => {
      throw new EvaluationError('CSP3001', 'division by zero in BAD');
    });
    const b = e('b');
    // Firing a needs the transitions of `b -> BAD`, which unfolds BAD.
    const sys = f.alphaPar([f.prefix(a, f.prefix(b, Bad))], [f.eventSet([a, b])]);
    const run = new NetworkRun(networkOf(sys, f, ev));
    const stop = run.run(10);
    expect(stop.reason).toBe('error');
    expect(stop.error).toContain('division by zero in BAD');
    expect(run.seq).toBe(0);
  });

  it('terminates with the system ✓ once every component has', () => {
    const { f, e, ev } = kit();
    const a = e('a');
    const sys = f.alphaPar([f.prefix(a, f.skip), f.prefix(a, f.skip)], [f.eventSet([a]), f.eventSet([a])]);
    const run = new NetworkRun(networkOf(sys, f, ev));
    expect(run.run(100)).toEqual({ reason: 'terminated', seq: 4 });
    const shown = run.steps().map((s) => `${s.event}:${s.processes.join('+')}`);
    expect(shown[0]).toBe('a:P0+P1');
    expect(shown.slice(1, 3).sort()).toEqual(['✓:P0', '✓:P1']);
    expect(shown[3]).toBe('✓:P0+P1');
  });

  it('property: runtime traces of random networks are traces of the semantics; replay is identical', () => {
    const gen = fc.record({
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      shapes: fc.array(fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 6, maxLength: 12 }), {
        minLength: 1,
        maxLength: 3,
      }),
      alphaMasks: fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 3, maxLength: 3 }),
      hideMask: fc.integer({ min: 0, max: 15 }),
    });
    fc.assert(
      fc.property(gen, ({ seed, shapes, alphaMasks, hideMask }) => {
        const { f, e, ev } = kit();
        const evs = ['a', 'b', 'c', 'd'].map((n) => e(n));
        const pick = (mask: number): number[] => evs.filter((_, i) => (mask >> i) & 1);
        // Each component: a small random process from a stream of numbers, recursing to itself.
        const components = shapes.map((nums, ci) => {
          let k = 0;
          const next = (): number => nums[k++ % nums.length]!;
          const self: Term = f.call(`C${ci}`, [], () => build(3, false));
          // Recursion only under a prefix (guarded), as CSPm requires.
          const build = (depth: number, guarded: boolean): Term => {
            const r = next() % (depth === 0 ? 3 : 7);
            switch (r) {
              case 0:
                return guarded ? self : f.stop;
              case 1:
                return f.stop;
              case 2:
                return f.skip;
              case 3:
              case 4:
                return f.prefix(evs[next() % 4]!, build(depth - 1, true));
              case 5:
                return f.extChoice([build(depth - 1, guarded), build(depth - 1, guarded)]);
              default:
                return f.intChoice([build(depth - 1, guarded), build(depth - 1, guarded)]);
            }
          };
          return self;
        });
        const alphas = components.map((_, i) => f.eventSet(pick(alphaMasks[i]! | 1)));
        const sys = f.hide(
          components.length === 1
            ? f.alphaPar([components[0]!, f.run(f.emptySet)], [alphas[0]!, f.emptySet])
            : f.alphaPar(components, alphas),
          f.eventSet(pick(hideMask)),
        );
        const spec = networkOf(sys, f, ev);
        const run = new NetworkRun(spec, { seed, divergenceAfter: 1_000_000 });
        run.run(40);
        const steps = run.steps();
        componentCount = spec.components.length;
        expect(firstNonTrace(f, sys, steps, (t) => ev.parse(t)!)).toBeUndefined();
        expect(NetworkRun.replay(spec, run.log).steps()).toEqual(steps);
      }),
      { numRuns: 300 },
    );
  });
});
