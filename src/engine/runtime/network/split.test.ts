import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { builder, shapeArb, type Shape } from '../../check/arbitrary';
import { TooManyStates, traces } from '../../csp/test-helpers';
import type { Term } from '../../csp/terms';
import { networkFromCspm } from './load';
import { networkOf, type NetworkSpec } from './network';
import { NetworkRun } from './run';
import { firstNonTrace } from './trace-check';

function load(text: string, process = 'SYSTEM'): NetworkSpec {
  const net = networkFromCspm(text, { process });
  if (!net.ok) throw new Error(net.errors.join('\n'));
  return net.spec;
}

/** Each component: its name and its alphabet as CSPm text. */
function shape(spec: NetworkSpec): string[] {
  return spec.components.map(
    (c) => `${c.name} ${c.alphabet === null ? '*' : c.alphabet.map((e) => spec.events.text(e)).join(',')}`,
  );
}

/** The network as the one term the scheduler composes: the components in alphabetised parallel, under the hiding. */
function asTerm(spec: NetworkSpec): Term {
  const f = spec.factory;
  const body =
    spec.components.length === 1 && spec.components[0]!.alphabet === null
      ? spec.components[0]!.term
      : f.alphaPar(
          spec.components.map((c) => c.term),
          spec.components.map((c) => c.alphabet!),
        );
  return f.hide(body, spec.hidden);
}

/** The traces of `t` to depth 6, or undefined when the reference enumeration passes its pair limit. */
function tracesWithinLimit(b: ReturnType<typeof builder>, t: Term): ReturnType<typeof traces> | undefined {
  try {
    return traces(b.f, b.ev, t, 6);
  } catch (error) {
    if (error instanceof TooManyStates) return undefined;
    throw error;
  }
}

