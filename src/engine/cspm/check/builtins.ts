/**
 * Built-in names of the CSPm subset in docs/cspm.md, with their types. Each use gets
 * a fresh instance (built-ins are polymorphic). FDR built-ins outside the
 * subset are listed so a script using them gets "not supported yet" rather
 * than "undefined name".
 */
import { ANY, BOOL, CHAR, EVENT, INT, PROC, fnOf, mapOf, seqOf, setOf, type Type, type TypeContext } from './types';

type Builder = (ctx: TypeContext) => Type;

const a = (ctx: TypeContext): Type => ctx.fresh();
const tupleOf = (items: readonly Type[]): Type => ({ t: 'tuple', items });

/**
 * FDR's transparent functions (compressions). `normal`, `sbisim`, ... preserve
 * the semantics; `chase` (also external) and `lazynorm` are FDR's too.
 */
const TRANSPARENT_FUNCTIONS: readonly string[] = [
  'normal',
  'sbisim',
  'diamond',
  'explicate',
  'wbisim',
  'lazyenumerate',
  'lazynorm',
  'dbisim',
  'tau_loop_factor',
  'model_compress',
  'chase',
  'chase_nocache',
];

export const BUILTINS: ReadonlyMap<string, Builder> = new Map<string, Builder>([
  ['STOP', () => PROC],
  ['SKIP', () => PROC],
  ['DIV', () => PROC],
  ['RUN', () => fnOf([setOf(EVENT)], PROC)],
  ['CHAOS', () => fnOf([setOf(EVENT)], PROC)],
  // FDR's built-in buffers: capacity, (signal events,) and the (input, output) pairs.
  ['BUFFER', () => fnOf([INT, setOf(tupleOf([EVENT, EVENT]))], PROC)],
  ['WEAK_BUFFER', () => fnOf([INT, EVENT, setOf(tupleOf([EVENT, EVENT]))], PROC)],
  ['SIGNAL_BUFFER', () => fnOf([INT, EVENT, EVENT, setOf(tupleOf([EVENT, EVENT]))], PROC)],
  ['Events', () => setOf(EVENT)],
  // The type of processes, for datatype fields (`datatype T = Leaf.(Proc, {Event})`).
  ['Proc', () => setOf(PROC)],
  ['Int', () => setOf(INT)],
  ['Bool', () => setOf(BOOL)],
  [
    'union',
    (c) => {
      const t = setOf(a(c));
      return fnOf([t, t], t);
    },
  ],
  [
    'inter',
    (c) => {
      const t = setOf(a(c));
      return fnOf([t, t], t);
    },
  ],
  [
    'diff',
    (c) => {
      const t = setOf(a(c));
      return fnOf([t, t], t);
    },
  ],
  [
    'Union',
    (c) => {
      const t = setOf(a(c));
      return fnOf([setOf(t)], t);
    },
  ],
  [
    'Inter',
    (c) => {
      const t = setOf(a(c));
      return fnOf([setOf(t)], t);
    },
  ],
  [
    'member',
    (c) => {
      const t = a(c);
      return fnOf([t, setOf(t)], BOOL);
    },
  ],
  ['card', (c) => fnOf([setOf(a(c))], INT)],
  ['empty', (c) => fnOf([setOf(a(c))], BOOL)],
  [
    'Set',
    (c) => {
      const t = setOf(a(c));
      return fnOf([t], setOf(t));
    },
  ],
  [
    'Seq',
    (c) => {
      const t = a(c);
      return fnOf([setOf(t)], setOf(seqOf(t)));
    },
  ],
  [
    'seq',
    (c) => {
      const t = a(c);
      return fnOf([setOf(t)], seqOf(t));
    },
  ],
  [
    'set',
    (c) => {
      const t = a(c);
      return fnOf([seqOf(t)], setOf(t));
    },
  ],
  ['length', (c) => fnOf([seqOf(a(c))], INT)],
  [
    'head',
    (c) => {
      const t = a(c);
      return fnOf([seqOf(t)], t);
    },
  ],
  [
    'tail',
    (c) => {
      const t = seqOf(a(c));
      return fnOf([t], t);
    },
  ],
  [
    'concat',
    (c) => {
      const t = seqOf(a(c));
      return fnOf([seqOf(t)], t);
    },
  ],
  ['null', (c) => fnOf([seqOf(a(c))], BOOL)],
  [
    'elem',
    (c) => {
      const t = a(c);
      return fnOf([t, seqOf(t)], BOOL);
    },
  ],
  ['True', () => BOOL],
  ['False', () => BOOL],
  ['Char', () => setOf(CHAR)],
  [
    'Map',
    (c) => {
      const k = a(c);
      const v = a(c);
      return fnOf([setOf(k), setOf(v)], setOf(mapOf(k, v)));
    },
  ],
  ['show', (c) => fnOf([a(c)], seqOf(CHAR))],
  ['error', (c) => fnOf([seqOf(CHAR)], a(c))],
  // The fields a value still takes, and the complete values it extends to (typed in infer.ts).
  ['extensions', (c) => fnOf([a(c)], setOf(ANY))],
  ['productions', (c) => fnOf([a(c)], setOf(ANY))],
  ['emptyMap', (c) => mapOf(a(c), a(c))],
  [
    'mapFromList',
    (c) => {
      const k = a(c);
      const v = a(c);
      return fnOf([seqOf(tupleOf([k, v]))], mapOf(k, v));
    },
  ],
  [
    'mapToList',
    (c) => {
      const k = a(c);
      const v = a(c);
      return fnOf([mapOf(k, v)], seqOf(tupleOf([k, v])));
    },
  ],
  [
    'mapLookup',
    (c) => {
      const k = a(c);
      const v = a(c);
      return fnOf([mapOf(k, v), k], v);
    },
  ],
  [
    'mapMember',
    (c) => {
      const k = a(c);
      const v = a(c);
      return fnOf([mapOf(k, v), k], BOOL);
    },
  ],
  [
    'mapDelete',
    (c) => {
      const k = a(c);
      const m = mapOf(k, a(c));
      return fnOf([m, k], m);
    },
  ],
  [
    'mapUpdate',
    (c) => {
      const k = a(c);
      const v = a(c);
      const m = mapOf(k, v);
      return fnOf([m, k, v], m);
    },
  ],
  [
    'mapUpdateMultiple',
    (c) => {
      const k = a(c);
      const v = a(c);
      const m = mapOf(k, v);
      return fnOf([m, seqOf(tupleOf([k, v]))], m);
    },
  ],
  // Compression functions (`transparent`), Proc -> Proc; usable without a declaration.
  ...TRANSPARENT_FUNCTIONS.map((n): [string, Builder] => [n, () => fnOf([PROC], PROC)]),
]);

