/**
 * The product of a normal form with a process: the pairs (normal-form node n,
 * process state s) where s is reached by some path whose visible trace leads
 * the normal form to n. A pair is stored as one key of width W+1 (n, then the
 * state's packed vector), so the process's states are not stored twice.
 *
 * `Product.successors` expands the state and moves the node along each
 * visible event: τ keeps n, an event the normal form cannot follow is a trace
 * violation (recorded, not stored), and nothing follows ✓. It also leaves the
 * expanded state's visible initials and stability behind, for the checks.
 *
 * Refinement (refinement.ts) normalises the specification; determinism
 * (determinism.ts) normalises the process itself. Both explore the product
 * breadth-first, so a failing pair is found by a shortest path in the
 * process's transitions (τ included).
 */
import { TAU, TICK } from '../csp/terms';
import type { Budget } from './budget';
import {
  componentReports,
  pathTo,
  visibleTrace,
  type Counterexample,
  type CounterexampleKind,
  type Namer,
} from './counterexample';
import type { NormalForm } from './normal-form';
import type { CheckResult } from './result';
import { StateStore } from './state-store';
import { SuccBuffer, type System } from './system';

export class Product {
  readonly pairs: StateStore;
  /** Words per pair: the node, then the process state. */
  readonly width: number;
  private readonly implBuf = new SuccBuffer();
  private readonly key: Uint32Array;
  /** First event of the last expanded pair that the normal form does not allow (or -1). */
  violation = -1;
  /** Whether the last expanded state had a τ, and its visible initials (✓ included), ascending. */
  unstable = false;
  initials: number[] = [];

  constructor(
    readonly nf: NormalForm,
    readonly impl: System,
    /** Pairs below these nodes are not expanded (a divergent specification node allows anything). */
    private readonly stopAt: (node: number) => boolean = () => false,
    maxBytes = Number.POSITIVE_INFINITY,
  ) {
    this.width = impl.width + 1;
    this.pairs = new StateStore(this.width, undefined, maxBytes);
    this.key = new Uint32Array(this.width);
    this.key[0] = nf.root;
    this.pairs.insert(this.key, 0);
  }

  nodeOf(p: number): number {
    return this.pairs.words[p * this.width] as number;
  }

  /** Offset of pair p's process state in `pairs.words`. */
  stateAt(p: number): number {
    return p * this.width + 1;
  }

  /** Successor pairs of pair p (event order), inserted; also sets violation, unstable and initials. */
  successors(p: number, out: SuccBuffer): number {
    const n = this.nodeOf(p);
    this.violation = -1;
    this.unstable = false;
    this.initials = [];
    if (this.stopAt(n)) return 0;
    const buf = this.implBuf;
    const W = this.impl.width;
    const k = this.impl.expand(this.pairs.words, this.stateAt(p), buf);
    this.impl.transitions += k;
    const key = this.key;
    let count = 0;
    for (let i = 0; i < k; i++) {
      const e = buf.events[i] as number;
      let next = n;
      if (e === TAU) this.unstable = true;
      else {
        if (this.initials[this.initials.length - 1] !== e) this.initials.push(e);
        next = this.nf.after(n, e);
        if (next < 0) {
          if (this.violation < 0) this.violation = e;
          continue;
        }
        if (e === TICK) continue; // nothing follows ✓
      }
      key[0] = next;
      const from = i * W;
      for (let w = 0; w < W; w++) key[w + 1] = buf.vectors[from + w] as number;
      if (count === out.events.length) out.grow();
      out.events[count] = e;
      out.targets[count] = this.pairs.insert(key, 0);
      out.rules[count] = buf.rules[i] as number;
      count++;
    }
    return count;
  }
}

/** What a check found wrong with a pair: the kind and the fields that go with it. */
export interface PairFailure {
  readonly kind: CounterexampleKind;
  readonly extra: Partial<Counterexample>;
}

/**
 * Breadth-first search of the product. `judge(p)` looks at pair p right
 * after it was expanded (the product's `violation`, `unstable` and
 * `initials` describe it). As in property.ts, the layer of the first failure
 * is finished before the search stops, and the counterexample leads to the
 * first failing pair of that layer through first parents.
 */
export function searchProduct(
  pr: Product,
  budget: Budget,
  judge: (p: number) => PairFailure | undefined,
  namer: Namer,
  extraStates: () => number,
): CheckResult {
  const buf = new SuccBuffer();
  const layerStart = [0];
  let layerEnd = 1;
  let failing = -1;
  let failure: PairFailure | undefined;
  for (let p = 0; p < pr.pairs.count; p++) {
    if (p === layerEnd) {
      if (failing >= 0) break;
      layerStart.push(p);
      layerEnd = pr.pairs.count;
    }
    budget.tick(pr.pairs.count + extraStates(), pr.impl.transitions, pr.pairs.count - p, layerStart.length - 1);
    pr.successors(p, buf);
    if (failing < 0) {
      failure = judge(p);
      if (failure !== undefined) failing = p;
    }
  }
  const stats = { states: pr.pairs.count, transitions: pr.impl.transitions };
  if (failure === undefined) return { status: 'passed', ...stats };
  const steps = pathTo(pr, layerStart, failing);
  const components = componentReports(
    pr.impl,
    steps.map((st) => st.rule),
    pr.pairs.words,
    pr.stateAt(failing),
    namer,
  );
  const counterexample: Counterexample = {
    kind: failure.kind,
    trace: visibleTrace(steps, namer),
    steps: steps.length,
    ...failure.extra,
    components,
  };
  return { status: 'failed', counterexample, ...stats };
}
