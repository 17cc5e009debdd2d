/**
 * `deterministic [F]` / `[FD]` and `has trace`, both on the normal form of
 * the process itself.
 *
 * A process is deterministic when no trace s and event a have both s^<a> a
 * trace and (s, {a}) a stable failure. On a normal-form node (the states after
 * s) that means: every member's acceptance (csp/acceptance.ts) holds every
 * event of the node's initials; a member that can terminate accepts only ✓,
 * so `a -> STOP [] SKIP` is nondeterministic (it may refuse a). [FD] also fails on divergence. Nodes are visited breadth-first
 * with events in declaration order, so the counterexample trace is the
 * shortest and, among those, the first in event order.
 */
import { TICK, type EventId } from '../csp/terms';
import { LimitReached, type Budget } from './budget';
import {
  componentReports,
  pathAlongTrace,
  type Counterexample,
  type CounterexampleKind,
  type Namer,
} from './counterexample';
import { DivergenceOracle } from './divergence';
import { NormalForm } from './normal-form';
import { exploreAll } from './property';
import type { CheckResult } from './result';
import type { System } from './system';

function failure(
  sys: System,
  trace: readonly EventId[],
  end: (s: number) => boolean,
  kind: CounterexampleKind,
  extra: Partial<Counterexample>,
  namer: Namer,
): Counterexample {
  const path = pathAlongTrace(sys, trace, end);
  return {
    kind,
    trace: trace.map((e) => namer.event(e)),
    ...extra,
    components: path === undefined ? [] : componentReports(sys, path.rules, path.end, namer),
  };
}

export function checkDeterminism(sys: System, model: 'F' | 'FD', budget: Budget, namer: Namer): CheckResult {
  const stats = () => ({ states: sys.store.count, transitions: sys.transitions });
  try {
    exploreAll(sys, budget);
    const oracle = model === 'FD' ? new DivergenceOracle(sys) : undefined;
    const nf = new NormalForm(sys, oracle, budget);
    const parent = new Map<number, { from: number; event: EventId }>();
    const queue = [nf.root];
    const seen = new Set(queue);
    const traceTo = (n: number): EventId[] => {
      const out: EventId[] = [];
      for (let p = parent.get(n); p !== undefined; p = parent.get(p.from)) out.push(p.event);
      return out.reverse();
    };
    for (let q = 0; q < queue.length; q++) {
      const n = queue[q] as number;
      budget.poll(sys.store.count + nf.size, sys.transitions, queue.length - q);
      if (nf.divergent(n)) {
        const trace = traceTo(n);
        const div = oracle as DivergenceOracle;
        return {
          status: 'failed',
          counterexample: failure(sys, trace, (s) => div.isDivergent(s), 'divergence', {}, namer),
          ...stats(),
        };
      }
      const all = nf.initials(n);
      // the earliest event (declaration order) that some member refuses, and the first such member
      let worst: { event: EventId; member: number; terminates: boolean } | undefined;
      for (const m of nf.refusers(n)) {
        const missing = all.find((e) => !m.acceptance.includes(e));
        if (missing !== undefined && (worst === undefined || missing < worst.event))
          worst = { event: missing, member: m.state, terminates: m.initials.includes(TICK) };
      }
      if (worst !== undefined) {
        const { event, member, terminates } = worst;
        const extra = { event: namer.event(event), ...(terminates ? { terminates: true } : {}) };
        const counterexample = failure(sys, traceTo(n), (s) => s === member, 'nondeterminism', extra, namer);
        return { status: 'failed', counterexample, ...stats() };
      }
      for (const e of all) {
        if (e === TICK) continue;
        const next = nf.after(n, e);
        if (!seen.has(next)) {
          seen.add(next);
          parent.set(next, { from: n, event: e });
          queue.push(next);
        }
      }
    }
  } catch (error) {
    if (error instanceof LimitReached)
      return { status: 'limit', reason: error.reason, message: error.message, ...stats() };
    throw error;
  }
  return { status: 'passed', ...stats() };
}

/** `P :[has trace]: <t>`: passes when P can perform t (τ anywhere in between). */
export function checkHasTrace(sys: System, trace: readonly EventId[], budget: Budget, namer: Namer): CheckResult {
  const stats = () => ({ states: sys.store.count, transitions: sys.transitions });
  try {
    const nf = new NormalForm(sys, undefined, budget);
    let n = nf.root;
    for (let k = 0; k < trace.length; k++) {
      const next = nf.after(n, trace[k] as EventId);
      if (next < 0) {
        const prefix = trace.slice(0, k);
        const counterexample = failure(
          sys,
          prefix,
          () => true,
          'no-trace',
          { event: namer.event(trace[k] as EventId) },
          namer,
        );
        return { status: 'failed', counterexample, ...stats() };
      }
      n = next;
    }
  } catch (error) {
    if (error instanceof LimitReached)
      return { status: 'limit', reason: error.reason, message: error.message, ...stats() };
    throw error;
  }
  return { status: 'passed', ...stats() };
}
