/**
 * The evaluator of the CSPm functional language: expressions to Values, with
 * processes as hash-consed Terms (ProcessValue). Declarations (channels,
 * datatypes, nametypes, definitions) are installed by `script.ts`; process
 * expressions are built by `process.ts`.
 *
 * Strict in arguments, lazy in definitions: top-level and `let` definitions
 * are thunks, and applying a process definition yields a `call` term whose
 * body is evaluated on first use. Every failure is an EvaluationError with a
 * CSP3xxx code and the span of the expression at fault.
 */
import { isCompression } from '../csp/compression';
import type { Decl, Expr, Pattern, Span, Stmt } from '../cspm/syntax/ast';
import type { EventTable } from '../csp/events';
import type { TermFactory } from '../csp/factory';
import type { EventId, EventSet, Term } from '../csp/terms';
import {
  compareValues,
  keyOf,
  makeSet,
  showValue,
  type ChannelValue,
  type CtorValue,
  type FunctionValue,
  type SetValue,
  type Value,
} from '../csp/values';
import { ALL_INTS, CHARS, intsFrom, member, type AnySet } from './infinite';
import { append, itemsOf, lazySeq, upFrom } from './lazy';
import { compare } from './ordering';
import { EMPTY_MAP, makeMap } from './maps';
import { stringValue } from './strings';
import { COMPRESSIONS, definitionBodies, isProcessExpr, namesUnder, nodeId, processDefinitions } from './analysis';
import { builtin } from './builtins';
import { Env } from './env';
import { fail } from './errors';
import { componentEnd, match, showPattern, type PatternContext } from './patterns';
import { evalProcessExpr } from './process';
import { candidatesWith } from './channel-index';
import { checkFields } from './fields';
import { makeSection, timedBuiltin } from './timed';
import { processBuiltin } from './process-builtins';
import {
  asBool,
  asCollection,
  asInt,
  asAnySeq,
  asSeq,
  asSet,
  checkInt,
  dot,
  dotItems,
  short,
  typeName,
} from './value-ops';

export interface CtorInfo {
  readonly value: CtorValue;
  readonly fields: readonly Expr[];
  readonly span: Span;
}

/** One event of a channel: its id and its components after the channel name. */
export interface ChannelEvent {
  readonly id: EventId;
  readonly items: readonly Value[];
}

export interface ChannelInfo {
  readonly value: ChannelValue;
  readonly fields: readonly Expr[];
  readonly span: Span;
  /** Every event, in value order; undefined if the channel's type could not be enumerated. */
  events: readonly ChannelEvent[] | undefined;
  /**
   * An infinite type (`channel c : Int`): each field's set (null for a
   * recursive datatype, whose values are not checked). Its events are
   * interned when first used; a use that needs all of them is an error.
   */
  infiniteFields?: readonly (AnySet | null)[];
}

/** Nested user-function applications allowed before "unbounded recursion". */
export const MAX_DEPTH = 4000;

export class Evaluator implements PatternContext {
  readonly globals = new Env(null, true);
  readonly ctors = new Map<string, CtorInfo>();
  readonly channels = new Map<string, ChannelInfo>();
  readonly datatypes = new Map<
    string,
    { readonly ctors: readonly string[]; values: SetValue | undefined; busy: boolean }
  >();
  /** Top-level names that denote processes (see analysis.ts). */
  procNames: ReadonlySet<string> = new Set();
  /** Compressions applied as the identity, by name, with the first place they were used. */
  readonly identityCompressions = new Map<string, Span>();
  private depth = 0;
  private readonly eventSetCache = new WeakMap<SetValue, EventSet>();
  private eventsValue: SetValue | undefined;

  constructor(
    readonly factory: TermFactory,
    readonly events: EventTable,
  ) {}

  // ------------------------------------------------------------ PatternContext

  constant(name: string): Value | undefined {
    const c = this.ctors.get(name);
    if (c !== undefined) return c.value;
    const ch = this.channels.get(name);
    return ch?.value;
  }

