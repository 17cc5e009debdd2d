/**
 * Compressions by equivalence classes of states, each returning the quotient
 * transition system:
 *  - `sbisim`: strong bisimulation (τ an ordinary label), by signature
 *    refinement: split blocks until every state of a block has the same
 *    (label, target block) pairs. Preserves every model.
 *  - `wbisim`: weak bisimulation that also respects divergence (a divergent
 *    state is never merged with a calm one), on the τ-saturated relation
 *    (=a=> is τ* a τ*). Preserves traces, stable failures and divergences.
 *  - `tauLoopFactor`: each strongly connected component of τ-edges becomes
 *    one (divergent) state. Preserves every model.
 */
import { TAU } from '../../csp/terms';
import { divergentStates, quotient, type Lts } from './lts';

/**
 * Refines `initial` until stable: each round gives every state the key (old
 * block, sorted set of (label, block of target) pairs from `pairs`), and
 * states with equal keys share a new block. Keys are packed numbers
 * (label·2^31 + block), hashed, and compared exactly on a hash hit. State 0
 * keeps block 0.
 */
function refine(
  n: number,
  initial: (s: number) => number,
  pairs: (s: number, block: Int32Array, out: number[]) => void,
): { block: Int32Array; count: number } {
  let block = new Int32Array(n);
  let count = 0;
  {
    const ids = new Map<number, number>();
    for (let s = 0; s < n; s++) {
      const key = initial(s);
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      block[s] = id;
    }
    count = ids.size;
  }
  const raw: number[] = [];
  let scratch = new Float64Array(64);
  for (;;) {
    const byHash = new Map<number, number>();
    const chain: number[] = []; // next id with the same hash, or -1
    let pool = new Float64Array(Math.max(64, n * 2));
    let used = 0;
    const sigStart: number[] = [];
    const sigLen: number[] = [];
    const olds: number[] = [];
    const next = new Int32Array(n);
    for (let s = 0; s < n; s++) {
      raw.length = 0;
      pairs(s, block, raw);
      const m = raw.length >> 1;
      if (m > scratch.length) scratch = new Float64Array(m * 2);
      for (let k = 0; k < m; k++) scratch[k] = (raw[2 * k] as number) * 2147483648 + (raw[2 * k + 1] as number);
      const sorted = scratch.subarray(0, m).sort();
      let len = 0;
      for (let k = 0; k < m; k++) if (len === 0 || sorted[len - 1] !== sorted[k]) sorted[len++] = sorted[k] as number;
      const old = block[s] as number;
      let h = Math.imul(old, 0x9e3779b1) ^ len;
      for (let k = 0; k < len; k++) {
        const x = sorted[k] as number;
        h = Math.imul(h ^ (x % 4294967296), 0x01000193) ^ Math.floor(x / 4294967296);
      }
      let id = byHash.get(h) ?? -1;
      for (; id !== -1; id = chain[id] as number) {
        if (olds[id] !== old || sigLen[id] !== len) continue;
        const at = sigStart[id] as number;
        let k = 0;
        while (k < len && pool[at + k] === sorted[k]) k++;
        if (k === len) break;
      }
      if (id === -1) {
        id = olds.length;
        if (used + len > pool.length) {
          const bigger = new Float64Array(Math.max(pool.length * 2, used + len));
          bigger.set(pool.subarray(0, used));
          pool = bigger;
        }
        pool.set(sorted.subarray(0, len), used);
        sigStart.push(used);
        sigLen.push(len);
        used += len;
        olds.push(old);
        chain.push(byHash.get(h) ?? -1);
        byHash.set(h, id);
      }
      next[s] = id;
    }
    if (olds.length === count) return { block: next, count };
    block = next;
    count = olds.length;
  }
}

export function sbisim(lts: Lts): Lts {
  const { block, count } = refine(
    lts.n,
    (s) => lts.omega[s] as number,
    (s, b, out) => {
      for (let k = lts.start[s] as number; k < (lts.start[s + 1] as number); k++)
        out.push(lts.label[k] as number, b[lts.target[k] as number] as number);
    },
  );
  return quotient(lts, block, count);
}

