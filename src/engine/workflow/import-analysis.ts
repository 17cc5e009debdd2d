/**
 * Syntactic facts the CSPm importer needs: which channels an expression can
 * touch (following the definitions it names), and the decomposition of a
 * system definition into parallel components. Works on L's AST; evaluation is
 * left to the evaluator (the importer checks the result with it).
 */
import type { Decl, Expr } from '../cspm/syntax/ast';

export interface ScriptIndex {
  readonly channels: ReadonlyMap<string, { readonly type: string }>;
  /** Top-level definitions (values, functions, patterns) by name. */
  readonly defs: ReadonlyMap<string, Decl>;
}

export function indexScript(
  decls: readonly Decl[],
  text: (d: { span: { offset: number; end: number } }) => string,
): ScriptIndex {
  const channels = new Map<string, { type: string }>();
  const defs = new Map<string, Decl>();
  for (const d of decls) {
    if (d.kind === 'ChannelDecl') {
      const type = d.fields.map((f) => text(f)).join('.');
      for (const n of d.names) channels.set(n.name, { type });
    } else if (d.kind === 'ValueDecl' || d.kind === 'FunctionDecl') defs.set(d.name.name, d);
  }
  return { channels, defs };
}

/** Names used as variables anywhere inside `node` (any AST shape). */
function varNames(node: unknown, out: Set<string>): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const x of node) varNames(x, out);
    return;
  }
  const n = node as { kind?: string; name?: unknown };
  if (n.kind === 'Var' && typeof n.name === 'string') out.add(n.name);
  for (const [k, v] of Object.entries(node)) if (k !== 'span') varNames(v, out);
}

/** Channels an expression may use, through every top-level definition it refers to. */
export function channelsOf(expr: unknown, index: ScriptIndex): Set<string> {
  const seen = new Set<string>();
  const chans = new Set<string>();
  const queue: unknown[] = [expr];
  while (queue.length > 0) {
    const names = new Set<string>();
    varNames(queue.pop(), names);
    for (const name of names) {
      if (index.channels.has(name)) chans.add(name);
      else if (!seen.has(name) && index.defs.has(name)) {
        seen.add(name);
        queue.push(index.defs.get(name));
      }
    }
  }
  return chans;
}

/** `{| a, b |}` of plain channel names, or `{}`: the channel names; otherwise undefined. */
export function channelSet(expr: Expr, index: ScriptIndex): string[] | undefined {
  if (expr.kind === 'SetEnum' && expr.items.length === 0) return [];
  if (expr.kind !== 'EventSetEnum') return undefined;
  const out: string[] = [];
  for (const item of expr.items) {
    if (item.kind !== 'Var' || !index.channels.has(item.name)) return undefined;
    out.push(item.name);
  }
  return out;
}

export interface Component {
  readonly expr: Expr;
  /** Alphabet expressions of enclosing `[A || B]` sides, outermost first. */
  readonly alphas: readonly Expr[];
  readonly replicate?: { readonly variable: string; readonly set: Expr };
}

export type Decomposition =
  | {
      readonly ok: true;
      readonly style: 'alphabetised' | 'synchronised';
      readonly components: Component[];
      readonly hidden: string[];
    }
  | { readonly ok: false; readonly message: string; readonly at: Expr };

function isComposition(e: Expr): boolean {
  return (
    e.kind === 'AlphaPar' ||
    e.kind === 'GenPar' ||
    (e.kind === 'ProcBinary' && e.op === '|||') ||
    (e.kind === 'Replicated' && (e.op === '||' || e.op === '|||' || e.op === '[| |]'))
  );
}

/**
 * Splits the system into components. Alphabetised compositions keep their
 * alphabets exactly; generalised ones (`[| X |]`, `|||`) are accepted when X is
 * a set of whole channels, each used on both sides, and the sides share no
 * other channel, since then the alphabetised form with each component's
 * channels as its alphabet is the same process.
 */