  arity(v: Value): number {
    if (typeof v === 'object' && v.t === 'ctor') return this.ctors.get(v.name)?.fields.length ?? 0;
    return 0;
  }

  // ------------------------------------------------------------ names

  lookup(name: string, env: Env, span: Span): Value {
    const v = env.lookup(name);
    if (v !== undefined) return v;
    if (env.timed !== undefined) {
      const t = timedBuiltin(this, env.timed, name);
      if (t !== undefined) return t;
    }
    switch (name) {
      case 'STOP':
        return { t: 'proc', term: this.factory.stop };
      case 'SKIP':
        return { t: 'proc', term: this.factory.skip };
      case 'DIV':
        return { t: 'proc', term: this.factory.div };
      case 'Bool':
        return { t: 'set', items: [false, true] };
      case 'Events':
        return this.allEvents();
      case 'Int':
        return ALL_INTS;
      case 'Char':
        return CHARS;
      case 'true':
      case 'True':
        return true;
      case 'false':
      case 'False':
        return false;
      case 'emptyMap':
        return EMPTY_MAP;
    }
    const b = builtin(name, span);
    if (b !== undefined) return b;
    const special = this.specialFunction(name, span);
    if (special !== undefined) return special;
    return fail('CSP3013', span, { name });
  }

  /** RUN, CHAOS, the compression functions and the built-ins of process-builtins.ts. */
  private specialFunction(name: string, span: Span): FunctionValue | undefined {
    if (name === 'RUN' || name === 'CHAOS') {
      return {
        t: 'fn',
        name,
        arity: 1,
        call: ([a]) => {
          const set = this.eventSet(a as Value, span);
          return { t: 'proc', term: name === 'RUN' ? this.factory.run(set) : this.factory.chaos(set) };
        },
      };
    }
    if (COMPRESSIONS.has(name) && isCompression(name)) {
      // a real compression term: the checker reduces it (src/engine/check/compress), chase and deter have their own semantics
      return {
        t: 'fn',
        name,
        arity: 1,
        call: ([p]) => ({ t: 'proc', term: this.factory.compress(name, this.asProcess(p as Value, span)) }),
      };
    }
    return processBuiltin(this, name, span);
  }

  /** Every event of every channel (the value of `Events`). */
  allEvents(): SetValue {
    if (this.eventsValue === undefined) {
      const items: Value[] = [];
      for (const ch of this.channels.values())
        for (const e of ch.events ?? []) items.push(this.events.value(e.id) as Value);
      this.eventsValue = { t: 'set', items: makeSet(items).items };
    }
    return this.eventsValue;
  }

  // ------------------------------------------------------------ expressions