/** Largest saturated relation (pairs) wbisim computes before it settles for strong bisimulation. */
const MAX_SATURATED = 4_000_000;

function tauClosures(lts: Lts): number[][] {
  const out: number[][] = [];
  for (let s = 0; s < lts.n; s++) {
    const seen = new Set([s]);
    const stack = [s];
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
    out.push([...seen].sort((a, b) => a - b));
  }
  return out;
}

export function wbisim(lts: Lts): Lts {
  const div = divergentStates(lts);
  const closure = tauClosures(lts);
  // weak[s]: label, target pairs of s =a=> t (a visible), and s =τ*=> t as label τ
  const weak: number[][] = [];
  let size = 0;
  for (let s = 0; s < lts.n; s++) {
    const pairs: number[] = [];
    for (const t of closure[s] as number[]) pairs.push(TAU, t);
    for (const u of closure[s] as number[]) {
      for (let k = lts.start[u] as number; k < (lts.start[u + 1] as number); k++) {
        const a = lts.label[k] as number;
        if (a === TAU) continue;
        for (const t of closure[lts.target[k] as number] as number[]) pairs.push(a, t);
      }
    }
    size += pairs.length;
    if (size > MAX_SATURATED) return sbisim(lts);
    weak.push(pairs);
  }
  const { block, count } = refine(
    lts.n,
    (s) => (lts.omega[s] as number) * 2 + (div[s] as number),
    (s, b, out) => {
      const src = weak[s] as number[];
      for (let k = 0; k < src.length; k += 2) out.push(src[k] as number, b[src[k + 1] as number] as number);
    },
  );
  const divergentBlock = new Uint8Array(count);
  for (let s = 0; s < lts.n; s++) if (div[s] === 1) divergentBlock[block[s] as number] = 1;
  return quotient(lts, block, count, (b) => divergentBlock[b] === 1);
}

export function tauLoopFactor(lts: Lts): Lts {
  // Tarjan over τ-edges, iterative
  const n = lts.n;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  let counter = 0;
  let comps = 0;
  const cyclic: boolean[] = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const frames: { v: number; k: number }[] = [];
    const open = (v: number): void => {
      index[v] = low[v] = counter++;
      stack.push(v);
      onStack[v] = 1;
      frames.push({ v, k: lts.start[v] as number });
    };
    open(root);
    while (frames.length > 0) {
      const fr = frames[frames.length - 1] as { v: number; k: number };
      const v = fr.v;
      if (fr.k < (lts.start[v + 1] as number) && lts.label[fr.k] === TAU) {
        const w = lts.target[fr.k++] as number;
        if (index[w] === -1) open(w);
        else if (onStack[w] === 1) low[v] = Math.min(low[v] as number, index[w] as number);
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent !== undefined) low[parent.v] = Math.min(low[parent.v] as number, low[v] as number);
      if (low[v] !== index[v]) continue;
      let size = 0;
      let w: number;
      do {
        w = stack.pop() as number;
        onStack[w] = 0;
        comp[w] = comps;
        size++;
      } while (w !== v);
      let loop = size > 1;
      for (let k = lts.start[v] as number; k < (lts.start[v + 1] as number) && lts.label[k] === TAU; k++)
        if (lts.target[k] === v) loop = true;
      cyclic.push(loop);
      comps++;
    }
  }
  // renumber so that state 0's component is block 0
  const renumber = new Int32Array(comps).fill(-1);
  const block = new Int32Array(n);
  let blocks = 0;
  const loops: boolean[] = [];
  for (let s = 0; s < n; s++) {
    const c = comp[s] as number;
    if (renumber[c] === -1) {
      renumber[c] = blocks++;
      loops.push(cyclic[c] === true);
    }
    block[s] = renumber[c] as number;
  }
  return quotient(lts, block, blocks, (b) => loops[b] === true);
}
