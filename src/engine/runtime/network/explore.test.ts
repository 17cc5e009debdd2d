import { describe, expect, it } from 'vitest';
import { Explorer } from '../../csp/explore';
import { Semantics } from '../../csp/semantics';
import { networkFromCspm } from './load';
import { networkOf } from './network';
import { alphabetisedPhilosophers } from './philosophers';
import { NetworkRun } from './run';
import { exploreToDot } from './explore-dot';
import { unexplorable } from './explore';

/** Every state the whole system term reaches, by the semantics alone (independent of the scheduler). */
function reachableBySemantics(p: ReturnType<typeof alphabetisedPhilosophers>): number {
  const explorer = new Explorer(new Semantics(p.factory), p.events);
  const seen = new Set<number>([explorer.root(p.system).id]);
  const todo = [...seen];
  while (todo.length > 0) {
    for (const s of explorer.successors(todo.pop()!)) {
      if (seen.has(s.target.id)) continue;
      seen.add(s.target.id);
      todo.push(s.target.id);
    }
  }
  return seen.size;
}

function philosophersRun(
  n: number,
  butler: boolean,
): { run: NetworkRun; p: ReturnType<typeof alphabetisedPhilosophers> } {
  const p = alphabetisedPhilosophers(n, butler);
  return { run: new NetworkRun(networkOf(p.system, p.factory, p.events), { seed: 1 }), p };
}

describe('explore from here', () => {
  it('finds every state the semantics reaches, and the deadlock, from the start of the philosophers', () => {
    const { run, p } = philosophersRun(3, false);
    const x = run.explore({ maxDepth: 1000, maxStates: 100_000 });
    x.advance(Number.MAX_SAFE_INTEGER);
    const result = x.result();
    expect(result.truncated).toBe(false);
    expect(result.states).toHaveLength(reachableBySemantics(p));
    const deadlocks = result.findings.filter((f) => f.kind === 'deadlock');
    expect(deadlocks).toHaveLength(1);
    // The run itself did not move.
    expect(run.seq).toBe(0);

    // The path to the deadlock replays in the run, step by step, and the run deadlocks there.
    for (const e of x.pathTo(deadlocks[0]!.state)) run.choose(e.index, e.branch);
    expect(run.status().reason).toBe('deadlock');
    expect(run.seq).toBe(result.states[deadlocks[0]!.state]!.depth);
  });

  it('starts where the run stands, and with a butler finds no deadlock', () => {
    const { run } = philosophersRun(3, true);
    run.run(25);
    const x = run.explore({ maxDepth: 1000, maxStates: 100_000 });
    x.advance(Number.MAX_SAFE_INTEGER);
    const result = x.result();
    expect(result.findings).toEqual([]);
    expect(result.states[0]!.terms).toEqual(run.processStates().map((s) => s.state));
    expect(run.seq).toBe(25);
  });

  it('stops at the step limit and at the state limit, leaving a frontier', () => {
    const { run } = philosophersRun(4, false);
    const shallow = run.explore({ maxDepth: 2, maxStates: 100_000 });
    shallow.advance(Number.MAX_SAFE_INTEGER);
    const r = shallow.result();
    expect(Math.max(...r.states.map((s) => s.depth))).toBe(2);
    expect(r.states.some((s) => s.status === 'frontier')).toBe(true);
    expect(r.truncated).toBe(false);

    const small = run.explore({ maxDepth: 1000, maxStates: 10 });
    // In slices, as the worker does it.
    let slices = 0;
    while (!small.advance(3)) slices++;
    expect(slices).toBeGreaterThan(0);
    expect(small.result().states).toHaveLength(10);
    expect(small.result().truncated).toBe(true);
  });

  it('finds a divergence: a cycle of hidden events', () => {
    const net = networkFromCspm('channel a, b\nP = a -> b -> P\nSYSTEM = P \\ {a, b}\n');
    if (!net.ok) throw new Error(net.errors.join('\n'));
    const x = new NetworkRun(net.spec).explore({ maxDepth: 10, maxStates: 100 });
    x.advance(100);
    const found = x.result().findings;
    expect(found.map((f) => f.kind)).toEqual(['divergence']);
    expect(found[0]!.message).toMatch(/^divergence: 2 states on a cycle of τ and hidden events/);
  });

  it('refuses code nodes by name', () => {
    const { p } = philosophersRun(2, false);
    const spec = networkOf(p.system, p.factory, p.events);
    const withCode = {
      ...spec,
      components: spec.components.map((c, i) => (i === 0 ? { ...c, code: () => null as never } : c)),
    };
    expect(unexplorable(withCode)).toMatch(/PHIL\(0\) is a code node/);
    expect(() => new NetworkRun(withCode as typeof spec).explore({ maxDepth: 1, maxStates: 1 })).toThrow(
      /explore from here needs every process to be CSP/,
    );
  });
});

