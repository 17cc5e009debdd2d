/**
 * Explore from here: the states a paused run can reach, breadth first, within
 * a number of steps and a number of states. Each state is the tuple of the
 * components' terms (the scheduler's own state, so the same tuple is the same
 * state); each transition is one enabled item with one branch, exactly what
 * `NetworkRun.choose(index, branch)` would fire, so a path found here replays
 * in the run step by step.
 *
 * Findings: deadlocks (nothing enabled, not terminated), evaluation errors,
 * and divergences (a cycle of τ and hidden events among the states found).
 * Code nodes (scripts, agents, built-ins) keep state outside CSP that cannot
 * be copied, so a network with one is refused with their names.
 *
 * The work is done in slices (`advance(budget)`), so a caller can report
 * progress and cancel between them.
 */
import type { NetworkSpec } from './network';
import { printComponent } from './run-view';
import { Scheduler } from './scheduler';
import { XorShiftRng } from '../rng';

export interface ExploreLimits {
  /** Steps from the starting state (1..1000). */
  readonly maxDepth: number;
  /** States kept (1..100,000); beyond it the search stops with `truncated`. */
  readonly maxStates: number;
}

/** open: expanded; frontier: not expanded (at the depth or state limit). */
export type ExploredStatus = 'open' | 'frontier' | 'deadlock' | 'terminated' | 'error';

export interface ExploredState {
  readonly id: number;
  readonly depth: number;
  status: ExploredStatus;
  /** Each component's term as CSPm, in the network's component order. */
  readonly terms: readonly string[];
  /** For `error`: what failed. */
  error?: string;
  /** The transition that first reached it (its place in `edges`); -1 for the start. */
  readonly via: number;
}

export interface ExploredEdge {
  readonly from: number;
  readonly to: number;
  /** CSPm text: an event, `τ` or `✓`. */
  readonly event: string;
  /** A τ or a hidden event (what makes a divergence). */
  readonly silent: boolean;
  /** The enabled item's index and branch in the `from` state (run.step's index and branch). */
  readonly index: number;
  readonly branch: number;
}

export interface ExploreFinding {
  readonly kind: 'deadlock' | 'divergence' | 'error';
  /** The state it happens in (for a divergence, one state of the τ cycle). */
  readonly state: number;
  readonly message: string;
}

export interface ExploreResult {
  readonly components: readonly string[];
  readonly states: readonly ExploredState[];
  readonly edges: readonly ExploredEdge[];
  readonly findings: readonly ExploreFinding[];
  /** The state limit stopped the search before every state within the depth was seen. */
  readonly truncated: boolean;
  readonly maxDepth: number;
}

/** Why a network cannot be explored (its code nodes), or undefined. */
export function unexplorable(spec: NetworkSpec): string | undefined {
  const code = spec.components.filter((c) => c.code !== undefined).map((c) => c.name);
  if (code.length === 0) return undefined;
  const shown = code.slice(0, 6).join(', ') + (code.length > 6 ? ` and ${code.length - 6} more` : '');
  return `explore from here needs every process to be CSP, and ${shown} ${code.length === 1 ? 'is a code node' : 'are code nodes'} (a script, an agent or a built-in) whose state cannot be copied; check the workflow instead (its checks see code nodes as their contracts)`;
}

export class Exploration {
  private readonly sched: Scheduler;
  private readonly keys = new Map<string, number>();
  private readonly ids: (readonly number[])[] = [];
  private readonly terminatedAt: boolean[] = [];
  readonly states: ExploredState[] = [];
  readonly edges: ExploredEdge[] = [];
  private next = 0;
  private truncated = false;
  /** Per expanded state, where its transitions begin in `edges` and end (they are added state by state). */
  private readonly edgeRange = new Map<number, readonly [number, number]>();

  constructor(
    private readonly spec: NetworkSpec,
    start: { readonly terms: readonly number[]; readonly terminated: boolean },
    readonly limits: ExploreLimits,
  ) {
    const why = unexplorable(spec);
    if (why !== undefined) throw new Error(why);
    // Every transition is fired with its branch, so the generator is never asked.
    this.sched = new Scheduler(spec, new XorShiftRng(1));
    this.sched.recording = false;
    this.add([...start.terms], start.terminated, 0, -1);
  }

  get done(): boolean {
    return this.next >= this.states.length;
  }

  /** The deepest step reached so far. */
  get depth(): number {
    return this.states[this.states.length - 1]?.depth ?? 0;
  }

  /** Expands up to `budget` states; true when the search is over. */
  advance(budget: number): boolean {
    for (let n = 0; n < budget && !this.done; n++) this.expand(this.next++);
    return this.done;
  }

  result(): ExploreResult {
    return {
      components: this.sched.names,
      states: this.states,
      edges: this.edges,
      findings: [...this.stuckFindings(), ...this.divergences()],
      truncated: this.truncated,
      maxDepth: this.limits.maxDepth,
    };
  }

