/**
 * Process expressions to terms: prefixes with inputs and outputs, guards, the
 * binary operators, parallel compositions, hiding, renaming and the replicated
 * operators.
 *
 * Prefix `c.a?x:S!e -> P`: the event part `c.a` is evaluated, the channel's
 * events that extend it are the candidates, and each field is matched against
 * the next component of each candidate (an input binds one component, which
 * for a constructor with fields is the whole `B.1`; an output must equal the
 * next components). Components left after the last field are free (FDR treats
 * them as further inputs). With no input the prefix is a plain `e -> P`; with
 * inputs it is a `prefixChoice` whose continuations are evaluated per event on
 * first use.
 */
import type { CommField, Expr, LinkPair, Pattern, Span, Stmt } from '../cspm/syntax/ast';
import type { EventId, EventSet, Term } from '../csp/terms';
import { keyOf, type SetValue, type Value } from '../csp/values';
import type { TermFactory } from '../csp/factory';
import type { Env, TimedSection } from './env';
import { timedPrefix, tskip, tstop, withTock } from './timed';
import { fail } from './errors';
import type { ChannelEvent, Evaluator } from './evaluator';
import { match } from './patterns';
import { restrictedChoices } from './infinite-prefix';
import { sharedPairs } from './pair-cache';
import { candidatesWith, startsWithKeys } from './channel-index';
import { asBool, asSeq, asSet, dot, dotItems, setHas, short, typeName } from './value-ops';

type ProcessExpr = Expr & {
  kind:
    | 'Prefix'
    | 'Guard'
    | 'ProcBinary'
    | 'GenPar'
    | 'AlphaPar'
    | 'Hide'
    | 'Rename'
    | 'Replicated'
    | 'LinkPar'
    | 'ReplicatedLinkPar'
    | 'ProcSetOp'
    | 'Project';
};

export function evalProcessExpr(ev: Evaluator, e: ProcessExpr, env: Env): Term {
  const f = ev.factory;
  // Inside a timed section (timed.ts): STOP lets time pass, event sets gain tock.
  const timed = env.timed;
  const tocked = (set: EventSet): EventSet => (timed === undefined ? set : withTock(f, timed, set));
  switch (e.kind) {
    case 'Prefix':
      return prefix(ev, e, env);
    case 'Guard':
      if (asBool(ev.eval(e.cond, env), e.cond.span)) return ev.process(e.body, env);
      return timed === undefined ? f.stop : tstop(f, timed.tock());
    case 'ProcBinary': {
      const l = ev.process(e.left, env);
      const r = ev.process(e.right, env);
      switch (e.op) {
        case '[]':
          return timed === undefined ? f.extChoice([l, r]) : timedChoice(f, timed, [l, r]);
        case '|~|':
          return f.intChoice([l, r]);
        case ';':
          return f.seq(l, r);
        case '/\\':
          return timed === undefined ? f.interrupt(l, r) : f.syncInterrupt(l, tocked([]), r);
        case '[>':
          return f.sliding(l, r);
        case '|||':
          return timed === undefined ? f.interleave([l, r]) : f.genPar(tocked([]), [l, r]);
      }
      break;
    }
    case 'GenPar': {
      const sync = ev.eventSet(ev.eval(e.sync, env), e.sync.span);
      return f.genPar(tocked(sync), [ev.process(e.left, env), ev.process(e.right, env)]);
    }
    case 'AlphaPar': {
      const a = ev.eventSet(ev.eval(e.leftAlpha, env), e.leftAlpha.span);
      const b = ev.eventSet(ev.eval(e.rightAlpha, env), e.rightAlpha.span);
      return f.alphaPar([ev.process(e.left, env), ev.process(e.right, env)], [tocked(a), tocked(b)]);
    }
    case 'Hide':
      return f.hide(ev.process(e.body, env), ev.eventSet(ev.eval(e.set, env), e.set.span));
    case 'Rename': {
      const pairs = sharedPairs(ev, e, [...e.pairs, ...e.stmts], env, () => {
        const out: [EventId, EventId][] = [];
        const envs = e.stmts.length === 0 ? [env] : ev.bindings(e.stmts, env);
        for (const inner of envs) {
          for (const p of e.pairs) renamePairs(ev, ev.eval(p.from, inner), ev.eval(p.to, inner), p.span, out);
        }
        return out;
      });
      return f.rename(ev.process(e.body, env), pairs);
    }
    case 'Replicated':
      return replicated(ev, e, env);
    case 'LinkPar': {
      if (timed !== undefined)
        return fail('CSP3014', e.span, { fn: 'linked parallel', problem: 'FDR does not allow it in a timed section' });
      const l = ev.process(e.left, env);
      const pairs = sharedPairs(ev, e, [...e.links, ...e.stmts], env, () =>
        linkPairs(ev, e.links, e.stmts, env, e.span),
      );
      return f.linkPar(l, ev.process(e.right, env), pairs);
    }
    case 'ReplicatedLinkPar':
      if (timed !== undefined)
        return fail('CSP3014', e.span, { fn: 'linked parallel', problem: 'FDR does not allow it in a timed section' });
      return replicatedLinkPar(ev, e, env);
    case 'ProcSetOp': {
      const l = ev.process(e.left, env);
      const set = ev.eventSet(ev.eval(e.set, env), e.set.span);
      const r = ev.process(e.right, env);
      switch (e.op) {
        case 'exception':
          return f.exception(l, set, r);
        case 'syncExtChoice':
          return f.syncExtChoice(tocked(set), [l, r]);
        case 'syncInterrupt':
          return f.syncInterrupt(l, tocked(set), r);
      }
      break;
    }
    case 'Project': {
      // P |\ A hides every event outside A.
      const keep = ev.factory.members(ev.eventSet(ev.eval(e.set, env), e.set.span));
      const hidden = ev.events.all().filter((x) => !keep.has(x));
      return f.hide(ev.process(e.body, env), f.eventSet(hidden));
    }
  }
  throw new Error('unreachable');
}