  eval(e: Expr, env: Env): Value {
    this.factory.poll();
    switch (e.kind) {
      case 'IntLit':
        return e.value;
      case 'BoolLit':
        return e.value;
      case 'Var':
        return this.lookup(e.name, env, e.span);
      case 'App':
        return this.apply(e, env);
      case 'Binary':
        return this.binary(e, env);
      case 'Unary': {
        const v = this.eval(e.operand, env);
        if (e.op === '-') return checkInt(-asInt(v, e.operand.span), e.span, () => `-${short(v)}`);
        if (e.op === 'not') return !asBool(v, e.operand.span);
        return asSeq(v, e.operand.span).items.length;
      }
      case 'If':
        return asBool(this.eval(e.cond, env), e.cond.span) ? this.eval(e.then, env) : this.eval(e.else, env);
      case 'Let':
        return this.eval(e.body, this.bindLocal(e.decls, env, `L${nodeId(e)}|${env.closureKey(namesUnder(e))}`));
      case 'Lambda':
        return this.lambda(e.params, e.body, env);
      case 'Tuple':
        return { t: 'tuple', items: e.items.map((x) => this.eval(x, env)) };
      case 'Dot':
        return checkFields(this, dot(e.items.map((x) => this.eval(x, env))), e.span);
      case 'SetEnum':
        return makeSet(e.items.map((x) => this.eval(x, env)));
      case 'SetRange': {
        const from = asInt(this.eval(e.from, env), e.from.span);
        if (e.to === null) return intsFrom(from);
        const to = asInt(this.eval(e.to, env), e.to.span);
        return { t: 'set', items: range(from, to, () => this.factory.poll()) };
      }
      case 'SetComp':
        return makeSet(this.comprehension(e.items, e.stmts, env));
      case 'SeqEnum':
        return { t: 'seq', items: e.items.map((x) => this.eval(x, env)) };
      case 'SeqRange': {
        const from = asInt(this.eval(e.from, env), e.from.span);
        if (e.to === null) return upFrom(from);
        const to = asInt(this.eval(e.to, env), e.to.span);
        return { t: 'seq', items: range(from, to, () => this.factory.poll()) };
      }
      case 'SeqComp':
        return this.seqComprehension(e.items, e.stmts, env);
      case 'EventSetEnum':
        return makeSet(e.items.flatMap((x) => this.productions(this.eval(x, env), x.span)));
      case 'EventSetComp':
        return makeSet(
          this.bindings(e.stmts, env).flatMap((inner) =>
            e.items.flatMap((x) => this.productions(this.eval(x, inner), x.span)),
          ),
        );
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
        return { t: 'proc', term: evalProcessExpr(this, e, env) };
      case 'StringLit':
        return stringValue(e.value);
      case 'CharLit':
        return { t: 'char', c: e.value };
      case 'MapLit':
        return makeMap(e.entries.map((m) => [this.eval(m.key, env), this.eval(m.value, env)] as const));
    }
  }

  /** Evaluates `e` and insists on a process. */
  process(e: Expr, env: Env): Term {
    return this.asProcess(this.eval(e, env), e.span);
  }

  asProcess(v: Value, span: Span): Term {
    if (typeof v === 'object' && v.t === 'proc') return v.term;
    return fail('CSP3008', span, { expected: 'a process', actual: typeName(v) });
  }

  private binary(e: Expr & { kind: 'Binary' }, env: Env): Value {
    const text = (l: Value, r: Value): string => `${short(l)} ${e.op} ${short(r)}`;
    if (e.op === 'and')
      return asBool(this.eval(e.left, env), e.left.span) && asBool(this.eval(e.right, env), e.right.span);
    if (e.op === 'or')
      return asBool(this.eval(e.left, env), e.left.span) || asBool(this.eval(e.right, env), e.right.span);
    const l = this.eval(e.left, env);
    const r = this.eval(e.right, env);
    switch (e.op) {
      case '+':
        return checkInt(asInt(l, e.left.span) + asInt(r, e.right.span), e.span, () => text(l, r));
      case '-':
        return checkInt(asInt(l, e.left.span) - asInt(r, e.right.span), e.span, () => text(l, r));
      case '*':
        return checkInt(asInt(l, e.left.span) * asInt(r, e.right.span), e.span, () => text(l, r));
      case '/':
      case '%': {
        const a = asInt(l, e.left.span);
        const b = asInt(r, e.right.span);
        if (b === 0) return fail('CSP3001', e.span, { expr: text(l, r) });
        // FDR follows Haskell's div/mod: rounding towards −∞, so (-1) % 5 == 4.
        const q = Math.floor(a / b);
        return e.op === '/' ? checkInt(q, e.span, () => text(l, r)) : a - q * b;
      }
      case '==':
        return compareValues(l, r) === 0;
      case '!=':
        return compareValues(l, r) !== 0;
      case '<':
      case '>':
      case '<=':
      case '>=':
        return compare(e.op, l, r, e.span);
      case '^': {
        const a = asAnySeq(l, e.left.span);
        const b = asAnySeq(r, e.right.span);
        if (a.t === 'lseq' || b.t === 'lseq') return append(a, b);
        return { t: 'seq', items: [...a.items, ...b.items] };
      }
    }
  }