describe('generalised parallel and interleaving split into components', () => {
  it('the butler: philosophers, forks and the butler are components; the trace names them', () => {
    const spec = load(
      `N = 3
channel thinks, sits, eats, getsup : {0..N-1}
channel picks, putsdown : {0..N-1}.{0..N-1}
PHIL(i) = thinks.i -> sits.i -> picks.i.i -> picks.i.(i+1)%N -> eats.i ->
          putsdown.i.(i+1)%N -> putsdown.i.i -> getsup.i -> PHIL(i)
FORK(i) = picks.i.i -> putsdown.i.i -> FORK(i) [] picks.(i-1)%N.i -> putsdown.(i-1)%N.i -> FORK(i)
SYSTEM = (||| i : {0..N-1} @ PHIL(i)) [| {| picks, putsdown |} |] (||| i : {0..N-1} @ FORK(i))
BUTLER(n) = n < N-1 & sits?i -> BUTLER(n+1) [] n > 0 & getsup?i -> BUTLER(n-1)
BSYSTEM = SYSTEM [| {| sits, getsup |} |] BUTLER(0)
`,
      'BSYSTEM',
    );
    expect(spec.components.map((c) => c.name)).toEqual([
      'PHIL(0)',
      'PHIL(1)',
      'PHIL(2)',
      'FORK(0)',
      'FORK(1)',
      'FORK(2)',
      'BUTLER(0)',
    ]);
    const run = new NetworkRun(spec, { seed: 3 });
    run.run(200);
    const steps = run.steps();
    expect(steps.length).toBe(200);
    const picks = steps.find((s) => s.event.startsWith('picks.'))!;
    const [, i, j] = picks.event.split('.').map(Number);
    expect(picks.processes).toEqual([`PHIL(${i})`, `FORK(${j})`]);
    expect(steps.find((s) => s.event.startsWith('sits.'))!.processes).toEqual([
      expect.stringMatching(/^PHIL\(\d\)$/),
      'BUTLER(0)',
    ]);
  });

  it('interleaving with a shared event is not split: the shared event is not synchronised', () => {
    const spec = load('channel a, b, c\nP = a -> b -> P\nQ = a -> c -> Q\nSYSTEM = P ||| Q\n');
    expect(shape(spec)).toEqual(['SYSTEM *']);
    const run = new NetworkRun(spec, { seed: 1 });
    run.run(3);
    expect(run.steps().map((s) => s.processes)).toEqual([['SYSTEM'], ['SYSTEM'], ['SYSTEM']]);
  });

  it('only the items sharing an event outside the set stay merged', () => {
    const spec = load('channel a, b, c\nP = a -> P\nQ = a -> Q\nR = b -> R\nSYSTEM = P ||| Q ||| R\n');
    expect(shape(spec)).toEqual(['P + Q a', 'R b']);
  });

  it('an event of the set one side never performs still blocks', () => {
    // Q never does b: b is in the set, so it can never happen, though P offers it.
    const spec = load('channel a, b, c\nP = a -> b -> P\nQ = a -> c -> Q\nSYSTEM = P [| {a, b} |] Q\n');
    expect(spec.components.map((c) => c.name)).toEqual(['P', 'Q']);
    const run = new NetworkRun(spec, { seed: 1 });
    expect(run.run(10)).toMatchObject({ reason: 'deadlock' });
    expect(run.steps().map((s) => s.event)).toEqual(['a', 'c']);
  });

  it('a process held back by its alphabet is never used to block an event it could do', () => {
    // Left: a -> STOP may only do b (its alphabet), so the left side never does a, and a never happens.
    const spec = load('channel a, b, c\nSYSTEM = ((a -> STOP) [ {b} || {c} ] (c -> STOP)) [| {a} |] (a -> STOP)\n');
    const run = new NetworkRun(spec, { seed: 1 });
    expect(run.run(10)).toMatchObject({ reason: 'deadlock' });
    expect(run.steps().map((s) => s.event)).toEqual(['c']);
  });

  it('hiding above and renaming inside: alphabets are what the items really perform', () => {
    const spec = load(
      'channel a, b, c, d\nP = a -> P\nQ = b -> Q\nSYSTEM = ((P [[a <- c]]) [| {c} |] (Q [[b <- c]])) \\ {c}\n',
    );
    expect(shape(spec)).toEqual(['P c', 'Q c']);
    expect(spec.hidden.map((e) => spec.events.text(e))).toEqual(['c']);
    const run = new NetworkRun(spec, { seed: 1 });
    run.run(2);
    expect(run.steps().map((s) => `${s.kind} ${s.event} ${s.hidden} ${s.processes.join('+')}`)).toEqual([
      'event c true P+Q',
      'event c true P+Q',
    ]);
  });

  it('replicated forms, duplicates numbered, and alphabetised parallels inside', () => {
    const spec = load(
      'channel a, b : {0..1}\nchannel c\nW(i) = a.i -> W(i)\nSYSTEM = (||| i : {0..1} @ W(i)) ||| (W(0) [| {} |] (b.0 -> STOP [ {b.0} || {b.1} ] b.1 -> STOP))\n',
    );
    // Nested interleavings are one; W(0) appears twice and performs a.0 in both places: those two are merged.
    expect(shape(spec)).toEqual(['W(0) + W(0) a.0', 'W(1) a.1', 'P2 b.0', 'P3 b.1']);
    const split = load('channel a : {0..2}\nW(i) = a.i -> W(i)\nSYSTEM = [| {} |] i : {0..2} @ W(i)\n');
    expect(shape(split)).toEqual(['W(0) a.0', 'W(1) a.1', 'W(2) a.2']);
    const dup = load('channel a, b\nSYSTEM = (a -> STOP) ||| (b -> STOP) ||| (c -> STOP)\nchannel c\n');
    expect(dup.components.map((c) => c.name)).toEqual(['P0', 'P1', 'P2']);
    const same = load('channel a\nP = a -> P\nSYSTEM = P [| {a} |] P\n');
    expect(same.components.map((c) => c.name)).toEqual(['P', 'P#2']);
  });

  it('a workflow (splitParallel: false) keeps a parallel at the top as one component', () => {
    const net = networkFromCspm('channel a, b\nP = a -> P\nQ = b -> Q\nSYSTEM = P ||| Q\n', { splitParallel: false });
    if (!net.ok) throw new Error(net.errors.join('\n'));
    expect(shape(net.spec)).toEqual(['SYSTEM *']);
  });

  it('property: the split network has the traces of the process; runs of it are traces of the process', () => {
    const item = shapeArb();
    const gen = fc.record({
      op: fc.constantFrom('genPar' as const, 'interleave' as const),
      sync: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 3 }),
      items: fc.array(item, { minLength: 2, maxLength: 3 }),
      hide: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 1 }),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
    });
    let splits = 0;
    fc.assert(
      fc.property(gen, ({ op, sync, items, hide, seed }) => {
        const b = builder();
        const join = (l: Shape, r: Shape): Shape =>
          op === 'interleave' ? { op: 'interleave', l, r } : { op: 'genPar', sync, l, r };
        const top = items.slice(1).reduce(join, items[0]!);
        const system = b.build({ op: 'hide', set: hide, body: top });
        const spec = networkOf(system, b.f, b.ev);
        if (spec.components.length > 1) splits++;
        // The reference enumeration gives up past its pair limit (fast-check seed 1293272576 found
        // such a process): no oracle for that case, so it is skipped, not counted as a failure.
        const expected = tracesWithinLimit(b, system);
        fc.pre(expected !== undefined);
        expect(traces(b.f, b.ev, asTerm(spec), 6)).toEqual(expected);
        const run = new NetworkRun(spec, { seed, divergenceAfter: 1_000_000 });
        run.run(30);
        const isSystemTick = (s: { kind: string; processes: readonly string[] }): boolean =>
          s.kind === 'tick' && s.processes.length === spec.components.length;
        expect(firstNonTrace(b.f, system, run.steps(), (t) => b.ev.parse(t)!, isSystemTick)).toBeUndefined();
      }),
      { numRuns: 400 },
    );
    // The property must have exercised real splits, not only merged systems.
    expect(splits).toBeGreaterThan(50);
  });
});
