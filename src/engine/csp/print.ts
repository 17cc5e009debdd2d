/**
 * Prints any term (any state of the semantics) back as a CSPm process
 * expression, so the simulator, debugger and counterexamples can show states.
 *
 * - Calls print as `P` or `P(1, 2)`.
 * - Operands that are not atomic are parenthesised, so the text parses back to
 *   an equivalent process whatever FDR's precedences are. n-ary parallels print
 *   as a chain of the binary operator, which denotes the same process.
 * - Ω, the state after ✓, has no CSPm syntax. As a component of a parallel
 *   composition it prints as `SKIP`: it is waiting for the others to terminate,
 *   which is exactly what SKIP there does (up to the one τ that turns SKIP into Ω).
 *   Anywhere else (the whole process has terminated) it prints as `STOP`, the
 *   process that does nothing more.
 * - `c?x -> P(x)` states print as `c?_:{0, 1} -> P` when every branch leads to
 *   the same state, otherwise as the external choice of their branches
 *   (`c.0 -> P(0) [] c.1 -> P(1)`, the same process) when they offer at most
 *   `maxExpanded` events; beyond that the evaluator's short `text`
 *   (`c?x -> …`) is used, which is a description rather than a term.
 * - Event sets print as `{| c, d.1 |}` when they contain whole channels.
 */
import { EvaluationError } from './errors';
import type { EventTable } from './events';
import type { EventSet, Term } from './terms';
import { showValue } from './values';

export interface PrintOptions {
  /** Largest `c?x` choice printed as explicit branches (default 16). */
  readonly maxExpanded?: number;
}

type Ctx = 'top' | 'operand' | 'parallel';

export function printTerm(t: Term, events: EventTable, options: PrintOptions = {}): string {
  const maxExpanded = options.maxExpanded ?? 16;
  const ev = (e: number): string => events.text(e);

  const set = (s: EventSet): string => printEventSet(s, events);

  const atomic = (t: Term): boolean => {
    const op = t.node.op;
    return (
      op === 'stop' ||
      op === 'skip' ||
      op === 'div' ||
      op === 'omega' ||
      op === 'run' ||
      op === 'chaos' ||
      op === 'call' ||
      op === 'prioritise' ||
      op === 'prioritisePo' ||
      op === 'compress'
    );
  };

  const operand = (x: Term, ctx: Ctx = 'operand'): string => {
    const s = go(x, ctx);
    return atomic(x) ? s : `(${s})`;
  };

  const go = (t: Term, ctx: Ctx): string => {
    const n = t.node;
    switch (n.op) {
      case 'stop':
        return 'STOP';
      case 'skip':
        return 'SKIP';
      case 'div':
        return 'DIV';
      case 'omega':
        return ctx === 'parallel' ? 'SKIP' : 'STOP';
      case 'run':
        return `RUN(${set(n.set)})`;
      case 'chaos':
        return `CHAOS(${set(n.set)})`;
      case 'prefix': {
        const next = n.next();
        const tail = next.node.op === 'prefix' ? go(next, 'operand') : operand(next);
        return `${ev(n.event)} -> ${tail}`;
      }
      case 'prefixChoice': {
        if (n.events.length === 0) return 'STOP';
        try {
          const compact = sameContinuation(n.events, n.next, events);
          if (compact !== undefined) return `${compact.prefix} -> ${operand(compact.next)}`;
          if (n.events.length > maxExpanded) return n.text;
          return n.events.map((e) => `${ev(e)} -> ${operand(n.next(e))}`).join(' [] ');
        } catch (err) {
          // A continuation that fails to evaluate is reported by the semantics
          // when it is reached; printing the state must not fail because of it.
          if (err instanceof EvaluationError) return n.text;
          throw err;
        }
      }
      case 'extChoice':
        return n.items.map((x) => operand(x)).join(' [] ');
      case 'intChoice':
        return n.items.length === 1
          ? `|~| _ : {0} @ ${operand(n.items[0] as Term)}`
          : n.items.map((x) => operand(x)).join(' |~| ');
      case 'seq':
        return `${operand(n.first)} ; ${operand(n.second)}`;
      case 'interrupt':
        return `${operand(n.left)} /\\ ${operand(n.right)}`;
      case 'sliding':
        return `${operand(n.left)} [> ${operand(n.right)}`;
      case 'interleave':
        return n.items.map((x) => operand(x, 'parallel')).join(' ||| ');
      case 'genPar':
        return n.items.map((x) => operand(x, 'parallel')).join(` [| ${set(n.sync)} |] `);
      case 'alphaPar': {
        // P1 [A1 || A2 ∪ … ∪ An] (P2 [A2 || …] (…)): the same process, in binary form.
        const k = n.items.length;
        let acc = operand(n.items[k - 1] as Term, 'parallel');
        let accAlpha = [...(n.alphas[k - 1] as EventSet)];
        for (let i = k - 2; i >= 0; i--) {
          const a = n.alphas[i] as EventSet;
          const right = i === k - 2 ? acc : `(${acc})`;
          acc = `${operand(n.items[i] as Term, 'parallel')} [${set(a)} || ${set(accAlpha)}] ${right}`;
          accAlpha = sortedUnion(accAlpha, a);
        }
        return acc;
      }
      case 'hide':
        return `${operand(n.body)} \\ ${set(n.set)}`;
      case 'rename':
        return `${operand(n.body)} [[ ${n.pairs.map(([a, b]) => `${ev(a)} <- ${ev(b)}`).join(', ')} ]]`;
      case 'call':
        // a process argument (loop(P), trace_watchdog(P, A, e)) prints as a term, not as an opaque value
        return n.args.length === 0
          ? n.name
          : `${n.name}(${n.args.map((a) => (typeof a === 'object' && a.t === 'proc' ? go(a.term, 'top') : showValue(a))).join(', ')})`;
      case 'linkPar': {
        const links = n.pairs.map(([a, b]) => `${ev(a)} <-> ${ev(b)}`).join(', ');
        return `${operand(n.left, 'parallel')} [${links}] ${operand(n.right, 'parallel')}`;
      }
      case 'exception':
        return `${operand(n.left)} [| ${set(n.set)} |> ${operand(n.right)}`;
      case 'syncExtChoice':
        return n.items.map((x) => operand(x)).join(` [+ ${set(n.sync)} +] `);
      case 'syncInterrupt':
        return `${operand(n.left)} /+ ${set(n.set)} +\\ ${operand(n.right)}`;
      case 'prioritise':
        return `prioritise(${go(n.body, 'top')}, <${n.levels.map(set).join(', ')}>)`;
      case 'compress':
        return `${n.method}(${go(n.body, 'top')})`;
      case 'prioritisePo': {
        // E is every event the order or τ mentions; M the events of E that τ does not outrank.
        const mentioned = new Set<number>([...n.belowTau, ...n.order.flatMap(([a, b]) => [a, b])]);
        const below = new Set(n.belowTau);
        const all = [...mentioned].sort((a, b) => a - b);
        const order = n.order.map(([a, b]) => `(${ev(a)}, ${ev(b)})`).join(', ');
        return `prioritisepo(${go(n.body, 'top')}, ${set(all)}, {${order}}, ${set(all.filter((e) => !below.has(e)))})`;
      }
    }
  };

  return go(t, 'top');
}