  private apply(e: Expr & { kind: 'App' }, env: Env): Value {
    const fn = this.eval(e.fn, env);
    const args = e.args.map((a) => this.eval(a, env));
    if (typeof fn !== 'object' || fn.t !== 'fn') {
      return fail('CSP3008', e.fn.span, { expected: 'a function', actual: typeName(fn) });
    }
    if (fn.arity !== args.length) {
      return fail('CSP3014', e.span, {
        fn: fn.name || 'this function',
        problem: `takes ${fn.arity} argument(s), given ${args.length}`,
      });
    }
    // User functions count their own depth (userFunction); a stack overflow is reported at their definition.
    return fn.call(args);
  }

  withDepth<T>(name: string, span: Span, f: () => T): T {
    if (this.depth >= MAX_DEPTH) return fail('CSP3007', span, { name, why: `more than ${MAX_DEPTH} nested calls` });
    this.depth++;
    try {
      return f();
    } catch (err) {
      // The JS stack can run out before MAX_DEPTH: report it at the innermost definition that saw it.
      if (this.factory.isOverflow(err)) {
        this.factory.noteOverflow(name, span);
        throw this.factory.overflowError(name, span);
      }
      throw err;
    } finally {
      this.depth--;
    }
  }

  private lambda(params: readonly Pattern[], body: Expr, env: Env): FunctionValue {
    return {
      t: 'fn',
      name: '',
      arity: params.length,
      call: (args) => {
        const inner = env.child();
        params.forEach((p, i) => {
          const binds = new Map<string, Value>();
          if (!match(this, p, args[i] as Value, binds)) {
            fail('CSP3011', p.span, { pattern: showPattern(p), value: short(args[i] as Value) });
          }
          for (const [k, v] of binds) inner.define(k, v);
        });
        return this.eval(body, inner);
      },
    };
  }

  // ------------------------------------------------------------ definitions

  /**
   * Binds definitions (top-level or `let`) in a new scope of `env` (or in
   * `env` itself when it is the global scope). `scope` keys local process
   * definitions so equal closures give equal terms.
   */
  bindLocal(decls: readonly Decl[], env: Env, scope: string): Env {
    const target = env.global && scope === '' ? env : env.child();
    const procs = scope === '' ? this.procNames : processDefinitions(decls, this.procNames);
    for (const d of decls) this.bindDecl(d, target, procs, scope);
    return target;
  }

  /**
   * Binds `d` in `env`; its body is evaluated in `evalEnv` (the same scope,
   * except inside a timed section, whose declarations belong to the enclosing
   * scope but whose processes are timed).
   */
  bindDecl(d: Decl, env: Env, procs: ReadonlySet<string>, scope: string, evalEnv: Env = env): void {
    switch (d.kind) {
      case 'ValueDecl': {
        const name = d.name.name;
        if (procs.has(name)) {
          env.defineLazy(name, d.name.span, () => ({
            t: 'proc',
            term: this.factory.call(name, [], () => this.process(d.body, evalEnv), scope, d.name.span),
          }));
        } else env.defineLazy(name, d.name.span, () => this.eval(d.body, evalEnv));
        return;
      }
      case 'FunctionDecl':
        env.define(d.name.name, this.userFunction(d, evalEnv, procs.has(d.name.name), scope));
        return;
      case 'TimedDecl': {
        const section = makeSection(this, () => (d.fn === null ? undefined : this.eval(d.fn, evalEnv)), d.span);
        const inner = evalEnv.timedChild(section);
        for (const x of d.decls) this.bindDecl(x, env, procs, scope, inner);
        return;
      }
      case 'PatternDecl':
        this.bindPattern(d.pattern, d.body, d.span, env, evalEnv);
        return;
      case 'ChannelDecl':
      case 'DatatypeDecl':
      case 'NametypeDecl':
      case 'AssertDecl':
      case 'IncludeDecl':
      case 'TransparentDecl':
      case 'ExternalDecl':
      case 'SubtypeDecl':
      case 'TypeAnnotationDecl':
      case 'PrintDecl':
      case 'ModuleDecl':
      case 'InstanceDecl':
        return; // handled by script.ts (modules are expanded before), or no run-time meaning
    }
  }