/** A timed `[]`: the choice synchronises on tock; TSTOP branches drop out (all of them: TSTOP). */
function timedChoice(f: TermFactory, timed: TimedSection, items: readonly Term[]): Term {
  const stop = tstop(f, timed.tock());
  const rest = items.filter((t) => t !== stop);
  return rest.length === 0 ? stop : f.syncExtChoice(f.eventSet([timed.tock()]), rest);
}

/**
 * The pairs of a link list `a <-> b, ... | stmts`: a channel or event prefix
 * links each of its extensions to the same extension of its partner (as in
 * renaming). An event linked twice on one side is ambiguous (FDR refuses it).
 */
function linkPairs(
  ev: Evaluator,
  links: readonly LinkPair[],
  stmts: readonly Stmt[],
  env: Env,
  span: Span,
): [EventId, EventId][] {
  const pairs: [EventId, EventId][] = [];
  const envs = stmts.length === 0 ? [env] : ev.bindings(stmts, env);
  for (const inner of envs) {
    for (const l of links) renamePairs(ev, ev.eval(l.from, inner), ev.eval(l.to, inner), l.span, pairs);
  }
  const unique = new Map<string, [EventId, EventId]>();
  for (const p of pairs) unique.set(`${p[0]}>${p[1]}`, p);
  const result = [...unique.values()];
  for (const side of [0, 1] as const) {
    const seen = new Set<EventId>();
    for (const p of result) {
      if (seen.has(p[side]))
        return fail('CSP3016', span, { event: ev.events.text(p[side]), side: side === 0 ? 'left' : 'right' });
      seen.add(p[side]);
    }
  }
  return result;
}

/** `[links] x <- <s> @ P`: P(x1) [links(x1)] (P(x2) [links(x2)] (... P(xn))). */
function replicatedLinkPar(ev: Evaluator, e: Expr & { kind: 'ReplicatedLinkPar' }, env: Env): Term {
  const first = e.stmts.find((s) => s.kind === 'Generator');
  if (first !== undefined && first.kind === 'Generator') asSeq(ev.eval(first.source, env), first.source.span);
  const envs = ev.bindings(e.stmts, env);
  if (envs.length === 0) return fail('CSP3017', e.span);
  const parts = envs.map((inner) => ({
    proc: ev.process(e.body, inner),
    pairs: linkPairs(ev, e.links, e.linkStmts, inner, e.span),
  }));
  let acc = (parts[parts.length - 1] as { proc: Term }).proc;
  for (let i = parts.length - 2; i >= 0; i--) {
    const p = parts[i] as { proc: Term; pairs: [EventId, EventId][] };
    acc = ev.factory.linkPar(p.proc, acc, p.pairs);
  }
  return acc;
}