/** `{a, b.1}`, or `{| c, d.1 |}` when whole channels are included. */
export function printEventSet(s: EventSet, events: EventTable): string {
  if (s.length === 0) return '{}';
  const members = new Set(s);
  const wholeChannels: string[] = [];
  const covered = new Set<number>();
  for (const e of s) {
    const v = events.value(e);
    if (v === undefined || typeof v !== 'object') continue;
    const head = v.t === 'dot' ? v.items[0] : v;
    if (head === undefined || typeof head !== 'object' || head.t !== 'channel') continue;
    if (wholeChannels.includes(head.name)) continue;
    const all = events.channelEvents(head.name);
    if (all.length > 1 && all.every((x) => members.has(x))) {
      wholeChannels.push(head.name);
      for (const x of all) covered.add(x);
    }
  }
  if (wholeChannels.length === 0) return `{${s.map((e) => events.text(e)).join(', ')}}`;
  const rest = s.filter((e) => !covered.has(e)).map((e) => events.text(e));
  return `{| ${[...wholeChannels, ...rest].join(', ')} |}`;
}

/**
 * `c?x:{0, 1} -> P` when every offered event is `c.v` for one channel c and a
 * single component v, and all lead to the same state P (the common `c?x -> P`
 * with x unused, or after `[[ ]]`-free inputs): the same process, compactly.
 */
function sameContinuation(
  es: EventSet,
  next: (e: number) => Term,
  events: EventTable,
): { prefix: string; next: Term } | undefined {
  const first = es[0];
  if (first === undefined || es.length < 2) return undefined;
  const target = next(first);
  let channel: string | undefined;
  const comps: string[] = [];
  for (const e of es) {
    const v = events.value(e);
    if (v === undefined || typeof v !== 'object' || v.t !== 'dot' || v.items.length !== 2) return undefined;
    const [head, comp] = v.items;
    if (head === undefined || comp === undefined || typeof head !== 'object' || head.t !== 'channel') return undefined;
    if (channel !== undefined && channel !== head.name) return undefined;
    channel = head.name;
    if (next(e) !== target) return undefined;
    comps.push(showValue(comp));
  }
  return { prefix: `${channel}?_:{${comps.join(', ')}}`, next: target };
}

function sortedUnion(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}
