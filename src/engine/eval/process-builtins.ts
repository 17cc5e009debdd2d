/**
 * FDR built-ins that need the evaluator's events, channels and datatypes:
 * `loop`, `prioritise` (and `prioritise_nocache`), `prioritisepo`,
 * `extensions`, `productions` and the buffers (buffers.ts).
 */
import type { Span } from '../cspm/syntax/ast';
import { EvaluationError } from '../csp/errors';
import type { EventId, Term } from '../csp/terms';
import { makeSet, type FunctionValue, type Value } from '../csp/values';
import { buffer, BUFFER_ARITY, type BufferKind } from './buffers';
import { fail } from './errors';
import { watchdog, type WatchdogKind } from '../csp/watchdog';
import type { Evaluator } from './evaluator';
import { asSeq, asSet, short } from './value-ops';

type Impl = (ev: Evaluator, args: readonly Value[], span: Span) => Value;

const table: Record<string, [number, Impl]> = {
  // loop(P) = P ; loop(P), one named state as in FDR.
  loop: [1, (ev, [p], span) => ({ t: 'proc', term: loop(ev, ev.asProcess(p as Value, span)) })],
  prioritise: [2, (ev, [p, levels], span) => prioritise(ev, 'prioritise', p as Value, levels as Value, span)],
  prioritise_nocache: [
    2,
    (ev, [p, levels], span) => prioritise(ev, 'prioritise_nocache', p as Value, levels as Value, span),
  ],
  prioritisepo: [4, (ev, args, span) => prioritisePo(ev, args, span)],
  extensions: [1, (ev, [v], span) => makeSet(ev.extensions(v as Value, span))],
  productions: [1, (ev, [v], span) => makeSet(ev.productions(v as Value, span))],
  trace_watchdog: [3, (ev, args, span) => watchdogOf(ev, 'trace_watchdog', args, span)],
  failure_watchdog: [3, (ev, args, span) => watchdogOf(ev, 'failure_watchdog', args, span)],
  ...Object.fromEntries(
    (Object.keys(BUFFER_ARITY) as BufferKind[]).map((kind): [string, [number, Impl]] => [
      kind,
      [BUFFER_ARITY[kind], (ev, args, span) => buffer(ev, kind, args, span)],
    ]),
  ),
};

/** The built-in `name` bound to its span, or undefined. */
export function processBuiltin(ev: Evaluator, name: string, span: Span): FunctionValue | undefined {
  const entry = table[name];
  if (entry === undefined) return undefined;
  const [arity, impl] = entry;
  return { t: 'fn', name, arity, call: (args) => impl(ev, args, span) };
}

/** trace_watchdog(P, A, e) and failure_watchdog(P, A, e) (csp/watchdog.ts). */
function watchdogOf(ev: Evaluator, kind: WatchdogKind, [p, a, e]: readonly Value[], span: Span): Value {
  const spec = ev.asProcess(p as Value, span);
  const alphabet = ev.eventSet(a as Value, span);
  const bark = ev.eventId(e as Value, span);
  if (ev.factory.has(alphabet, bark))
    fail('CSP3014', span, { fn: kind, problem: `the signal ${ev.events.text(bark)} is also in the watched events` });
  try {
    return {
      t: 'proc',
      term: watchdog(ev.factory, kind, spec, alphabet, bark, { alphabet: a as Value, bark: e as Value }),
    };
  } catch (err) {
    // an error in the specification's first steps, or too many choices: placed at the call
    if (err instanceof EvaluationError && err.span === undefined)
      throw new EvaluationError(err.code, err.message, span);
    throw err;
  }
}

function loop(ev: Evaluator, p: Term): Term {
  const self: Term = ev.factory.call('loop', [{ t: 'proc', term: p }], () => ev.factory.seq(p, self));
  return self;
}

function prioritise(ev: Evaluator, name: string, p: Value, levels: Value, span: Span): Value {
  const sets = asSeq(levels, span).items.map((s) => ev.eventSet(s, span));
  if (sets.length === 0)
    return fail('CSP3014', span, { fn: name, problem: 'the sequence of priority levels is empty' });
  return { t: 'proc', term: ev.factory.prioritise(ev.asProcess(p, span), sets) };
}

/**
 * prioritisepo(P, E, R, M): R orders events of E (a pair (a, b): a before b),
 * closed transitively; it must have no cycle. M lists the maximal events of E,
 * which rank with τ and ✓; τ and ✓ outrank the rest of E.
 */
function prioritisePo(ev: Evaluator, [p, e, r, m]: readonly Value[], span: Span): Value {
  const proc = ev.asProcess(p as Value, span);
  const all = new Set(ev.eventSet(e as Value, span));
  const maximal = new Set(ev.eventSet(m as Value, span));
  const below = new Map<EventId, Set<EventId>>();
  for (const pair of asSet(r as Value, span).items) {
    if (typeof pair !== 'object' || pair.t !== 'tuple' || pair.items.length !== 2) {
      return fail('CSP3008', span, { expected: 'a pair of events', actual: short(pair) });
    }
    const [hi, lo] = pair.items.map((x) => ev.eventId(x, span)) as [EventId, EventId];
    for (const x of [hi, lo]) {
      if (!all.has(x))
        return fail('CSP3014', span, {
          fn: 'prioritisepo',
          problem: `${ev.events.text(x)} is ordered but not in the set of prioritised events`,
        });
    }
    let set = below.get(hi);
    if (set === undefined) below.set(hi, (set = new Set()));
    set.add(lo);
  }
  // Transitive closure (the order is small: it is written out in the script).
  for (let changed = true; changed;) {
    changed = false;
    for (const lows of below.values()) {
      for (const lo of [...lows]) {
        for (const further of below.get(lo) ?? []) {
          if (!lows.has(further)) {
            lows.add(further);
            changed = true;
          }
        }
      }
    }
  }
  const order: [EventId, EventId][] = [];
  for (const [hi, lows] of below) {
    if (lows.has(hi))
      return fail('CSP3014', span, {
        fn: 'prioritisepo',
        problem: `the order has a cycle through ${ev.events.text(hi)}`,
      });
    for (const lo of lows) {
      if (maximal.has(lo))
        return fail('CSP3014', span, {
          fn: 'prioritisepo',
          problem: `${ev.events.text(lo)} is listed as maximal but ${ev.events.text(hi)} is above it`,
        });
      order.push([hi, lo]);
    }
  }
  const belowTau = [...all].filter((x) => !maximal.has(x));
  return { t: 'proc', term: ev.factory.prioritisePo(proc, order, ev.factory.eventSet(belowTau)) };
}
