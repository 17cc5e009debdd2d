/**
 * Syntactic facts the evaluator needs before evaluating:
 *
 * - Which definitions denote processes. Applying such a definition yields a
 *   lazy `call` term instead of evaluating its body, which is what makes
 *   `P(n) = a -> P(n+1)` finite to build (FDR's convention: unfolding is not a
 *   τ). Classification is a fixpoint over the definitions: a body is a process
 *   if its outermost form is a process operator, STOP/SKIP/DIV/RUN/CHAOS, a
 *   compression of a process, or an application of a process definition; `if`
 *   and `let` look at their branches. Names bound by the clause's own patterns
 *   shadow definitions.
 * - The variable names used under a node (for closure keys), and stable node
 *   ids (for hash-consing keys of closures).
 */
import type { Decl, Expr, Node, Pattern } from '../cspm/syntax/ast';
import { patternVars as boundVariables } from '../cspm/syntax/patterns';
import { COMPRESSIONS as CSP_COMPRESSIONS } from '../csp/compression';

const nodeIds = new WeakMap<object, number>();
let nextNodeId = 0;

/** A stable number per AST node object. */
export function nodeId(n: object): number {
  let id = nodeIds.get(n);
  if (id === undefined) {
    id = nextNodeId++;
    nodeIds.set(n, id);
  }
  return id;
}

function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && typeof (x as { kind?: unknown }).kind === 'string';
}

/** Direct child nodes of any AST node (generic walk over its fields). */
export function children(n: Node): Node[] {
  const out: Node[] = [];
  for (const [k, v] of Object.entries(n)) {
    if (k === 'span') continue;
    if (Array.isArray(v)) {
      for (const x of v) {
        if (Array.isArray(x)) {
          for (const y of x) if (isNode(y)) out.push(y);
        } else if (isNode(x)) out.push(x);
      }
    } else if (isNode(v)) out.push(v);
  }
  return out;
}

const varCache = new WeakMap<Node, readonly string[]>();

/** Every name used as a variable or pattern variable under `n`, sorted (an over-approximation of its free variables). */
export function namesUnder(n: Node): readonly string[] {
  const cached = varCache.get(n);
  if (cached !== undefined) return cached;
  const names = new Set<string>();
  const walk = (x: Node): void => {
    if (x.kind === 'Var' || x.kind === 'PVar') names.add(x.name);
    for (const c of children(x)) walk(c);
  };
  walk(n);
  const out = [...names].sort();
  varCache.set(n, out);
  return out;
}

/** Names a pattern binds (the syntax layer's patternVars, as a set). */
export function patternVars(p: Pattern, out: Set<string> = new Set()): Set<string> {
  for (const v of boundVariables(p)) out.add(v.name);
  return out;
}

const PROCESS_CONSTANTS = new Set(['STOP', 'SKIP', 'DIV', 'TSTOP', 'TSKIP']);
const PROCESS_BUILTINS = new Set([
  'RUN',
  'CHAOS',
  'loop',
  'prioritise',
  'prioritise_nocache',
  'prioritisepo',
  'WAIT',
  'timed_priority',
  'BUFFER',
  'WEAK_BUFFER',
  'SIGNAL_BUFFER',
  'trace_watchdog',
  'failure_watchdog',
]);
/**
 * FDR's compression functions (Proc -> Proc), applied as the identity until
 * the checker provides them: `normal`, `sbisim`, `diamond`, `explicate`,
 * `wbisim`, `dbisim`, `lazynorm`, `lazyenumerate`, `model_compress` and
 * `tau_loop_factor` preserve the semantics; `chase` and `deter` are FDR's
 * compressions that may remove nondeterminism (see docs/cspm.md).
 */
export const COMPRESSIONS: ReadonlySet<string> = new Set<string>(CSP_COMPRESSIONS);

/** The declarations with those of timed sections spliced in (they belong to the enclosing scope). */
export function withTimedSections(decls: readonly Decl[]): Decl[] {
  return decls.flatMap((d) => (d.kind === 'TimedDecl' ? withTimedSections(d.decls) : [d]));
}