  /**
   * `pattern = body`, each name bound lazily. A tuple pattern over a tuple
   * expression binds item by item (`(s, t) = (1, loop)` gives s without
   * evaluating t, as FDR's lazy evaluation does).
   */
  private bindPattern(pattern: Pattern, body: Expr, span: Span, env: Env, evalEnv: Env): void {
    // Only irrefutable items split: `(x, 1) = (1, 2)` must still check the 1 when x is used.
    const irrefutable = (p: Pattern): boolean =>
      p.kind === 'PWildcard' || (p.kind === 'PVar' && this.constant(p.name) === undefined);
    if (
      pattern.kind === 'PTuple' &&
      body.kind === 'Tuple' &&
      pattern.items.length === body.items.length &&
      pattern.items.every(irrefutable)
    ) {
      pattern.items.forEach((p, i) => this.bindPattern(p, body.items[i] as Expr, span, env, evalEnv));
      return;
    }
    let bound: Map<string, Value> | undefined;
    const force = (): Map<string, Value> => {
      if (bound !== undefined) return bound;
      const v = this.eval(body, evalEnv);
      const binds = new Map<string, Value>();
      if (!match(this, pattern, v, binds))
        fail('CSP3011', pattern.span, { pattern: showPattern(pattern), value: short(v) });
      return (bound = binds);
    };
    if (pattern.kind === 'PVar' && this.constant(pattern.name) === undefined) {
      env.defineLazy(pattern.name, span, () => this.eval(body, evalEnv));
      return;
    }
    // A constructor or channel in the pattern (`Acl.y = Acl.2`) is matched, not bound.
    for (const name of patternNames(pattern)) {
      if (this.constant(name) === undefined) env.defineLazy(name, span, () => force().get(name) as Value);
    }
  }

  /** A (possibly curried, multi-clause) user function as a FunctionValue. */
  private userFunction(d: Decl & { kind: 'FunctionDecl' }, env: Env, isProcess: boolean, scope: string): FunctionValue {
    const name = d.name.name;
    const groups = d.clauses[0]?.params.length ?? 1;
    const run = (args: readonly Value[]): Value => {
      for (const c of d.clauses) {
        const binds = new Map<string, Value>();
        let ok = true;
        let k = 0;
        for (const group of c.params) {
          for (const p of group) {
            if (!match(this, p, args[k++] as Value, binds)) {
              ok = false;
              break;
            }
          }
          if (!ok) break;
        }
        if (!ok) continue;
        const inner = env.child();
        for (const [n, v] of binds) inner.define(n, v);
        return this.eval(c.body, inner);
      }
      return fail('CSP3009', d.name.span, { name, args: args.map(short).join(', ') });
    };
    const finish = (args: readonly Value[]): Value => {
      if (!isProcess) return this.withDepth(name, d.name.span, () => run(args));
      return {
        t: 'proc',
        term: this.factory.call(
          name,
          args,
          () =>
            this.asProcess(
              this.withDepth(name, d.name.span, () => run(args)),
              d.name.span,
            ),
          scope,
          d.name.span,
        ),
      };
    };
    const curry = (group: number, acc: readonly Value[]): FunctionValue => ({
      t: 'fn',
      name,
      arity: d.clauses[0]?.params[group]?.length ?? 0,
      call: (args) => (group + 1 >= groups ? finish([...acc, ...args]) : curry(group + 1, [...acc, ...args])),
    });
    return curry(0, []);
  }

  // ------------------------------------------------------------ comprehensions