function replicated(ev: Evaluator, e: Expr & { kind: 'Replicated' }, env: Env): Term {
  const f = ev.factory;
  if (e.op === ';') {
    // `; x:<s> @ P`: the generator must range over a sequence, whose order is kept.
    const first = e.stmts.find((s) => s.kind === 'Generator');
    if (first !== undefined && first.kind === 'Generator') asSeq(ev.eval(first.source, env), first.source.span);
  }
  const envs = ev.bindings(e.stmts, env);
  const items = envs.map((inner) => ev.process(e.body, inner));
  const timed = env.timed;
  if (timed !== undefined) {
    // Over nothing, a timed replicated operator lets time pass (`;` terminates).
    if (items.length === 0 && e.op !== '|~|') return e.op === ';' ? tskip(f, timed.tock()) : tstop(f, timed.tock());
    const tock = timed.tock();
    const sync = (x: Expr | null): EventSet =>
      withTock(f, timed, x === null ? [] : ev.eventSet(ev.eval(x, env), x.span));
    switch (e.op) {
      case '[]':
        return timedChoice(f, timed, items);
      case '|||':
        return f.genPar(f.eventSet([tock]), items);
      case '[| |]':
        return f.genPar(sync(e.sync), items);
      case '[+ +]':
        return f.syncExtChoice(sync(e.sync), items);
      case '||': {
        const alphaExpr = e.alpha as Expr;
        return f.alphaPar(
          items,
          envs.map((inner) => withTock(f, timed, ev.eventSet(ev.eval(alphaExpr, inner), alphaExpr.span))),
        );
      }
      default:
        break;
    }
  }
  switch (e.op) {
    case '[]':
      return f.extChoice(items);
    case '|~|':
      if (items.length === 0) return fail('CSP3006', e.span);
      return f.intChoice(items);
    case '|||':
      return f.interleave(items);
    case ';':
      return items.length === 0 ? f.skip : items.reduceRight((acc, p) => f.seq(p, acc));
    case '[| |]': {
      const sync = ev.eventSet(ev.eval(e.sync as Expr, env), (e.sync as Expr).span);
      return f.genPar(sync, items);
    }
    case '||': {
      const alphaExpr = e.alpha as Expr;
      const alphas = envs.map((inner) => ev.eventSet(ev.eval(alphaExpr, inner), alphaExpr.span));
      return f.alphaPar(items, alphas);
    }
    case '[+ +]': {
      const sync = ev.eventSet(ev.eval(e.sync as Expr, env), (e.sync as Expr).span);
      return f.syncExtChoice(sync, items);
    }
  }
}

/** Pairs of a renaming `from <- to`: whole events, or channels/prefixes mapped component-wise. */
function renamePairs(ev: Evaluator, from: Value, to: Value, span: Span, out: [EventId, EventId][]): void {
  const direct = ev.events.lookup(from);
  if (direct !== undefined) {
    out.push([direct, ev.eventId(to, span)]);
    return;
  }
  const fromItems = dotItems(from);
  const toItems = dotItems(to);
  for (const v of ev.productions(from, span)) {
    const rest = dotItems(v).slice(fromItems.length);
    out.push([ev.eventId(v, span), ev.eventId(dot([...toItems, ...rest]), span)]);
  }
}

// ---------------------------------------------------------------- prefix

