/**
 * Built-in names of the CSPm subset in docs/cspm.md, with their types. Each use gets
 * a fresh instance (built-ins are polymorphic). FDR built-ins outside the
 * subset are listed so a script using them gets "not supported yet" rather
 * than "undefined name".
 */
import { ANY, BOOL, EVENT, INT, PROC, fnOf, seqOf, setOf, type Type, type TypeContext } from './types';

type Builder = (ctx: TypeContext) => Type;

const a = (ctx: TypeContext): Type => ctx.fresh();

export const BUILTINS: ReadonlyMap<string, Builder> = new Map<string, Builder>([
  ['STOP', () => PROC],
  ['SKIP', () => PROC],
  ['DIV', () => PROC],
  ['RUN', () => fnOf([setOf(EVENT)], PROC)],
  ['CHAOS', () => fnOf([setOf(EVENT)], PROC)],
  ['Events', () => setOf(EVENT)],
  ['Int', () => setOf(INT)],
  ['Bool', () => setOf(BOOL)],
  ['union', (c) => { const t = setOf(a(c)); return fnOf([t, t], t); }],
  ['inter', (c) => { const t = setOf(a(c)); return fnOf([t, t], t); }],
  ['diff', (c) => { const t = setOf(a(c)); return fnOf([t, t], t); }],
  ['Union', (c) => { const t = setOf(a(c)); return fnOf([setOf(t)], t); }],
  ['Inter', (c) => { const t = setOf(a(c)); return fnOf([setOf(t)], t); }],
  ['member', (c) => { const t = a(c); return fnOf([t, setOf(t)], BOOL); }],
  ['card', (c) => fnOf([setOf(a(c))], INT)],
  ['empty', (c) => fnOf([setOf(a(c))], BOOL)],
  ['Set', (c) => { const t = setOf(a(c)); return fnOf([t], setOf(t)); }],
  ['Seq', (c) => { const t = a(c); return fnOf([setOf(t)], setOf(seqOf(t))); }],
  ['seq', (c) => { const t = a(c); return fnOf([setOf(t)], seqOf(t)); }],
  ['set', (c) => { const t = a(c); return fnOf([seqOf(t)], setOf(t)); }],
  ['length', (c) => fnOf([seqOf(a(c))], INT)],
  ['head', (c) => { const t = a(c); return fnOf([seqOf(t)], t); }],
  ['tail', (c) => { const t = seqOf(a(c)); return fnOf([t], t); }],
  ['concat', (c) => { const t = seqOf(a(c)); return fnOf([seqOf(t)], t); }],
  ['null', (c) => fnOf([seqOf(a(c))], BOOL)],
  ['elem', (c) => { const t = a(c); return fnOf([t, seqOf(t)], BOOL); }],
  // Compression functions (`transparent`): semantics-preserving, Proc -> Proc.
  ['normal', () => fnOf([PROC], PROC)],
  ['sbisim', () => fnOf([PROC], PROC)],
  ['diamond', () => fnOf([PROC], PROC)],
  ['explicate', () => fnOf([PROC], PROC)],
  ['wbisim', () => fnOf([PROC], PROC)],
]);

export const COMPRESSIONS: readonly string[] = ['normal', 'sbisim', 'diamond', 'explicate', 'wbisim'];

/** FDR4 built-ins and externals that this engine does not implement yet. */
export const UNSUPPORTED_BUILTINS: ReadonlySet<string> = new Set([
  'Char', 'Proc', 'Map', 'error', 'show', 'mapFromList', 'mapToList', 'mapLookup', 'mapMember', 'mapDelete',
  'mapUpdate', 'mapUpdateMultiple', 'emptyMap', 'Seq1', 'chase', 'chase_nocache', 'prioritise', 'prioritize',
  'prioritisepo', 'lazyenumerate', 'lazynorm', 'loop', 'mtransclose', 'relational_image',
  'relational_inverse_image', 'transpose', 'dbisim', 'tau_loop_factor', 'model_compress', 'extensions',
  'productions', 'timed_priority', 'WAIT', 'TSKIP', 'TSTOP', 'ATOMIC', 'CHAOS_F', 'deter', 'failure_watchdog',
  'trace_watchdog', 'sequence', 'DIV_F',
]);

export { ANY };