  /** Environments produced by generators and predicates, in order. */
  bindings(stmts: readonly Stmt[], env: Env): Env[] {
    let envs: Env[] = [env];
    for (const s of stmts) {
      const next: Env[] = [];
      for (const en of envs) {
        if (s.kind === 'Predicate') {
          if (asBool(this.eval(s.expr, en), s.expr.span)) next.push(en);
          continue;
        }
        const source = asCollection(this.eval(s.source, en), s.source.span);
        for (const v of source) {
          const binds = new Map<string, Value>();
          if (!match(this, s.pattern, v, binds)) continue;
          const inner = en.child();
          for (const [k, x] of binds) inner.define(k, x);
          next.push(inner);
        }
      }
      envs = next;
    }
    return envs;
  }

  /**
   * `<e | x <- s, p>`: finite, unless a generator draws from an infinite
   * sequence, in which case the result is made on demand (lazy.ts).
   */
  private seqComprehension(items: readonly Expr[], stmts: readonly Stmt[], env: Env): Value {
    let lazy = false;
    const envs = this.envsOf(stmts, 0, env, () => (lazy = true));
    const out: Value[] = [];
    for (let r = envs.next(); r.done !== true; r = envs.next()) {
      for (const x of items) out.push(this.eval(x, r.value));
      if (lazy) {
        const more = function* (ev: Evaluator): Generator<Value> {
          yield* out;
          for (let n = envs.next(); n.done !== true; n = envs.next()) for (const x of items) yield ev.eval(x, n.value);
        };
        return lazySeq('<… | …>', more(this));
      }
    }
    return { t: 'seq', items: out };
  }

  /** The environments of the statements, one at a time; `onLazy` is called when a generator draws from a lazy sequence. */
  private *envsOf(stmts: readonly Stmt[], i: number, env: Env, onLazy: () => void): Generator<Env> {
    const s = stmts[i];
    if (s === undefined) {
      yield env;
      return;
    }
    if (s.kind === 'Predicate') {
      if (asBool(this.eval(s.expr, env), s.expr.span)) yield* this.envsOf(stmts, i + 1, env, onLazy);
      return;
    }
    const source = this.eval(s.source, env);
    let values: Iterable<Value>;
    if (typeof source === 'object' && source.t === 'lseq') {
      onLazy();
      values = itemsOf(source);
    } else values = asCollection(source, s.source.span);
    for (const v of values) {
      const binds = new Map<string, Value>();
      if (!match(this, s.pattern, v, binds)) continue;
      const inner = env.child();
      for (const [k, x] of binds) inner.define(k, x);
      yield* this.envsOf(stmts, i + 1, inner, onLazy);
    }
  }

  private comprehension(items: readonly Expr[], stmts: readonly Stmt[], env: Env): Value[] {
    return this.bindings(stmts, env).flatMap((inner) => items.map((x) => this.eval(x, inner)));
  }

  // ------------------------------------------------------------ events

  /** `{| v |}`: the events (or datatype values) that extend `v`. */
  productions(v: Value, span: Span): Value[] {
    const items = dotItems(v);
    const head = items[0];
    if (typeof head === 'object' && head.t === 'channel') {
      const ch = this.channelInfo(head.name, span);
      return candidatesWith(ch, items.slice(1)).map((ev) => this.events.value(ev.id) as Value);
    }
    if (typeof head === 'object' && head.t === 'ctor') {
      const all = this.datatypeValues(head.datatype, span).items;
      return all.filter((x) => startsWith(dotItems(x), items));
    }
    return fail('CSP3012', span, { value: short(v) });
  }

  /** `extensions(v)`: what completes v (`c` with `c : A.B` gives every `a.b`; a complete value gives the empty dot). */
  extensions(v: Value, span: Span): Value[] {
    const n = dotItems(v).length;
    return this.productions(v, span).map((x) => dot(dotItems(x).slice(n)));
  }