function prefix(ev: Evaluator, e: Expr & { kind: 'Prefix' }, env: Env): Term {
  const f = ev.factory;
  const head = ev.eval(e.event, env);
  const timed = env.timed;
  // In a timed section the prefix may wait (tock) and is followed by f(e) tocks (timed.ts).
  const single = (id: EventId): Term =>
    timed === undefined
      ? f.prefix(id, ev.process(e.body, env))
      : timedPrefix(ev, timed, [id], () => ev.process(e.body, env), ev.closureKey(e, env));
  if (e.fields.length === 0) return single(ev.eventId(head, e.event.span));
  const headItems = dotItems(head);
  const channel = headItems[0];
  if (typeof channel !== 'object' || channel.t !== 'channel') {
    return fail('CSP3008', e.event.span, { expected: 'a channel', actual: typeName(head) });
  }
  if (ev.isInfiniteChannel(channel.name) && e.fields.every((x) => x.kind === 'OutputField')) {
    // Outputs only on a channel of infinite type: the one event is built, not looked up among all of them.
    const items = [
      ...headItems,
      ...e.fields.flatMap((x) => (x.kind === 'OutputField' ? dotItems(ev.eval(x.expr, env)) : [])),
    ];
    return f.prefix(ev.eventId(dot(items), e.span), ev.process(e.body, env));
  }
  if (ev.isInfiniteChannel(channel.name)) {
    const restricted = restrictedPrefix(ev, e, env, headItems);
    if (restricted !== undefined) return restricted;
  }
  const info = ev.channelInfo(channel.name, e.event.span);
  // Outputs before the first input extend the known part of the event: evaluated once, and the
  // candidates are looked up by that prefix (a channel may have 100,000s of events).
  const pre = headItems.slice(1);
  let first = 0;
  let candidates = candidatesWith(info, pre);
  for (; first < e.fields.length; first++) {
    const field = e.fields[first] as CommField;
    if (field.kind !== 'OutputField') break;
    const out = ev.eval(field.expr, env);
    pre.push(...dotItems(out));
    candidates = candidatesWith(info, pre);
    if (candidates.length === 0) return fail('CSP3004', field.expr.span, { value: short(out), channel: channel.name });
  }
  if (first === e.fields.length) {
    const only = candidates.find((c) => c.items.length === pre.length);
    if (only === undefined)
      return fail('CSP3004', e.span, { value: short(dot([channel, ...pre])), channel: channel.name });
    return single(only.id);
  }

  const accepted: EventId[] = [];
  const acceptedEvents = new Map<EventId, ChannelEvent>();
  let mismatch: { value: Value; span: Span } | undefined;
  // Some event carries every output: an empty choice then comes from the inputs (`c!0?y:{}`), a deadlock.
  let outputsCarried = false;
  const restrictions: Restrictions = new Map();
  const values = new Map<string, Value>();
  const fields = e.fields.slice(first);
  const state: MatchState = { restrictions, values };
  const nondeterministic = fields.some((x) => x.kind === 'InputField' && x.nondeterministic === true);
  const takesAll = takesEveryEvent(ev, fields) && !nondeterministic;
  /** `$x`: the accepted events by the values the process chose for its nondeterministic inputs. */
  const byChoice = new Map<string, EventId[]>();
  for (const cand of candidates) {
    // A channel may have 100,000s of events and each successor its own prefix: keep the time limit live.
    f.poll();
    const r =
      takesAll && cand.items.length > pre.length ? ALWAYS : matchFields(ev, fields, cand, pre.length, env, state);
    if (r.ok) {
      accepted.push(cand.id);
      acceptedEvents.set(cand.id, cand);
      if (nondeterministic) {
        // Grouped only for `$`: copying a list per event was quadratic on channels of 100,000s of events.
        const choice = keyOf(dot(r.chosen ?? []));
        const group = byChoice.get(choice);
        if (group === undefined) byChoice.set(choice, [cand.id]);
        else group.push(cand.id);
      }
    } else if (r.output !== undefined) {
      if (mismatch === undefined) mismatch = r.output;
    } else outputsCarried = true;
  }

  // `c?x:S` with a value of S that no event of the channel carries there: out of type (as FDR).
  for (const r of restrictions.values()) {
    for (const v of r.set.items) {
      if (!r.seen.has(keyOf(v))) return fail('CSP3004', r.span, { value: short(v), channel: channel.name });
    }
  }
  if (accepted.length === 0 && mismatch !== undefined && !outputsCarried) {
    // An output no event of the channel carries, whatever the inputs: out of type.
    return fail('CSP3004', mismatch.span, { value: short(mismatch.value), channel: channel.name });
  }
  const events: EventSet = f.eventSet(accepted);
  // Bindings are recomputed for the event taken (keeping them for every offered event costs a map each).
  const next = (id: EventId): Term => {
    const inner = env.child();
    const cand = acceptedEvents.get(id) as ChannelEvent;
    for (const [k, v] of matchFields(ev, fields, cand, pre.length, env, state).binds) inner.define(k, v);
    return ev.process(e.body, inner);
  };
  const key = ev.closureKey(e, env);
  if (nondeterministic && timed !== undefined)
    return fail('CSP3014', e.span, {
      fn: 'nondeterministic input $',
      problem: 'FDR does not allow it in a timed section',
    });
  if (timed !== undefined) return timedPrefix(ev, timed, events, next, key);
  if (nondeterministic) {
    // `c$x -> P`: an internal choice of x, then the environment's choice among the rest (`?` fields);
    // as `|~| x:{} @ …`, an internal choice over no value is an error (FDR).
    if (byChoice.size === 0) {
      const field = e.fields.find((x) => x.kind === 'InputField' && x.nondeterministic === true) ?? e;
      return fail('CSP3006', field.span);
    }
    const text = prefixText(ev, e, head);
    const branches = [...byChoice].map(([choice, ids]) =>
      f.prefixChoice(f.eventSet(ids), next, `${key}$${choice}`, text),
    );
    return branches.length === 1 ? (branches[0] as Term) : f.intChoice(branches);
  }
  return f.prefixChoice(events, next, key, prefixText(ev, e, head));
}