  /** The transitions from the start to state `id` (along the first way it was reached). */
  pathTo(id: number): ExploredEdge[] {
    const path: ExploredEdge[] = [];
    for (let via = this.states[id]?.via ?? -1; via >= 0; via = this.states[this.edges[via]!.from]!.via)
      path.push(this.edges[via]!);
    return path.reverse();
  }

  /** The transitions out of state `id` (none while it is not expanded). */
  outOf(id: number): ExploredEdge[] {
    const range = this.edgeRange.get(id);
    return range === undefined ? [] : this.edges.slice(range[0], range[1]);
  }

  // ------------------------------------------------------------------ internals

  private restore(id: number): void {
    this.sched.restore(this.ids[id]!, 0, this.terminatedAt[id]!);
  }

  private add(terms: readonly number[], terminated: boolean, depth: number, via: number): number {
    const key = `${terms.join(',')}${terminated ? '✓' : ''}`;
    const known = this.keys.get(key);
    if (known !== undefined) return known;
    const id = this.states.length;
    this.keys.set(key, id);
    this.ids.push(terms);
    this.terminatedAt.push(terminated);
    this.restore(id);
    const printed = this.sched.names.map((_, c) => printComponent(this.sched, c, this.spec.events));
    this.states.push({ id, depth, status: 'frontier', terms: printed, via });
    return id;
  }

  private expand(id: number): void {
    const state = this.states[id]!;
    this.restore(id);
    const items = this.sched.enabledItems();
    if (items.length === 0) {
      state.status = this.sched.terminated || this.sched.allDone ? 'terminated' : 'deadlock';
      return;
    }
    if (state.depth >= this.limits.maxDepth) return;
    state.status = 'open';
    const first = this.edges.length;
    for (let index = 0; index < items.length; index++) {
      const item = items[index]!;
      for (let branch = 0; branch < item.branches; branch++) {
        this.restore(id);
        try {
          this.sched.fireIndex(index, branch);
        } catch (e) {
          state.status = 'error';
          state.error = `${item.text}: ${e instanceof Error ? e.message : String(e)}`;
          continue;
        }
        const terms = this.sched.terms().map((t) => t.id);
        const silent = item.kind === 'tau' || item.hidden;
        const edge = this.edges.length;
        const known = this.keys.get(`${terms.join(',')}${this.sched.terminated ? '✓' : ''}`);
        if (known === undefined && this.states.length >= this.limits.maxStates) {
          this.truncated = true;
          continue;
        }
        const to = known ?? this.add(terms, this.sched.terminated, state.depth + 1, edge);
        this.edges.push({ from: id, to, event: item.text, silent, index, branch });
      }
    }
    this.edgeRange.set(id, [first, this.edges.length]);
  }

  private stuckFindings(): ExploreFinding[] {
    const out: ExploreFinding[] = [];
    for (const s of this.states) {
      if (s.status === 'deadlock')
        out.push({ kind: 'deadlock', state: s.id, message: `deadlock after ${s.depth} steps (state ${s.id})` });
      else if (s.status === 'error')
        out.push({ kind: 'error', state: s.id, message: `error after ${s.depth} steps: ${s.error ?? ''}` });
    }
    return out;
  }

  /** One finding per cycle of silent transitions (strongly connected, or a silent loop on one state). */
  private divergences(): ExploreFinding[] {
    const next: number[][] = this.states.map(() => []);
    for (const e of this.edges) if (e.silent) next[e.from]!.push(e.to);
    const index = new Int32Array(this.states.length).fill(-1);
    const low = new Int32Array(this.states.length);
    const onStack = new Uint8Array(this.states.length);
    const stack: number[] = [];
    const out: ExploreFinding[] = [];
    let counter = 0;
    // Iterative Tarjan: a state space can be deep enough to overflow the call stack.
    for (let root = 0; root < this.states.length; root++) {
      if (index[root] !== -1 || next[root]!.length === 0) continue;
      const work: [number, number][] = [[root, 0]];
      index[root] = low[root] = counter++;
      stack.push(root);
      onStack[root] = 1;
      while (work.length > 0) {
        const top = work[work.length - 1]!;
        const [v, i] = top;
        if (i < next[v]!.length) {
          top[1]++;
          const w = next[v]![i]!;
          if (index[w] === -1) {
            index[w] = low[w] = counter++;
            stack.push(w);
            onStack[w] = 1;
            work.push([w, 0]);
          } else if (onStack[w] === 1) low[v] = Math.min(low[v]!, index[w]!);
          continue;
        }
        work.pop();
        if (work.length > 0) {
          const parent = work[work.length - 1]![0];
          low[parent] = Math.min(low[parent]!, low[v]!);
        }
        if (low[v] !== index[v]) continue;
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        if (component.length > 1 || next[v]!.includes(v)) {
          const first = Math.min(...component);
          out.push({
            kind: 'divergence',
            state: first,
            message: `divergence: ${component.length} state${component.length === 1 ? '' : 's'} on a cycle of τ and hidden events (from state ${first}, after ${this.states[first]!.depth} steps)`,
          });
        }
      }
    }
    return out;
  }
}
