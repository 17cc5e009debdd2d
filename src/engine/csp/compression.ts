/**
 * FDR's compression functions as terms: `compress(method, P)`.
 *
 * Most of them (normal, sbisim, diamond, wbisim, …) preserve the semantics
 * of P in every model they are used in, so a compressed term behaves exactly
 * as P here (its transitions are P's); the reduction itself happens in the
 * checker, which replaces the component by a smaller transition system
 * (src/engine/check/compress). Two change the behaviour, and so have their
 * own rules, the same for the simulator, the runtime and the checker:
 *
 *  - `chase(P)` forces τ: from a state, it follows the first τ (in the
 *    semantics' order) until a state without τ, and offers that state's
 *    visible events; a τ-path that comes back on itself diverges.
 *  - `deter(P)` is the deterministic process with P's traces: after each
 *    trace it offers every event P could perform, and refuses nothing else.
 */
import type { TermFactory } from './factory';
import type { Semantics } from './semantics';
import { TAU, TICK, type Term, type Transition } from './terms';

export const COMPRESSIONS = [
  'normal',
  'sbisim',
  'diamond',
  'explicate',
  'wbisim',
  'dbisim',
  'lazyenumerate',
  'lazynorm',
  'model_compress',
  'tau_loop_factor',
  'chase',
  'chase_nocache',
  'deter',
] as const;

export type Compression = (typeof COMPRESSIONS)[number];

export function isCompression(name: string): name is Compression {
  return (COMPRESSIONS as readonly string[]).includes(name);
}

/** The transitions of `compress(method, body)` (`self`). */
export function compressedTransitions(
  sem: Semantics,
  f: TermFactory,
  self: Term,
  method: Compression,
  body: Term,
): readonly Transition[] {
  switch (method) {
    case 'chase':
    case 'chase_nocache':
      return chase(sem, f, self, method, body);
    case 'deter':
      return deter(sem, f, body);
    default:
      return sem.transitions(body);
  }
}

function sorted(out: Transition[]): Transition[] {
  return out.sort((a, b) => a.event - b.event || a.target.id - b.target.id);
}

function chase(sem: Semantics, f: TermFactory, self: Term, method: Compression, body: Term): readonly Transition[] {
  let s = body;
  const seen = new Set([s.id]);
  for (;;) {
    const trs = sem.transitions(s);
    const tau = trs.find((t) => t.event === TAU);
    if (tau === undefined) {
      return sorted(trs.map((t) => (t.event === TICK ? t : { event: t.event, target: f.compress(method, t.target) })));
    }
    if (seen.has(tau.target.id)) return [{ event: TAU, target: self }];
    seen.add(tau.target.id);
    s = tau.target;
  }
}

function deter(sem: Semantics, f: TermFactory, body: Term): readonly Transition[] {
  // the states P can be in without a visible event, then everything they can do
  const members = [body];
  const seen = new Set([body.id]);
  const after = new Map<number, Map<number, Term>>();
  for (let i = 0; i < members.length; i++) {
    for (const t of sem.transitions(members[i] as Term)) {
      if (t.event === TAU) {
        if (!seen.has(t.target.id)) {
          seen.add(t.target.id);
          members.push(t.target);
        }
        continue;
      }
      let targets = after.get(t.event);
      if (targets === undefined) after.set(t.event, (targets = new Map()));
      targets.set(t.target.id, t.target);
    }
  }
  const out: Transition[] = [];
  for (const [event, targets] of after) {
    if (event === TICK) {
      out.push({ event, target: f.omega });
      continue;
    }
    const list = [...targets.values()].sort((a, b) => a.id - b.id);
    out.push({ event, target: f.compress('deter', list.length === 1 ? (list[0] as Term) : f.intChoice(list)) });
  }
  return sorted(out);
}