/** `c?x:S -> P` on a channel of infinite type: the events its sets allow (infinite-prefix.ts). */
function restrictedPrefix(
  ev: Evaluator,
  e: Expr & { kind: 'Prefix' },
  env: Env,
  headItems: readonly Value[],
): Term | undefined {
  const choices = restrictedChoices(ev, e.fields, env);
  if (choices === undefined) return undefined;
  const binds = new Map<EventId, ReadonlyMap<string, Value>>();
  for (const c of choices) {
    const id = ev.eventId(dot([...headItems, ...c.items]), e.span);
    if (!binds.has(id)) binds.set(id, c.binds);
  }
  const next = (id: EventId): Term => {
    const inner = env.child();
    for (const [k, v] of binds.get(id) ?? []) inner.define(k, v);
    return ev.process(e.body, inner);
  };
  const events = ev.factory.eventSet([...binds.keys()]);
  const key = ev.closureKey(e, env);
  if (env.timed !== undefined) return timedPrefix(ev, env.timed, events, next, key);
  return ev.factory.prefixChoice(events, next, key, prefixText(ev, e, dot(headItems)));
}

const ALWAYS: FieldMatch = { ok: true, binds: new Map() };

/** `c?x` (one plain input variable or `_` taking the rest of the event): every candidate matches. */
function takesEveryEvent(ev: Evaluator, fields: readonly CommField[]): boolean {
  if (fields.length !== 1) return false;
  const only = fields[0] as CommField;
  if (only.kind !== 'InputField' || only.restriction !== null) return false;
  const p = only.pattern;
  return p.kind === 'PWildcard' || (p.kind === 'PVar' && ev.constant(p.name) === undefined);
}

interface FieldMatch {
  readonly ok: boolean;
  readonly binds: Map<string, Value>;
  readonly output?: { value: Value; span: Span };
  /** The components the nondeterministic inputs (`$x`) took, in order. */
  readonly chosen?: Value[];
}

/** Per restricted input (field index and the bindings before it): its set and the values some event carries there. */
type Restrictions = Map<string, { readonly set: SetValue; readonly seen: Set<string>; readonly span: Span }>;

/** Per prefix evaluation: restricted inputs seen so far, and field values by field and bindings (evaluated once each). */
interface MatchState {
  readonly restrictions: Restrictions;
  readonly values: Map<string, Value>;
}

