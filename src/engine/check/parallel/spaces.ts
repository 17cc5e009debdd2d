/**
 * What a parallel search explores, the same in every thread: a space of
 * fixed-width states with the all-zero vector as initial state, a successor
 * function in event order, and a test of whether a state fails the check.
 *
 *  - a property (deadlock, divergence): the system's own states;
 *  - a refinement: pairs (normal-form node of the specification, state of
 *    the implementation), as product.ts, against a normal form built in full
 *    beforehand and handed to every thread as flat arrays (`FlatNormalForm`);
 *    for refusal testing with every refusal step too (`FlatRefusalSteps`).
 *
 * A helper gets a `SpaceSpec` (structured-clone data) and builds its space
 * with `spaceOf`.
 */
import { acceptanceOf } from '../../csp/acceptance';
import { TAU, TICK } from '../../csp/terms';
import { SuccBuffer, SystemCore, type CoreSpec } from '../core';
import { DivergenceOracle } from '../divergence';
import { failureAt } from '../failure';
import {
  acceptanceFault,
  acceptancesByEvent,
  comparesRefusals,
  comparesRevivals,
  divergenceStrict,
  type AcceptancesByEvent,
  type Model,
} from '../models';

export interface SearchSpace {
  readonly width: number;
  /** Successors of the state at `src[at ..]` into `buf` (event order); returns their number. */
  expand(src: Uint32Array, at: number, buf: SuccBuffer): number;
  /** Transitions the last `expand` generated (counted in the report). */
  readonly generated: number;
  /** Whether the state just expanded (its `n` successors in `buf`) fails the check. */
  fails(src: Uint32Array, at: number, n: number, buf: SuccBuffer): boolean;
}

/** A normal form as arrays: node n's events are evs[next0[n] .. next0[n+1]) with targets tgt; acceptances likewise. */
export interface FlatNormalForm {
  readonly next0: Int32Array;
  readonly evs: Int32Array;
  readonly tgt: Int32Array;
  /** Node n's acceptances (minimal ones; every stable one for the revivals models) are sets accSet0[n] .. accSet0[n+1]; set j's events are accEvs[acc0[j] .. acc0[j+1]). */
  readonly accSet0: Int32Array;
  readonly acc0: Int32Array;
  readonly accEvs: Int32Array;
  readonly divergent: Uint8Array;
  /** Refusal testing ([R=, [RD=) only: the steps taken by events performed from stable states. */
  readonly refusals?: FlatRefusalSteps;
}

/**
 * Refusal-testing steps (refusal-steps.ts), per edge i of the normal form
 * (node n's event evs[i]): the acceptances of n that contain the event,
 * famAcc[fam0[i] .. fam0[i+1]) (flat acceptance indices, as acc0's); the
 * steps stepKey/stepTgt[step0[i] .. step0[i+1]). Performed from a stable
 * state of acceptance A, the event leads to stepTgt[j] where stepKey[j] has
 * bit f set for each of those acceptances f that is ⊆ A; nowhere when none
 * is (a revival failure of the pair).
 */
export interface FlatRefusalSteps {
  readonly fam0: Int32Array;
  readonly famAcc: Int32Array;
  readonly step0: Int32Array;
  readonly stepKey: Uint32Array;
  readonly stepTgt: Int32Array;
}

export type SpaceSpec =
  | { readonly kind: 'property'; readonly core: CoreSpec; readonly deadlock: boolean; readonly divergence: boolean }
  | {
      readonly kind: 'refinement';
      readonly impl: CoreSpec;
      readonly nf: FlatNormalForm;
      readonly model: Model;
    }
  | { readonly kind: 'determinism'; readonly impl: CoreSpec; readonly nf: FlatNormalForm; readonly model: 'F' | 'FD' };

export function spaceOf(spec: SpaceSpec): SearchSpace {
  if (spec.kind === 'property') {
    const core = new SystemCore(spec.core);
    return propertySpace(core, spec.deadlock, spec.divergence ? new DivergenceOracle(core) : undefined);
  }
  const impl = new SystemCore(spec.impl);
  const oracle = divergenceStrict(spec.model) ? new DivergenceOracle(impl) : undefined;
  return spec.kind === 'refinement'
    ? new RefinementSpace(impl, spec.nf, spec.model, oracle)
    : new DeterminismSpace(impl, spec.nf, spec.model, oracle);
}

