/**
 * Values of the CSPm functional language. Int and Bool are JS numbers and
 * booleans; everything else is a tagged object. `keyOf` gives a canonical string
 * for hashing and set membership; `compareValues` is the canonical order used to
 * sort sets (and so the `{"$set": [...]}` JSON form and event declaration order).
 *
 * Owned by the evaluator; extend here, keep the tags stable.
 */
import type { Term } from './terms';

export type Value =
  | number
  | boolean
  | TupleValue
  | DotValue
  | SetValue
  | SeqValue
  | CtorValue
  | ChannelValue
  | FunctionValue
  | ProcessValue;

export interface TupleValue { readonly t: 'tuple'; readonly items: readonly Value[] }
/** A dotted value `a.b.c`, flattened: items[0] is usually a constructor or channel. */
export interface DotValue { readonly t: 'dot'; readonly items: readonly Value[] }
export interface SetValue { readonly t: 'set'; readonly items: readonly Value[] /* sorted by compareValues, unique */ }
export interface SeqValue { readonly t: 'seq'; readonly items: readonly Value[] }
export interface CtorValue { readonly t: 'ctor'; readonly name: string; readonly datatype: string; readonly index: number }
export interface ChannelValue { readonly t: 'channel'; readonly name: string; readonly index: number }
export interface FunctionValue {
  readonly t: 'fn';
  readonly name: string;
  readonly arity: number;
  readonly call: (args: readonly Value[]) => Value;
}
export interface ProcessValue { readonly t: 'proc'; readonly term: Term }
