/**
 * Lexical environments of the evaluator. A scope maps names to slots; a slot
 * holds a value or a thunk evaluated on first use (top-level and `let`
 * definitions are lazy, so definitions may refer to each other in any order).
 *
 * `closureKey` identifies a closure by the values of the local variables it may
 * use: it is part of the hash-consing key of `c?x -> P` terms and of local
 * process definitions, so the same closure in the same environment is the same
 * term (and the same state).
 */
import type { Span } from '../cspm/syntax/ast';
import { keyOf, type Value } from '../csp/values';
import { fail } from './errors';

interface Slot {
  value: Value | undefined;
  thunk: (() => Value) | undefined;
  busy: boolean;
  readonly id: number;
  readonly span: Span | undefined;
}

let nextSlotId = 0;

/**
 * The timed section (`Timed(f) { ... }`) an expression is written in: its
 * processes are translated to tock-CSP (see timed.ts). Resolved on first use,
 * once `tock` is an event.
 */
export interface TimedSection {
  /** The event `tock`. */
  tock(): number;
  /** f(e): the tocks that follow event e. */
  tocksAfter(e: number): number;
}

export class Env {
  private readonly slots = new Map<string, Slot>();
  /** The timed section this scope is inside, if any (inherited by child scopes). */
  readonly timed: TimedSection | undefined;

  constructor(
    readonly parent: Env | null,
    /** The global scope (top-level definitions); its names never enter closure keys. */
    readonly global = false,
    timed?: TimedSection,
  ) {
    this.timed = timed ?? parent?.timed;
  }

  child(): Env {
    return new Env(this, false);
  }

  /** A scope for the declarations of a timed section: it binds nothing itself (they belong to this scope). */
  timedChild(section: TimedSection): Env {
    return new Env(this, this.global, section);
  }

  define(name: string, value: Value): void {
    this.slots.set(name, { value, thunk: undefined, busy: false, id: nextSlotId++, span: undefined });
  }

  defineLazy(name: string, span: Span, thunk: () => Value): void {
    this.slots.set(name, { value: undefined, thunk, busy: false, id: nextSlotId++, span });
  }

  /** Whether this scope itself (not a parent) binds `name`. */
  owns(name: string): boolean {
    return this.slots.has(name);
  }

  /** The value of `name`, forcing a lazy definition; undefined if unbound. */
  lookup(name: string): Value | undefined {
    const slot = this.slots.get(name);
    if (slot !== undefined) return force(name, slot);
    return this.parent?.lookup(name);
  }

  /**
   * Key of the local (non-global) bindings among `names`: forced values by
   * their canonical key, pending lazy definitions by slot identity (forcing
   * them here could raise errors the program never asked for).
   */
  closureKey(names: readonly string[]): string {
    let key = '';
    for (const name of names) {
      const slot = this.localSlot(name);
      if (slot !== undefined) key += `${name}=${slot.value !== undefined ? keyOf(slot.value) : `#${slot.id}`};`;
    }
    return key;
  }

  private localSlot(name: string): Slot | undefined {
    if (this.global) return undefined;
    return this.slots.get(name) ?? this.parent?.localSlot(name);
  }
}

function force(name: string, slot: Slot): Value {
  if (slot.value !== undefined) return slot.value;
  const thunk = slot.thunk;
  if (thunk === undefined) throw new Error(`internal: slot ${name} has neither value nor thunk`);
  if (slot.busy) {
    // `x = x + 1`: the definition needs its own value.
    return fail('CSP3007', slot.span as Span, { name, why: 'its value depends on itself' });
  }
  slot.busy = true;
  try {
    slot.value = thunk();
    slot.thunk = undefined;
  } finally {
    slot.busy = false;
  }
  return slot.value;
}