describe('the explored graph as DOT', () => {
  it('is a digraph with a node per state and an edge per transition, quoting CSPm safely', () => {
    const net = networkFromCspm('channel a, b\nP = a -> (b -> STOP [] a -> P)\nSYSTEM = P \\ {b}\n');
    if (!net.ok) throw new Error(net.errors.join('\n'));
    const x = new NetworkRun(net.spec).explore({ maxDepth: 10, maxStates: 100 });
    x.advance(100);
    const result = x.result();
    const dot = exploreToDot(result, 'say "hi"');
    const graph = parseDot(dot);
    expect(graph.name).toBe('say "hi"');
    expect(graph.nodes.size).toBe(result.states.length);
    expect(graph.edges).toHaveLength(result.edges.length);
    for (const e of result.edges)
      expect(graph.edges).toContainEqual({ from: `s${e.from}`, to: `s${e.to}`, label: e.event });
    // Terms keep their backslashes and quotes; a deadlock is drawn red.
    const labels = [...graph.nodes.values()].map((a) => a.label ?? '');
    expect(labels.some((l) => l.includes('STOP'))).toBe(true);
    const stuck = result.states.find((s) => s.status === 'deadlock')!;
    expect(graph.nodes.get(`s${stuck.id}`)?.color).toBe('#d03030');
  });
});

/**
 * A strict reader of the DOT we write (graphviz's grammar, for the statements used): `digraph ID {`,
 * `node|edge|graph [attrs];`, `ID [attrs];`, `ID -> ID [attrs];`, `}`. Quoted strings unescape \" and \\.
 */
function parseDot(text: string): {
  name: string;
  nodes: Map<string, Record<string, string>>;
  edges: { from: string; to: string; label: string | undefined }[];
} {
  const tokens: string[] = [];
  const re = /\s*(?:("(?:[^"\\]|\\.)*")|([A-Za-z_][\w.]*|-?\d+(?:\.\d+)?)|(->|[{}[\];,=]))/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) throw new Error(`DOT: cannot read at offset ${at}: ${JSON.stringify(text.slice(at, at + 30))}`);
    tokens.push(m[0].trim());
    at = re.lastIndex;
  }
  let i = 0;
  const take = (want?: string): string => {
    const t = tokens[i++];
    if (t === undefined || (want !== undefined && t !== want))
      throw new Error(`DOT: expected ${want ?? 'more'} at token ${i - 1}, got ${t}`);
    return t;
  };
  const id = (): string => {
    const t = take();
    if (t.startsWith('"')) return t.slice(1, -1).replace(/\\(["\\])/g, '$1');
    if (!/^[A-Za-z_\d-]/.test(t)) throw new Error(`DOT: expected an ID, got ${t}`);
    return t;
  };
  const attrs = (): Record<string, string> => {
    const out: Record<string, string> = {};
    if (tokens[i] !== '[') return out;
    take('[');
    while (tokens[i] !== ']') {
      const k = id();
      take('=');
      out[k] = id();
      if (tokens[i] === ',') take(',');
    }
    take(']');
    return out;
  };
  take('digraph');
  const name = id();
  take('{');
  const nodes = new Map<string, Record<string, string>>();
  const edges: { from: string; to: string; label: string | undefined }[] = [];
  while (tokens[i] !== '}') {
    const first = id();
    if (tokens[i] === '->') {
      take('->');
      const to = id();
      edges.push({ from: first, to, label: attrs().label });
    } else if (['node', 'edge', 'graph'].includes(first)) attrs();
    else nodes.set(first, attrs());
    take(';');
  }
  take('}');
  if (i !== tokens.length) throw new Error('DOT: text after the graph');
  return { name, nodes, edges };
}