/**
 * FDR's external functions: in scope once declared with `external f` (as in
 * FDR, where `prioritise` alone is an undefined name).
 */
export const EXTERNALS: ReadonlyMap<string, Builder> = new Map<string, Builder>([
  ['chase', () => fnOf([PROC], PROC)],
  ['chase_nocache', () => fnOf([PROC], PROC)],
  ['deter', () => fnOf([PROC], PROC)],
  ['loop', () => fnOf([PROC], PROC)],
  ['trace_watchdog', () => fnOf([PROC, setOf(EVENT), EVENT], PROC)],
  ['failure_watchdog', () => fnOf([PROC, setOf(EVENT), EVENT], PROC)],
  ['prioritise', () => fnOf([PROC, seqOf(setOf(EVENT))], PROC)],
  ['prioritise_nocache', () => fnOf([PROC, seqOf(setOf(EVENT))], PROC)],
  ['prioritisepo', () => fnOf([PROC, setOf(EVENT), setOf(tupleOf([EVENT, EVENT])), setOf(EVENT)], PROC)],
  [
    'mtransclose',
    (c) => {
      const t = a(c);
      const r = setOf(tupleOf([t, t]));
      return fnOf([r, setOf(t)], r);
    },
  ],
  [
    'relational_image',
    (c) => {
      const x = a(c);
      const y = a(c);
      return fnOf([setOf(tupleOf([x, y]))], fnOf([x], setOf(y)));
    },
  ],
  [
    'relational_inverse_image',
    (c) => {
      const x = a(c);
      const y = a(c);
      return fnOf([setOf(tupleOf([x, y]))], fnOf([y], setOf(x)));
    },
  ],
  [
    'transpose',
    (c) => {
      const x = a(c);
      const y = a(c);
      return fnOf([setOf(tupleOf([x, y]))], setOf(tupleOf([y, x])));
    },
  ],
]);

/** Names `transparent` accepts (and `external`, for those that are both). */
export const COMPRESSIONS: readonly string[] = TRANSPARENT_FUNCTIONS;

/** FDR4 built-ins and externals that this engine does not implement yet. */
export const UNSUPPORTED_BUILTINS: ReadonlySet<string> = new Set([
  'Seq1',
  'prioritize',
  'ATOMIC',
  'CHAOS_F',
  'sequence',
  'DIV_F',
]);

export { ANY };
