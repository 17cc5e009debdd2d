/**
 * Compressions that remove τ by grouping states into nodes that carry their
 * failures explicitly (FDR's generalised transition systems), then embed the
 * result back into a plain transition system for the network:
 *  - `normalise` (`normal`): the subset construction over τ-closures; one
 *    node per set of states a trace can lead to (the normal form).
 *  - `diamond`: diamond elimination; one node per state that is initial or
 *    the target of a visible event, standing for its τ-closure, with the
 *    closure's visible transitions.
 *  - `determinise` (`deter`): the normal form with every node made
 *    deterministic (it offers all its initials and refuses nothing else):
 *    the deterministic process with the same traces.
 *
 * A node's failures are its members' acceptances (csp/acceptance.ts),
 * those that revivals need kept (`revivalAcceptances`), and whether a member diverges. `embed` turns a node into
 * one stable state when it is deterministic (one acceptance: all its
 * initials; no divergence); otherwise into an unstable state offering every
 * initial, with a τ to one stable state per acceptance kept offering just
 * that acceptance (and a τ-loop if it diverges or has no acceptance at all).
 * That keeps traces, stable failures and divergences, so every check gives
 * the verdict it gives on the original.
 */
import { acceptanceOf, isSubset } from '../../csp/acceptance';
import { TAU } from '../../csp/terms';
import { divergentStates, LtsBuilder, type Lts } from './lts';

interface Node {
  /** event → target nodes (ascending events; ✓ included). */
  readonly next: Map<number, number[]>;
  readonly acceptances: readonly (readonly number[])[];
  readonly divergent: boolean;
  readonly omega: boolean;
  /** A member: the explored original state it stands for. */
  readonly rep: number;
}

class Builder {
  readonly nodes: Node[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly pending: { id: number; members: number[] }[] = [];
  private readonly div: Uint8Array;

  constructor(readonly lts: Lts) {
    this.div = divergentStates(lts);
  }

  closure(seeds: Iterable<number>): number[] {
    const lts = this.lts;
    const seen = new Set(seeds);
    const stack = [...seen];
    while (stack.length > 0) {
      const x = stack.pop() as number;
      for (let k = lts.start[x] as number; k < (lts.start[x + 1] as number) && lts.label[k] === TAU; k++) {
        const t = lts.target[k] as number;
        if (!seen.has(t)) {
          seen.add(t);
          stack.push(t);
        }
      }
    }
    return [...seen].sort((a, b) => a - b);
  }

  /** The node for `key`, created (and queued) with these members on first use. */
  node(key: string, members: () => number[]): number {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const id = this.nodes.length;
    this.byKey.set(key, id);
    this.nodes.push(undefined as unknown as Node);
    this.pending.push({ id, members: members() });
    return id;
  }

  /** Fills nodes breadth-first; `targets(e, states)` names the node(s) reached from those states by e. */
  run(targets: (event: number, states: number[]) => number[], deterministic: boolean): Node[] {
    const lts = this.lts;
    for (let q = 0; q < this.pending.length; q++) {
      const { id, members } = this.pending[q] as { id: number; members: number[] };
      const byEvent = new Map<number, number[]>();
      const accs: (readonly number[])[] = [];
      let divergent = false;
      let omega = true;
      for (const u of members) {
        const initials: number[] = [];
        let unstable = false;
        for (let k = lts.start[u] as number; k < (lts.start[u + 1] as number); k++) {
          const e = lts.label[k] as number;
          if (e === TAU) {
            unstable = true;
            continue;
          }
          if (initials[initials.length - 1] !== e) initials.push(e);
          let list = byEvent.get(e);
          if (list === undefined) byEvent.set(e, (list = []));
          list.push(lts.target[k] as number);
        }
        const acc = acceptanceOf({ initials, unstable, terminated: lts.omega[u] === 1 });
        if (acc !== undefined) accs.push(acc);
        if (this.div[u] === 1) divergent = true;
        if (lts.omega[u] !== 1) omega = false;
      }
      const events = [...byEvent.keys()].sort((a, b) => a - b);
      const next = new Map<number, number[]>();
      for (const e of events) next.set(e, targets(e, byEvent.get(e) as number[]));
      this.nodes[id] = {
        next,
        acceptances: deterministic ? [events] : revivalAcceptances(accs),
        divergent: deterministic ? false : divergent,
        omega,
        rep: lts.rep[members[0] as number] as number,
      };
    }
    return this.nodes;
  }
}

/**
 * The acceptances a node needs for failures and revivals: the distinct ones,
 * without a non-empty set that is the union of others inside it (every
 * revival it gives, another set inside it gives too; minimal acceptances,
 * enough for failures, would lose which event is accepted while what refuses).
 */
export function revivalAcceptances(accs: readonly (readonly number[])[]): number[][] {
  const byKey = new Map<string, number[]>();
  for (const a of accs) byKey.set(a.join(','), [...a]);
  const sets = [...byKey.values()].sort((x, y) => x.length - y.length || x.join(',').localeCompare(y.join(',')));
  return sets.filter((b) => {
    if (b.length === 0) return true;
    const covered = new Set<number>();
    for (const o of sets) if (o.length < b.length && isSubset(o, b)) for (const e of o) covered.add(e);
    return covered.size < b.length;
  });
}

export function normalise(lts: Lts, deterministic = false): Lts {
  const b = new Builder(lts);
  const byMembers = (states: number[]): number => {
    const members = b.closure(states);
    return b.node(members.join(','), () => members);
  };
  byMembers([0]);
  return embed(
    b.run((_, states) => [byMembers(states)], deterministic),
    lts.termOf,
  );
}

export function determinise(lts: Lts): Lts {
  return normalise(lts, true);
}

export function diamond(lts: Lts): Lts {
  const b = new Builder(lts);
  const entry = (s: number): number => b.node(String(s), () => b.closure([s]));
  entry(0);
  return embed(
    b.run((_, states) => [...new Set(states)].sort((x, y) => x - y).map(entry), false),
    lts.termOf,
  );
}

/** Plain transition system for the nodes (node 0 first); `termOf` prints the originals. */
function embed(nodes: readonly Node[], termOf: Lts['termOf']): Lts {
  // main state of node i is i; its acceptance states are numbered after all main states
  const out = new LtsBuilder(termOf);
  const extra: { node: Node; acc: readonly number[] }[] = [];
  nodes.forEach((node, i) => {
    for (const [e, ts] of node.next) for (const t of ts) out.add(e, t);
    const events = [...node.next.keys()];
    const only = node.acceptances.length === 1 ? (node.acceptances[0] as readonly number[]) : undefined;
    const deterministic = node.omega || (!node.divergent && only !== undefined && only.length === events.length);
    if (!deterministic) {
      if (node.divergent || node.acceptances.length === 0) out.add(TAU, i);
      for (const acc of node.acceptances) {
        out.add(TAU, nodes.length + extra.length);
        extra.push({ node, acc });
      }
    }
    out.end(node.omega, node.rep);
  });
  for (const { node, acc } of extra) {
    for (const e of acc) for (const t of node.next.get(e) ?? []) out.add(e, t);
    out.end(false, node.rep);
  }
  return out.build();
}