export function propertySpace(core: SystemCore, deadlock: boolean, oracle: DivergenceOracle | undefined): SearchSpace {
  const property = deadlock ? 'deadlock' : 'divergence';
  return {
    width: core.width,
    generated: 0,
    expand(src, at, buf) {
      const n = core.expand(src, at, buf);
      this.generated = n;
      return n;
    },
    fails: (src, at, n, buf) => failureAt(core, src, at, n, buf, property, oracle) !== undefined,
  } as SearchSpace & { generated: number };
}

/** What is wrong with a pair: refinement's divergence, refusal (the events refused), revival (and the event accepted) or trace; determinism's nondeterminism (the event refused). */
export interface Fault {
  readonly kind: 'divergence' | 'refusal' | 'revival' | 'trace' | 'nondeterminism';
  readonly refused?: readonly number[];
  readonly event?: number;
}

/** The edge of node `n` labelled `e` in a flat normal form, or -1. */
export function nfEdge(nf: FlatNormalForm, n: number, e: number): number {
  for (let i = nf.next0[n] as number; i < (nf.next0[n + 1] as number); i++) if (nf.evs[i] === e) return i;
  return -1;
}

/** The node reached from `n` by `e` in a flat normal form, or -1. */
export function nfAfter(nf: FlatNormalForm, n: number, e: number): number {
  const i = nfEdge(nf, n, e);
  return i < 0 ? -1 : (nf.tgt[i] as number);
}

/** The refusal step of edge i from a stable state whose acceptance is sorted `offered`, or -1. */
function refusalStep(nf: FlatNormalForm, steps: FlatRefusalSteps, i: number, offered: readonly number[]): number {
  const first = steps.fam0[i] as number;
  let key = 0;
  for (let f = first; f < (steps.fam0[i + 1] as number); f++) {
    const g = steps.famAcc[f] as number;
    if (flatSubset(nf.accEvs, nf.acc0[g] as number, nf.acc0[g + 1] as number, offered)) key |= 1 << (f - first);
  }
  if (key === 0) return -1;
  key >>>= 0;
  for (let j = steps.step0[i] as number; j < (steps.step0[i + 1] as number); j++)
    if (steps.stepKey[j] === key) return steps.stepTgt[j] as number;
  throw new Error(`internal: no refusal-testing step for acceptances ${key.toString(2)} at edge ${i}`);
}

/** Whether sorted evs[from .. to) ⊆ sorted `set`. */
function flatSubset(evs: Int32Array, from: number, to: number, set: readonly number[]): boolean {
  let j = 0;
  for (let i = from; i < to; i++) {
    const x = evs[i] as number;
    while (j < set.length && (set[j] as number) < x) j++;
    if (j >= set.length || set[j] !== x) return false;
    j++;
  }
  return true;
}

/** Node n's acceptances. */
export function nfAcceptances(nf: FlatNormalForm, n: number): number[][] {
  const out: number[][] = [];
  for (let j = nf.accSet0[n] as number; j < (nf.accSet0[n + 1] as number); j++)
    out.push(Array.from(nf.accEvs.subarray(nf.acc0[j] as number, nf.acc0[j + 1] as number)));
  return out;
}

/** The product of an implementation with a flat normal form (product.ts's successors and refinement.ts's judge). */
export class RefinementSpace implements SearchSpace {
  readonly width: number;
  generated = 0;
  private readonly implBuf = new SuccBuffer();
  /** The last expanded pair: first event the specification does not allow (or -1), τ, visible initials. */
  violation = -1;
  unstable = false;
  initials: number[] = [];
  private readonly acceptances: number[][][];
  /** Each node's visible initials, ascending (the normal form lists them in that order). */
  private readonly initialsOf: number[][];
  private readonly revivals: boolean;
  /** Each node's acceptances by event, made on first use (the revivals test). */
  private readonly byEvent: (AcceptancesByEvent | undefined)[] = [];

  constructor(
    readonly impl: SystemCore,
    readonly nf: FlatNormalForm,
    readonly model: Model,
    protected readonly oracle: DivergenceOracle | undefined,
  ) {
    this.width = impl.width + 1;
    this.acceptances = Array.from({ length: nf.divergent.length }, (_, n) => nfAcceptances(nf, n));
    this.initialsOf = Array.from({ length: nf.divergent.length }, (_, n) =>
      Array.from(nf.evs.subarray(nf.next0[n] as number, nf.next0[n + 1] as number)),
    );
    this.revivals = comparesRevivals(model);
  }