  channelInfo(name: string, span: Span): ChannelInfo {
    const ch = this.channels.get(name);
    if (ch === undefined) return fail('CSP3013', span, { name });
    if (ch.events === undefined && ch.infiniteFields !== undefined) {
      return fail('CSP3005', span, {
        set: `the type of channel '${name}'`,
        where: 'here: this use needs every event of the channel',
      });
    }
    if (ch.events === undefined) {
      return fail('CSP3005', span, {
        set: `the type of channel '${name}'`,
        where: '(see the error at its declaration)',
      });
    }
    return ch;
  }

  /** The event `v` of a channel with an infinite type, interned on first use; undefined if it is outside the type. */
  private infiniteEvent(v: Value): EventId | undefined {
    const items = dotItems(v);
    const head = items[0];
    if (typeof head !== 'object' || head.t !== 'channel') return undefined;
    const sets = this.channels.get(head.name)?.infiniteFields;
    if (sets === undefined) return undefined;
    // Flat items back into fields: a constructor value takes its own fields (`t.Node.Leaf.Leaf`).
    let pos = 1;
    for (const s of sets) {
      if (pos >= items.length) return undefined;
      const end = componentEnd(this, items, pos);
      if (s !== null && !member(dot(items.slice(pos, end)), s)) return undefined;
      pos = end;
    }
    return pos === items.length ? this.events.intern(v) : undefined;
  }

  /** True for a channel declared with an infinite type. */
  isInfiniteChannel(name: string): boolean {
    return this.channels.get(name)?.infiniteFields !== undefined;
  }

  /** The id of a complete event value. */
  eventId(v: Value, span: Span): EventId {
    const id = this.events.lookup(v) ?? this.infiniteEvent(v);
    if (id !== undefined) return id;
    const items = dotItems(v);
    const head = items[0];
    if (typeof head === 'object' && head.t === 'channel') {
      // A channel of infinite type has no list of events to check against: the value is simply out of its type.
      if (!this.isInfiniteChannel(head.name)) this.channelInfo(head.name, span);
      return fail('CSP3004', span, { value: short(v), channel: head.name });
    }
    return fail('CSP3012', span, { value: short(v) });
  }

  /** A set value of events as an EventSet (cached per set object). */
  eventSet(v: Value, span: Span): EventSet {
    const s = asSet(v, span);
    const cached = this.eventSetCache.get(s);
    if (cached !== undefined) return cached;
    const ids = this.factory.eventSet(s.items.map((x) => this.eventId(x, span)));
    this.eventSetCache.set(s, ids);
    return ids;
  }

  /** Every value of a datatype (constructors in order, fields enumerated). */
  datatypeValues(name: string, span: Span): SetValue {
    const dt = this.datatypes.get(name);
    if (dt === undefined) return fail('CSP3013', span, { name });
    if (dt.values !== undefined) return dt.values;
    if (dt.busy)
      return fail('CSP3005', span, {
        set: `datatype ${name}`,
        where: 'because it is recursive (its values are infinitely many)',
      });
    dt.busy = true;
    try {
      const items: Value[] = [];
      for (const c of dt.ctors) {
        const info = this.ctors.get(c) as CtorInfo;
        const fieldSets = info.fields.map((f) => this.typeSet(f, this.globals).items);
        items.push(...productOf([info.value], fieldSets, () => this.factory.poll()));
      }
      dt.values = makeSet(items);
    } finally {
      dt.busy = false;
    }
    return dt.values;
  }

  /** A type expression (`{0..3}`, `Bool`, `T`, `A.B`) as a finite set of values. */
  typeSet(e: Expr, env: Env): SetValue {
    if (e.kind === 'Dot') {
      const parts = e.items.map((x) => this.typeSet(x, env).items);
      return makeSet(productOf([], parts, () => this.factory.poll()));
    }
    if (e.kind === 'Tuple') {
      // `(A, B)` as a type: every tuple of values from A and B.
      let tuples: Value[][] = [[]];
      for (const part of e.items.map((x) => this.typeSet(x, env).items)) {
        tuples = tuples.flatMap((t) => part.map((v) => [...t, v]));
      }
      return makeSet(tuples.map((items) => ({ t: 'tuple' as const, items })));
    }
    const set = asSet(this.eval(e, env), e.span);
    checkRectangular(set, e.span);
    return set;
  }

