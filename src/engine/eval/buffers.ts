/**
 * FDR's built-in buffers, as libcspm describes them:
 *
 *  - `BUFFER(N, R)`: a FIFO buffer of capacity N ≥ 1. R is a set of pairs
 *    (in, out): the buffer accepts `in` while it holds fewer than N items,
 *    and offers `out` of its oldest item. When full it refuses new inputs.
 *  - `WEAK_BUFFER(N, e, R)`: the same, but when full it performs `e` instead
 *    of refusing: an input arriving at a full buffer is accepted, then `e`
 *    (the explosion) follows and the extra item is lost.
 *  - `SIGNAL_BUFFER(N, full, empty, R)`: when full it performs `full` after
 *    an input (as WEAK_BUFFER), and when empty it offers `empty`.
 *
 * Every event may appear once only, as an input, an output or a signal
 * (otherwise the buffer would be ambiguous), and N must be at least 1: both
 * are CSP3014 at the call, as FDR's errors.
 *
 * A state is a named call: the empty buffer is `BUFFER(N, R)` itself (so a
 * buffer that empties comes back to its first state); a buffer holding items
 * adds them as a sequence of pending outputs, `BUFFER(N, R, <d.1, d.0>)`.
 */
import type { Span } from '../cspm/syntax/ast';
import type { EventId, Term } from '../csp/terms';
import type { Value } from '../csp/values';
import { fail } from './errors';
import type { Evaluator } from './evaluator';
import { asInt, asSet, short } from './value-ops';

export type BufferKind = 'BUFFER' | 'WEAK_BUFFER' | 'SIGNAL_BUFFER';

/** Arguments before the set of pairs: the capacity, then the signal events. */
export const BUFFER_ARITY: Readonly<Record<BufferKind, number>> = { BUFFER: 2, WEAK_BUFFER: 3, SIGNAL_BUFFER: 4 };

interface BufferSpec {
  readonly kind: BufferKind;
  readonly capacity: number;
  /** What the buffer performs after an input when full (WEAK_BUFFER, SIGNAL_BUFFER). */
  readonly fullSignal: EventId | undefined;
  /** What the buffer offers when empty (SIGNAL_BUFFER). */
  readonly emptySignal: EventId | undefined;
  /** [input, output] pairs in the set's order. */
  readonly pairs: readonly (readonly [EventId, EventId])[];
  /** The arguments as written, for the states' names. */
  readonly args: readonly Value[];
}

export function buffer(ev: Evaluator, kind: BufferKind, args: readonly Value[], span: Span): Value {
  const spec = bufferSpec(ev, kind, args, span);
  const state = (contents: readonly EventId[]): Term => {
    const stateArgs =
      contents.length === 0
        ? spec.args
        : [...spec.args, { t: 'seq' as const, items: contents.map((e) => ev.events.value(e) as Value) }];
    return ev.factory.call(kind, stateArgs, () => bufferBody(ev, spec, contents, state));
  };
  return { t: 'proc', term: state([]) };
}

function bufferBody(
  ev: Evaluator,
  spec: BufferSpec,
  contents: readonly EventId[],
  state: (contents: readonly EventId[]) => Term,
): Term {
  const f = ev.factory;
  const self = state(contents);
  const branches: Term[] = [];
  const full = contents.length >= spec.capacity;
  for (const [input, output] of spec.pairs) {
    if (!full) branches.push(f.prefix(input, state([...contents, output])));
    else if (spec.fullSignal !== undefined) branches.push(f.prefix(input, f.prefix(spec.fullSignal, self)));
  }
  const head = contents[0];
  if (head !== undefined) branches.push(f.prefix(head, state(contents.slice(1))));
  if (contents.length === 0 && spec.emptySignal !== undefined) branches.push(f.prefix(spec.emptySignal, self));
  return f.extChoice(branches);
}

function bufferSpec(ev: Evaluator, kind: BufferKind, args: readonly Value[], span: Span): BufferSpec {
  const capacity = asInt(args[0] as Value, span);
  if (capacity < 1)
    fail('CSP3014', span, {
      fn: kind,
      problem: `the capacity ${capacity} is insufficient; it must be at least 1`,
    });
  const signals = args.slice(1, -1).map((v) => ev.eventId(v, span));
  const pairs: [EventId, EventId][] = [];
  for (const item of asSet(args[args.length - 1] as Value, span).items) {
    if (typeof item !== 'object' || item.t !== 'tuple' || item.items.length !== 2)
      return fail('CSP3008', span, { expected: 'a pair of events (input, output)', actual: short(item) });
    pairs.push([ev.eventId(item.items[0] as Value, span), ev.eventId(item.items[1] as Value, span)]);
  }
  const seen = new Set<EventId>();
  for (const e of [...signals, ...pairs.flat()]) {
    if (seen.has(e))
      fail('CSP3014', span, {
        fn: kind,
        problem: `the event ${ev.events.text(e)} is mentioned more than once; each event may be an input, an output or a signal, once`,
      });
    seen.add(e);
  }
  return {
    kind,
    capacity,
    fullSignal: signals[0],
    emptySignal: signals[1],
    pairs,
    args,
  };
}
