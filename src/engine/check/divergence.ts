/**
 * Which states of a system diverge: a state diverges when it can reach a
 * τ-cycle by τ steps alone. Tarjan's strongly connected components over the
 * τ-edges, iterative (no recursion depth limit), memoised across calls so a
 * whole state space costs linear time overall.
 */
import { SuccBuffer, type System } from './system';

const UNKNOWN = 0;
const CALM = 1;
const DIVERGENT = 2;

export class DivergenceOracle {
  private status = new Uint8Array(1024);
  private readonly buf = new SuccBuffer();

  constructor(private readonly sys: System) {}

  isDivergent(start: number): boolean {
    if (!this.sys.hasTau) return false;
    this.ensure(start);
    const known = this.status[start] as number;
    if (known !== UNKNOWN) return known === DIVERGENT;
    this.tarjan(start);
    return this.status[start] === DIVERGENT;
  }

  private ensure(i: number): void {
    if (i < this.status.length) return;
    let n = this.status.length;
    while (n <= i) n *= 2;
    const next = new Uint8Array(n);
    next.set(this.status);
    this.status = next;
  }

  private tauTargets(i: number): number[] {
    const n = this.sys.successors(i, this.buf);
    const out: number[] = [];
    for (let k = 0; k < n; k++) {
      if (this.buf.events[k] !== 0) break; // τ comes first (rules are sorted by event)
      out.push(this.buf.targets[k] as number);
    }
    return out;
  }

  private tarjan(root: number): void {
    const index = new Map<number, number>();
    const low = new Map<number, number>();
    const onStack = new Set<number>();
    const stack: number[] = [];
    const frames: { v: number; succ: number[]; at: number; selfLoop: boolean }[] = [];
    let counter = 0;
    const open = (v: number): void => {
      index.set(v, counter);
      low.set(v, counter);
      counter++;
      stack.push(v);
      onStack.add(v);
      const succ = this.tauTargets(v);
      frames.push({ v, succ, at: 0, selfLoop: succ.includes(v) });
    };
    open(root);
    while (frames.length > 0) {
      const fr = frames[frames.length - 1] as (typeof frames)[number];
      if (fr.at < fr.succ.length) {
        const w = fr.succ[fr.at++] as number;
        this.ensure(w);
        if (this.status[w] !== UNKNOWN) continue;
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(fr.v, Math.min(low.get(fr.v) as number, index.get(w) as number));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent !== undefined) low.set(parent.v, Math.min(low.get(parent.v) as number, low.get(fr.v) as number));
      if (low.get(fr.v) !== index.get(fr.v)) continue;
      // fr.v roots an SCC: pop it and decide it as a whole
      const members: number[] = [];
      let w: number;
      do {
        w = stack.pop() as number;
        onStack.delete(w);
        members.push(w);
      } while (w !== fr.v);
      let divergent = members.length > 1 || fr.selfLoop;
      if (!divergent) {
        // a lone state: its τ-successors are all decided already (SCCs close in reverse topological order)
        for (const t of fr.succ) if (this.status[t] === DIVERGENT) divergent = true;
      }
      for (const m of members) this.status[m] = divergent ? DIVERGENT : CALM;
    }
  }
}