/** Bodies of a definition (one per clause). */
export function definitionBodies(d: Decl): { name: string; bodies: { body: Expr; shadow: Set<string> }[] } | undefined {
  if (d.kind === 'ValueDecl') return { name: d.name.name, bodies: [{ body: d.body, shadow: new Set() }] };
  if (d.kind === 'FunctionDecl') {
    return {
      name: d.name.name,
      bodies: d.clauses.map((c) => {
        const shadow = new Set<string>();
        for (const group of c.params) for (const p of group) patternVars(p, shadow);
        return { body: c.body, shadow };
      }),
    };
  }
  return undefined;
}

/**
 * Names among `decls` that define processes, given the process names already
 * known from enclosing scopes (`outer`).
 */
export function processDefinitions(decls: readonly Decl[], outer: ReadonlySet<string>): Set<string> {
  const defs = withTimedSections(decls)
    .map(definitionBodies)
    .filter((d) => d !== undefined);
  const local = new Set(defs.map((d) => d.name));
  const procs = new Set<string>([...outer].filter((n) => !local.has(n)));
  let changed = true;
  while (changed) {
    changed = false;
    for (const d of defs) {
      if (procs.has(d.name)) continue;
      if (d.bodies.some((b) => isProcessExpr(b.body, procs, b.shadow))) {
        procs.add(d.name);
        changed = true;
      }
    }
  }
  // `P = normal(P)`: a compression applied to a definition still undecided is a
  // process too (compressions have type Proc -> Proc); the greatest set of
  // such definitions whose arguments are processes, given those, joins.
  let candidates = defs.filter((d) => !procs.has(d.name) && d.bodies.every((b) => compressionArg(b.body, b.shadow)));
  for (let shrunk = true; shrunk;) {
    const assumed = new Set([...procs, ...candidates.map((d) => d.name)]);
    const kept = candidates.filter((d) =>
      d.bodies.every((b) => isProcessExpr(compressionArg(b.body, b.shadow) as Expr, assumed, b.shadow)),
    );
    shrunk = kept.length < candidates.length;
    candidates = kept;
  }
  for (const d of candidates) procs.add(d.name);
  return procs;
}

/** The argument of `comp(arg)` for one of the compression functions, unless shadowed. */
function compressionArg(e: Expr, shadow: ReadonlySet<string>): Expr | undefined {
  if (e.kind !== 'App' || e.fn.kind !== 'Var' || shadow.has(e.fn.name) || !COMPRESSIONS.has(e.fn.name))
    return undefined;
  return e.args.length === 1 ? e.args[0] : undefined;
}

/** Whether `e` syntactically denotes a process (see the file comment). */
export function isProcessExpr(e: Expr, procs: ReadonlySet<string>, shadow: ReadonlySet<string>): boolean {
  switch (e.kind) {
    case 'Prefix':
    case 'Guard':
    case 'ProcBinary':
    case 'GenPar':
    case 'AlphaPar':
    case 'Hide':
    case 'Rename':
    case 'Replicated':
    case 'LinkPar':
    case 'ReplicatedLinkPar':
    case 'ProcSetOp':
    case 'Project':
      return true;
    case 'Var':
      if (shadow.has(e.name)) return false;
      return PROCESS_CONSTANTS.has(e.name) || procs.has(e.name);
    case 'App': {
      let head: Expr = e.fn;
      while (head.kind === 'App') head = head.fn;
      if (head.kind !== 'Var' || shadow.has(head.name)) return false;
      if (PROCESS_BUILTINS.has(head.name)) return true;
      if (COMPRESSIONS.has(head.name)) return e.args[0] !== undefined && isProcessExpr(e.args[0], procs, shadow);
      return procs.has(head.name);
    }
    case 'If':
      return isProcessExpr(e.then, procs, shadow) || isProcessExpr(e.else, procs, shadow);
    case 'Let': {
      const inner = processDefinitions(e.decls, new Set([...procs].filter((n) => !shadow.has(n))));
      const innerShadow = new Set(shadow);
      for (const d of e.decls) {
        const b = definitionBodies(d);
        if (b !== undefined && !inner.has(b.name)) innerShadow.add(b.name);
      }
      return isProcessExpr(e.body, inner, innerShadow);
    }
    default:
      return false;
  }
}