  expand(src: Uint32Array, at: number, out: SuccBuffer): number {
    const n = src[at] as number;
    this.violation = -1;
    this.unstable = false;
    this.initials = [];
    this.generated = 0;
    if (divergenceStrict(this.model) && this.nf.divergent[n] === 1) return 0; // below a divergent specification anything goes
    const buf = this.implBuf;
    const W = this.impl.width;
    const k = this.impl.expand(src, at + 1, buf);
    this.generated = k;
    const steps = this.nf.refusals;
    // refusal testing: this state's acceptance, when its events are performed after a refusal
    const offered = steps === undefined ? undefined : this.refusingAcceptance(src, at, buf, k);
    let count = 0;
    for (let i = 0; i < k; i++) {
      const e = buf.events[i] as number;
      let next = n;
      if (e === TAU) this.unstable = true;
      else {
        if (this.initials[this.initials.length - 1] !== e) this.initials.push(e);
        const edge = nfEdge(this.nf, n, e);
        if (edge < 0) {
          if (this.violation < 0) this.violation = e;
          continue;
        }
        if (e === TICK) continue; // nothing follows ✓
        next =
          offered === undefined
            ? (this.nf.tgt[edge] as number)
            : refusalStep(this.nf, steps as FlatRefusalSteps, edge, offered);
        if (next < 0) continue; // the node can do e, but not after this refusal: the pair's revival test fails
      }
      out.reserve(count, W + 1);
      const base = count * (W + 1);
      out.vectors[base] = next;
      for (let w = 0; w < W; w++) out.vectors[base + 1 + w] = buf.vectors[i * W + w] as number;
      out.events[count] = e;
      out.rules[count] = buf.rules[i] as number;
      count++;
    }
    return count;
  }

  /**
   * For refusal testing: the acceptance of the state just expanded (its `k`
   * transitions in `buf`), or undefined when it refuses nothing of its own
   * (unstable) or can terminate (its acceptance {✓} contains no ordinary
   * event, so its events follow traces).
   */
  private refusingAcceptance(src: Uint32Array, at: number, buf: SuccBuffer, k: number): number[] | undefined {
    const offered: number[] = [];
    for (let i = 0; i < k; i++) {
      const e = buf.events[i] as number;
      if (e === TAU || e === TICK) return undefined;
      if (offered[offered.length - 1] !== e) offered.push(e);
    }
    return this.impl.isTerminatedAt(src, at + 1) ? undefined : offered;
  }

  /** Node n's visible initials (✓ included), ascending. */
  nodeInitials(n: number): readonly number[] {
    return this.initialsOf[n] as number[];
  }

  fails(src: Uint32Array, at: number): boolean {
    return this.failure(src, at) !== undefined;
  }

  /** What is wrong with the pair just expanded: the kind, and the refused events for a refusal. */
  failure(src: Uint32Array, at: number): Fault | undefined {
    const n = src[at] as number;
    if (divergenceStrict(this.model) && this.nf.divergent[n] === 1) return undefined;
    if (this.oracle?.isDivergentAt(src, at + 1) === true) return { kind: 'divergence' };
    if (comparesRefusals(this.model)) {
      const terminated = this.impl.isTerminatedAt(src, at + 1);
      const offered = acceptanceOf({ initials: this.initials, unstable: this.unstable, terminated });
      if (offered !== undefined) {
        const initials = this.initialsOf[n] as number[];
        const accs = this.acceptances[n] as number[][];
        const byEvent = this.revivals ? (this.byEvent[n] ??= acceptancesByEvent(accs)) : undefined;
        const fault = acceptanceFault(accs, initials, offered, this.revivals, byEvent);
        if (fault !== undefined) return fault;
      }
    }
    if (this.violation >= 0) return { kind: 'trace' };
    return undefined;
  }
}

/**
 * The product of a process with its own normal form (determinism.ts): a pair
 * fails when the state's acceptance misses an event its node can do (the
 * earliest in declaration order is the counterexample's), or, in [FD], when
 * the state diverges.
 */
export class DeterminismSpace extends RefinementSpace {
  override failure(src: Uint32Array, at: number): Fault | undefined {
    if (this.oracle?.isDivergentAt(src, at + 1) === true) return { kind: 'divergence' };
    const terminated = this.impl.isTerminatedAt(src, at + 1);
    const acceptance = acceptanceOf({ initials: this.initials, unstable: this.unstable, terminated });
    if (acceptance === undefined) return undefined;
    const n = src[at] as number;
    for (let i = this.nf.next0[n] as number; i < (this.nf.next0[n + 1] as number); i++) {
      const e = this.nf.evs[i] as number;
      if (!acceptance.includes(e)) return { kind: 'nondeterminism', refused: [e] };
    }
    return undefined;
  }
}
