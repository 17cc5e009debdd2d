/**
 * Which built-ins need FDR's type classes of their arguments (libcspm's
 * prelude): the set operations need elements that can be put in sets; the
 * queries that could tell two values apart (`member`, `card`, `empty`, `seq`,
 * `elem`) need equality, so `member(STOP, {STOP})` is refused as in FDR.
 */
import { TypeClass, prune, type Type, type TypeClassName } from './types';

/** How diagnostics name what a type class allows. */
export const CLASS_WHAT: Readonly<Record<TypeClassName, string>> = {
  Set: 'being put in a set (Set)',
  Eq: 'comparison for equality (Eq)',
  Ord: 'ordering (Ord)',
  Dotted: 'being split by a dot pattern that starts with a variable (name the channel or constructor first)',
};

type Requirement = (fnType: Type) => [Type, number][];

const param = (t: Type, i: number): Type => {
  const r = prune(t);
  return r.t === 'fn' ? (r.params[i] ?? r) : r;
};
const elem = (t: Type): Type => {
  const r = prune(t);
  return r.t === 'set' || r.t === 'seq' ? r.elem : r;
};

const onElement =
  (cls: number): Requirement =>
  (f) => [[elem(param(f, 0)), cls]];
const onFirst =
  (cls: number): Requirement =>
  (f) => [[param(f, 0), cls]];

export const BUILTIN_CLASSES: ReadonlyMap<string, Requirement> = new Map<string, Requirement>([
  ['union', onElement(TypeClass.Set)],
  ['inter', onElement(TypeClass.Set)],
  ['diff', onElement(TypeClass.Set)],
  ['Union', (f) => [[elem(elem(param(f, 0))), TypeClass.Set]]],
  ['Inter', (f) => [[elem(elem(param(f, 0))), TypeClass.Set]]],
  ['set', onElement(TypeClass.Set)],
  ['Set', onElement(TypeClass.Set)],
  ['Seq', onElement(TypeClass.Set)],
  ['member', onFirst(TypeClass.Eq)],
  ['elem', onFirst(TypeClass.Eq)],
  ['card', onElement(TypeClass.Eq)],
  ['empty', onElement(TypeClass.Eq)],
  ['seq', onElement(TypeClass.Eq)],
  // A map's keys must be values that can be put in sets (Map also needs it of the values).
  ...[
    'emptyMap',
    'mapFromList',
    'mapToList',
    'mapLookup',
    'mapMember',
    'mapDelete',
    'mapUpdate',
    'mapUpdateMultiple',
  ].map((name): [string, Requirement] => [name, (f) => [[mapKey(f), TypeClass.Set]]]),
  [
    'Map',
    (f) => [
      [elem(param(f, 0)), TypeClass.Set],
      [elem(param(f, 1)), TypeClass.Set],
    ],
  ],
]);

/** The key type of the first map type in a function's parameters or result. */
function mapKey(t: Type): Type {
  const r = prune(t);
  if (r.t === 'map') return r.key;
  if (r.t === 'fn') {
    for (const x of [...r.params, r.ret]) {
      const k = findMap(x);
      if (k) return k;
    }
  }
  return r;
}

function findMap(t: Type): Type | undefined {
  const r = prune(t);
  if (r.t === 'map') return r.key;
  return r.t === 'seq' || r.t === 'set' ? findMap(r.elem) : undefined;
}