function matchFields(
  ev: Evaluator,
  fields: readonly CommField[],
  cand: ChannelEvent,
  start: number,
  env: Env,
  state: MatchState,
): FieldMatch {
  const { restrictions } = state;
  const binds = new Map<string, Value>();
  const chosen: Value[] = [];
  const items = cand.items;
  let pos = start;
  for (let k = 0; k < fields.length; k++) {
    const field = fields[k] as CommField;
    if (pos >= items.length) return { ok: false, binds };
    if (field.kind === 'InputField') {
      let end: number;
      if (field.restriction !== null) {
        // `?p:S`: the value is one of S's, however many components it has.
        const set = asSet(fieldValue(ev, field.restriction, k, env, binds, state), field.restriction.span);
        const groupKey = `${k}|${keyOf(dot(items.slice(0, pos)))}`;
        let group = restrictions.get(groupKey);
        if (group === undefined)
          restrictions.set(groupKey, (group = { set, seen: new Set(), span: field.restriction.span }));
        end = restrictedEnd(ev, set, items, pos);
        if (end < 0) return { ok: false, binds };
        group.seen.add(keyOf(dot(items.slice(pos, end))));
      } else end = inputEnd(ev, field.pattern, items, pos, k === fields.length - 1);
      const v = dot(items.slice(pos, end));
      if (!match(ev, field.pattern, v, binds)) return { ok: false, binds };
      if (field.nondeterministic === true) chosen.push(v);
      pos = end;
    } else {
      const out = dotItems(fieldValue(ev, field.expr, k, env, binds, state));
      for (let k = 0; k < out.length; k++) {
        const it = items[pos + k];
        if (it === undefined || keyOf(it) !== keyOf(out[k] as Value)) {
          return { ok: false, binds, output: { value: dot(out), span: field.expr.span } };
        }
      }
      pos += out.length;
    }
  }
  return { ok: true, binds, chosen };
}

/**
 * End of the components an unrestricted input `?p` takes at `pos`: a dotted
 * pattern `?B.x.y` takes one item per constant head and one component per
 * other part (libcspm splits it into fields); the last part of the last field
 * takes the rest of the event (libcspm's `extensions`).
 */
function inputEnd(ev: Evaluator, p: Pattern, items: readonly Value[], pos: number, lastField: boolean): number {
  const parts = p.kind === 'PDot' ? p.items : [p];
  let end = pos;
  for (let j = 0; j < parts.length; j++) {
    const part = parts[j] as Pattern;
    if (part.kind === 'PVar' && ev.constant(part.name) !== undefined) end += 1;
    else if (lastField && j === parts.length - 1) end = items.length;
    else end = ev.componentEnd(items, end);
  }
  return Math.min(end, items.length);
}

/** End of the value of `set` that the event continues with at `pos` (-1: none). */
function restrictedEnd(ev: Evaluator, set: SetValue, items: readonly Value[], pos: number): number {
  const end = ev.componentEnd(items, pos);
  if (setHas(set, dot(items.slice(pos, end)))) return end;
  for (const v of set.items) {
    const parts = dotItems(v);
    if (startsWithKeys(items.slice(pos), parts)) return pos + parts.length;
  }
  return -1;
}

/** The value of field k's expression under the bindings so far, computed once per distinct bindings. */
function fieldValue(
  ev: Evaluator,
  expr: Expr,
  k: number,
  env: Env,
  binds: Map<string, Value>,
  state: MatchState,
): Value {
  let key = `${k}`;
  for (const [name, v] of binds) key += `|${name}=${keyOf(v)}`;
  let v = state.values.get(key);
  if (v === undefined) {
    v = ev.eval(expr, binds.size === 0 ? env : bindAll(env, binds));
    state.values.set(key, v);
  }
  return v;
}

function bindAll(env: Env, binds: Map<string, Value>): Env {
  const inner = env.child();
  for (const [k, v] of binds) inner.define(k, v);
  return inner;
}

/** Short CSPm-like text for a `c?x` state, used by the printer for large choices. */
function prefixText(ev: Evaluator, e: Expr & { kind: 'Prefix' }, head: Value): string {
  const fields = e.fields
    .map((x) => (x.kind === 'InputField' ? `${x.nondeterministic === true ? '$' : '?'}${patText(x.pattern)}` : '!…'))
    .join('');
  return `${ev.show(head)}${fields} -> …`;
}

function patText(p: { kind: string; name?: string }): string {
  return p.kind === 'PVar' && p.name !== undefined ? p.name : '_';
}