export function decompose(system: Expr, index: ScriptIndex): Decomposition {
  let body = system;
  const hidden: string[] = [];
  const unfold = (e: Expr): Expr => {
    let cur = e;
    for (let i = 0; i < 50 && cur.kind === 'Var'; i++) {
      const d = index.defs.get(cur.name);
      if (d?.kind !== 'ValueDecl') break;
      cur = d.body;
    }
    return cur;
  };
  body = unfold(body);
  while (body.kind === 'Hide') {
    const set = channelSet(body.set, index);
    if (!set)
      return { ok: false, message: 'the hidden set must be {| channel, ... |} of whole channels', at: body.set };
    hidden.push(...set);
    body = unfold(body.body);
  }
  if (!isComposition(body)) return { ok: false, message: 'the system is not a parallel composition', at: body };
  const components: Component[] = [];
  let style: 'alphabetised' | 'synchronised' | undefined;
  /** The first composition fixes the style; a sub-composition of the other style stays one component. */
  const fits = (s: 'alphabetised' | 'synchronised'): boolean => {
    style ??= s;
    return style === s;
  };
  const syncOk = (left: Expr, sync: readonly string[], right: Expr): boolean => {
    const l = channelsOf(left, index);
    const r = channelsOf(right, index);
    for (const c of l) if (r.has(c) && !sync.includes(c)) return false;
    return sync.every((c) => l.has(c) && r.has(c));
  };
  let error: { message: string; at: Expr } | undefined;
  /**
   * Splits `e0` into components when that is faithful; otherwise `e0` is one
   * component (a node whose behaviour is the whole sub-composition).
   */
  const walk = (e0: Expr, alphas: Expr[]): void => {
    const e = unfold(e0);
    if (e.kind === 'AlphaPar' && fits('alphabetised')) {
      walk(e.left, [...alphas, e.leftAlpha]);
      walk(e.right, [...alphas, e.rightAlpha]);
      return;
    }
    if (e.kind === 'GenPar' && fits('synchronised')) {
      const sync = channelSet(e.sync, index);
      if (sync && syncOk(e.left, sync, e.right)) {
        walk(e.left, alphas);
        walk(e.right, alphas);
        return;
      }
    }
    if (e.kind === 'ProcBinary' && e.op === '|||' && fits('synchronised') && syncOk(e.left, [], e.right)) {
      walk(e.left, alphas);
      walk(e.right, alphas);
      return;
    }
    if (e.kind === 'Replicated' && (e.op === '||' || e.op === '|||' || e.op === '[| |]')) {
      const gen = e.stmts[0];
      const simple = e.stmts.length === 1 && gen?.kind === 'Generator' && gen.pattern.kind === 'PVar';
      if (simple && e.op === '||' && e.alpha && fits('alphabetised')) {
        components.push({
          expr: e.body,
          alphas: [...alphas, e.alpha],
          replicate: { variable: (gen.pattern as { name: string }).name, set: gen.source },
        });
        return;
      }
      if (simple && e.op !== '||' && fits('synchronised')) {
        // Instances share every channel they use, so they must synchronise on all of them.
        const sync = e.op === '[| |]' && e.sync ? channelSet(e.sync, index) : [];
        if (sync && [...channelsOf(e.body, index)].every((c) => sync.includes(c))) {
          components.push({
            expr: e.body,
            alphas,
            replicate: { variable: (gen.pattern as { name: string }).name, set: gen.source },
          });
          return;
        }
      }
    }
    if (e0.kind === 'Hide' && components.length === 0 && alphas.length === 0) {
      error = { message: 'hiding inside the composition cannot be drawn; hide at the top of the system', at: e0 };
    }
    components.push({ expr: e0, alphas });
  };
  walk(body, []);
  if (error) return { ok: false, ...error };
  return { ok: true, style: style ?? 'synchronised', components, hidden };
}
