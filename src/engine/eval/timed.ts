/**
 * Timed sections, `Timed(f) { ... }`: FDR's translation of the processes
 * written inside to tock-CSP (as libcspm does it).
 *
 * - `e -> P` becomes `X` where `X = tock -> X [] e -> tock^f(e) -> P`: time
 *   may pass before e, and f(e) tocks pass after it.
 * - STOP becomes TSTOP (`TSTOP = tock -> TSTOP`), SKIP becomes TSKIP
 *   (`TSKIP = tock -> TSKIP [] SKIP`); `WAIT(n)` is n tocks then TSKIP.
 * - Choices, parallels and interrupts synchronise on tock (`[]` becomes
 *   `[+ {tock} +]`, `|||` becomes `[| {tock} |]`, `/\` becomes
 *   `/+ {tock} +\`, event sets of `[| A |]`, `[A || B]`, `[+ A +]`,
 *   `/+ A +\` gain tock); a replicated operator over nothing is TSTOP
 *   (`;` over `<>` is TSKIP), and so is a false guard.
 * - `timed_priority(P)` is `prioritise(P, <{}, {tock}>)`: τ before tock.
 */
import type { Span } from '../cspm/syntax/ast';
import type { TermFactory } from '../csp/factory';
import type { EventId, EventSet, Term } from '../csp/terms';
import { makeSet, type FunctionValue, type Value } from '../csp/values';
import type { TimedSection } from './env';
import { fail } from './errors';
import type { Evaluator } from './evaluator';
import { asInt } from './value-ops';

/** TSTOP: lets time pass forever. */
export function tstop(f: TermFactory, tock: EventId): Term {
  const self: Term = f.call('TSTOP', [], () => f.prefix(tock, self));
  return self;
}

/** TSKIP: lets time pass, or terminates. */
export function tskip(f: TermFactory, tock: EventId): Term {
  const self: Term = f.call('TSKIP', [], () => f.extChoice([f.prefix(tock, self), f.skip]));
  return self;
}

/** n tocks, then `next`. */
export function tocks(f: TermFactory, tock: EventId, n: number, next: Term): Term {
  let t = next;
  for (let i = 0; i < n; i++) t = f.prefix(tock, t);
  return t;
}

/**
 * The timed form of a prefix offering `events`: `X = tock -> X [] e -> tock^f(e) -> next(e)`.
 * `key` identifies the prefix and its closure (as for prefixChoice).
 */
export function timedPrefix(
  ev: Evaluator,
  section: TimedSection,
  events: EventSet,
  next: (e: EventId) => Term,
  key: string,
): Term {
  const f = ev.factory;
  const tock = section.tock();
  const offered = makeSet(events.map((e) => ev.events.value(e) as Value));
  const after = (e: EventId): Term => tocks(f, tock, section.tocksAfter(e), next(e));
  const self: Term = f.call(
    'TPREFIX',
    [offered],
    () => {
      const choice =
        events.length === 1
          ? f.prefix(events[0] as EventId, after(events[0] as EventId))
          : f.prefixChoice(events, after, `T|${key}`, 'timed prefix');
      return f.extChoice([f.prefix(tock, self), choice]);
    },
    key,
  );
  return self;
}

/** An event set of a timed operator, with tock added. */
export function withTock(f: TermFactory, section: TimedSection, set: EventSet): EventSet {
  return f.eventSet([...set, section.tock()]);
}

/** The section of `Timed(fn)` (or `Timed` alone, one tock per event), resolved when first used. */
export function makeSection(ev: Evaluator, fn: () => Value | undefined, span: Span): TimedSection {
  let tock: EventId | undefined;
  let f: FunctionValue | null | undefined;
  const counts = new Map<EventId, number>();
  return {
    tock: () => (tock ??= ev.eventId(ev.lookup('tock', ev.globals, span), span)),
    tocksAfter: (e) => {
      let n = counts.get(e);
      if (n === undefined) {
        if (f === undefined) {
          const v = fn();
          if (v !== undefined && (typeof v !== 'object' || v.t !== 'fn'))
            return fail('CSP3008', span, { expected: 'a function from events to integers', actual: String(v) });
          f = v ?? null;
        }
        n = f === null ? 1 : asInt(f.call([ev.events.value(e) as Value]), span);
        if (n < 0)
          return fail('CSP3014', span, {
            fn: 'Timed',
            problem: `the function gives ${n} tocks for ${ev.events.text(e)}`,
          });
        counts.set(e, n);
      }
      return n;
    },
  };
}

/** STOP, SKIP, TSTOP, TSKIP, WAIT and timed_priority as seen inside a timed section. */
export function timedBuiltin(ev: Evaluator, section: TimedSection, name: string): Value | undefined {
  const f = ev.factory;
  switch (name) {
    case 'STOP':
    case 'TSTOP':
      return { t: 'proc', term: tstop(f, section.tock()) };
    case 'SKIP':
    case 'TSKIP':
      return { t: 'proc', term: tskip(f, section.tock()) };
    case 'WAIT':
      return {
        t: 'fn',
        name,
        arity: 1,
        call: ([n]) => {
          const tock = section.tock();
          const k = typeof n === 'number' ? n : 0;
          return { t: 'proc', term: f.call('WAIT', [k], () => tocks(f, tock, k, tskip(f, tock))) };
        },
      };
    case 'timed_priority':
      return {
        t: 'fn',
        name,
        arity: 1,
        call: ([p]) => {
          const term = typeof p === 'object' && p.t === 'proc' ? p.term : f.stop;
          return { t: 'proc', term: f.prioritise(term, [f.emptySet, f.eventSet([section.tock()])]) };
        },
      };
    default:
      return undefined;
  }
}