  /** Component boundaries for channel inputs (see patterns.ts). */
  componentEnd(items: readonly Value[], i: number): number {
    return componentEnd(this, items, i);
  }

  /** Key of the closure for hash-consing (node identity + values of its local variables). */
  closureKey(node: Expr, env: Env): string {
    return `${nodeId(node)}|${env.closureKey(namesUnder(node))}`;
  }

  isProcessExpr(e: Expr): boolean {
    return isProcessExpr(e, this.procNames, new Set());
  }

  show(v: Value): string {
    return showValue(v);
  }
}

/**
 * FDR reads a field set of plain dotted values (`{x.y | …}`) as a product of
 * one set per component: a set that is not such a product is refused (CSP3030).
 * Values of datatypes and events (a constructor or channel at the head) are
 * not split.
 */
function checkRectangular(set: SetValue, span: Span): void {
  const dotted = set.items.filter((v) => typeof v === 'object' && v.t === 'dot' && !isHead(v.items[0]));
  if (dotted.length === 0) return;
  const width = dotItems(dotted[0] as Value).length;
  const columns: Set<string>[] = Array.from({ length: width }, () => new Set());
  let rectangular = dotted.length === set.items.length;
  for (const v of dotted) {
    const items = dotItems(v);
    if (items.length !== width) rectangular = false;
    items.forEach((x, i) => columns[i]?.add(keyOf(x)));
  }
  if (rectangular && columns.reduce((n, c) => n * c.size, 1) === dotted.length) return;
  fail('CSP3030', span, { set: short(set) });
}

function isHead(v: Value | undefined): boolean {
  return typeof v === 'object' && (v.t === 'ctor' || v.t === 'channel');
}

/** `poll` per item: `{0..N-1}` with N = 99999999 must stop at a time limit, not fill the memory. */
function range(from: number, to: number, poll: () => void): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) {
    poll();
    out.push(i);
  }
  return out;
}

function startsWith(items: readonly Value[], prefix: readonly Value[]): boolean {
  if (prefix.length > items.length) return false;
  for (let i = 0; i < prefix.length; i++) if (keyOf(items[i] as Value) !== keyOf(prefix[i] as Value)) return false;
  return true;
}

/** head.f1.f2… for every combination of field values. */
export function productOf(head: readonly Value[], fields: readonly (readonly Value[])[], poll?: () => void): Value[] {
  // One flat item array per result (types of 100,000s of values are common): components are
  // pushed onto a shared stack and copied once at the bottom of the recursion.
  const out: Value[] = [];
  const stack: Value[] = head.flatMap((h) => dotItems(h));
  const walk = (level: number): void => {
    if (level === fields.length) {
      out.push(stack.length === 1 ? (stack[0] as Value) : { t: 'dot', items: stack.slice() });
      return;
    }
    for (const v of fields[level] as readonly Value[]) {
      poll?.();
      const mark = stack.length;
      if (typeof v === 'object' && v.t === 'dot') stack.push(...v.items);
      else stack.push(v);
      walk(level + 1);
      stack.length = mark;
    }
  };
  walk(0);
  return out;
}

function patternNames(p: Pattern): string[] {
  const out: string[] = [];
  const walk = (q: Pattern): void => {
    switch (q.kind) {
      case 'PVar':
        out.push(q.name);
        return;
      case 'PTuple':
      case 'PDot':
      case 'PSeqEnum':
      case 'PSet':
        q.items.forEach(walk);
        return;
      case 'PConcat':
      case 'PDouble':
        walk(q.left);
        walk(q.right);
        return;
      default:
        return;
    }
  };
  walk(p);
  return out;
}

export { definitionBodies };
