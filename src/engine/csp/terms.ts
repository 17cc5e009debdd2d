/**
 * Evaluated CSP process terms: the one representation shared by the evaluator
 * (which builds them from the AST), the operational semantics (initials/after),
 * the checker (which compiles them to LTS tables) and the runtime.
 *
 * Terms are hash-consed by a TermFactory: two structurally equal terms are the
 * same object and share an integer `id`, so the checker can use ids as state keys.
 * Events are interned integers (see EventTable); 0 is τ and 1 is ✓.
 */
import type { Compression } from './compression';
import type { Value } from './values';

export type EventId = number;
export const TAU: EventId = 0;
export const TICK: EventId = 1;

/** A finite set of visible events, sorted ascending, no duplicates. */
export type EventSet = readonly EventId[];

export interface Term {
  /** Unique per factory; equal ids ⇔ structurally equal terms. */
  readonly id: number;
  readonly node: TermNode;
}

export type TermNode =
  | { readonly op: 'stop' }
  | { readonly op: 'skip' }
  | { readonly op: 'div' }
  /** Ω: the state after ✓ (successful termination has happened). Prints as SKIP's successor. */
  | { readonly op: 'omega' }
  | { readonly op: 'run'; readonly set: EventSet }
  | { readonly op: 'chaos'; readonly set: EventSet }
  /** e -> P (one event; `c!v` and fully determined `c.1` land here). */
  | { readonly op: 'prefix'; readonly event: EventId; readonly next: () => Term }
  /** c?x -> P(x): offers `events`; `next(e)` is the continuation after e. `key` identifies the closure. */
  | {
      readonly op: 'prefixChoice';
      readonly events: EventSet;
      readonly next: (e: EventId) => Term;
      readonly key: string;
      readonly text: string;
    }
  | { readonly op: 'extChoice'; readonly items: readonly Term[] }
  | { readonly op: 'intChoice'; readonly items: readonly Term[] }
  | { readonly op: 'seq'; readonly first: Term; readonly second: Term }
  | { readonly op: 'interrupt'; readonly left: Term; readonly right: Term }
  /** P [> Q (sliding choice / timeout). */
  | { readonly op: 'sliding'; readonly left: Term; readonly right: Term }
  /** [| sync |] over n ≥ 2 items (binary `P [| A |] Q` and replicated `[| A |] x:S @ P`). */
  | { readonly op: 'genPar'; readonly sync: EventSet; readonly items: readonly Term[] }
  /** Alphabetised parallel: item i has alphabet alphas[i] (binary `[A || B]` and replicated `|| x:S @ [A(x)] P`). */
  | { readonly op: 'alphaPar'; readonly items: readonly Term[]; readonly alphas: readonly EventSet[] }
  /** ||| over n ≥ 2 items. */
  | { readonly op: 'interleave'; readonly items: readonly Term[] }
  | { readonly op: 'hide'; readonly body: Term; readonly set: EventSet }
  /** Relational renaming: pairs [from, to], sorted by from then to. */
  | { readonly op: 'rename'; readonly body: Term; readonly pairs: readonly (readonly [EventId, EventId])[] }
  /** P [a <-> b, ...] Q: `pairs` [from, to] are P's and Q's linked events (each side's events unique), synchronised as τ. */
  | {
      readonly op: 'linkPar';
      readonly left: Term;
      readonly right: Term;
      readonly pairs: readonly (readonly [EventId, EventId])[];
    }
  /** P [| A |> Q: P until it performs an event of A, then Q. */
  | { readonly op: 'exception'; readonly left: Term; readonly right: Term; readonly set: EventSet }
  /** [+ A +] over n ≥ 2 items: events of A are performed by every item together; other events resolve the choice. */
  | { readonly op: 'syncExtChoice'; readonly sync: EventSet; readonly items: readonly Term[] }
  /** P /+ A +\ Q: events of A are synchronised between P and Q; the other events of Q interrupt P. */
  | { readonly op: 'syncInterrupt'; readonly left: Term; readonly right: Term; readonly set: EventSet }
  /** prioritise(P, <A1, ..., An>): an event of Ai only when no τ, ✓ or event of A1..A(i-1) is possible. */
  | { readonly op: 'prioritise'; readonly body: Term; readonly levels: readonly EventSet[] }
  /**
   * prioritisepo(P, E, R, M): `order` [high, low] pairs (transitively closed) say which
   * event outranks which; τ and ✓ outrank the events of `belowTau` (E minus the maximal M).
   */
  | {
      readonly op: 'prioritisePo';
      readonly body: Term;
      readonly order: readonly (readonly [EventId, EventId])[];
      readonly belowTau: EventSet;
    }
  /**
   * `normal(P)`, `sbisim(P)`, … (csp/compression.ts): P under one of FDR's
   * compression functions. The semantics-preserving ones behave as P here;
   * the checker builds the compressed transition system when it compiles the
   * network. `chase` and `deter` change the behaviour and have their own rules.
   */
  | { readonly op: 'compress'; readonly method: Compression; readonly body: Term }
  /** A named process applied to arguments; unfolding it is not a τ (FDR's convention). */
  | { readonly op: 'call'; readonly name: string; readonly args: readonly Value[]; readonly unfold: () => Term };

export type TermOp = TermNode['op'];

export interface Transition {
  readonly event: EventId;
  readonly target: Term;
}
