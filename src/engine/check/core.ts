/**
 * The explorer's view of a compiled network: leaf tables flattened into typed
 * arrays, synchronisation rules, the bit packing of a state vector, and
 * `expand`, the inner loop of every check. Built from a `CoreSpec` that holds
 * only numbers and typed arrays, so the same core can be rebuilt in another
 * thread (the parallel search) from a structured clone.
 *
 * State layout: component c's local state index lives in bits
 * [shift, shift+bits) of word `word`; a component never straddles two words.
 *
 * `expand(src, at, buf)` unpacks the state, walks each component's enabled
 * labels to the rules that component triggers (the rule's first participant),
 * checks the other participants against the dense leaf tables, sorts the
 * enabled rules (rules are sorted by output event, so successors come in
 * event order: τ first, then declaration order) and expands each rule over
 * the participants' targets. No allocation per state.
 */

/** A leaf table without its terms (leaf.ts): what the explorer needs. */
export interface TableData {
  readonly states: number;
  readonly labels: readonly number[];
  readonly off: Int32Array;
  readonly tgt: Int32Array;
  readonly enabledStart: Int32Array;
  readonly enabled: Int32Array;
}

export interface RuleData {
  readonly out: number;
  /** [component, label] pairs. */
  readonly parts: readonly (readonly [number, number])[];
  /** [component, local state] pairs written after the participants moved (an exception node's restart). */
  readonly resets?: readonly (readonly [number, number])[];
  /** [prio node, inner rule] pairs that must survive their node's priority filter (a prioritise below the top). */
  readonly guards?: readonly (readonly [number, number])[];
}

/** A prioritise below the top: its body's rules and each one's level (as `ruleLevel` ranks them). */
export interface PrioData {
  readonly rules: readonly RuleData[];
  readonly level: readonly number[];
  /**
   * `prioritisepo` instead of levels: each inner rule's event as an index
   * among the node's distinct events (`out`), and the indices of the events
   * that outrank it (`above`): the rule is dropped while one of those is enabled.
   */
  readonly po?: { readonly out: readonly number[]; readonly above: readonly (readonly number[])[] };
}

export interface CoreSpec {
  readonly tables: readonly TableData[];
  readonly rules: readonly RuleData[];
  /** The component (and its local state) that says the whole system is Ω, or -1. */
  readonly termComp: number;
  readonly termLocal: number;
  /**
   * With `prioritise` at the top: each rule's priority level (0 for τ, ✓ and
   * the first set, i for the i-th, -1 for an event in no set). A state keeps
   * only the enabled rules of the best level on offer and the unranked ones.
   */
  readonly ruleLevel?: readonly number[];
  /** Prioritise nodes below the top, innermost first (a rule's guards name them). */
  readonly prios?: readonly PrioData[];
}

/**
 * Successors of one state: parallel arrays, valid for the first `n` entries
 * returned. `vectors` holds each target's packed state (`width` words per
 * entry) as `System.expand` computed it; `targets` holds their indices once a
 * store has resolved them (`System.successors` inserts into the system's own
 * store).
 */
export class SuccBuffer {
  events: Int32Array = new Int32Array(64);
  targets: Int32Array = new Int32Array(64);
  rules: Int32Array = new Int32Array(64);
  vectors: Uint32Array = new Uint32Array(64);
  grow(): void {
    const grow = (a: Int32Array): Int32Array => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.events = grow(this.events);
    this.targets = grow(this.targets);
    this.rules = grow(this.rules);
  }
  /** Room for `count` + 1 entries of `width` words. */
  reserve(count: number, width: number): void {
    if (count >= this.events.length) this.grow();
    const need = (count + 1) * width;
    if (need > this.vectors.length) {
      const b = new Uint32Array(Math.max(need, this.vectors.length * 2));
      b.set(this.vectors);
      this.vectors = b;
    }
  }
}

export class SystemCore {
  readonly width: number;
  readonly nComps: number;
  /** Whether any rule outputs τ (without τ there is no divergence). */
  readonly hasTau: boolean;

  protected readonly compWord: Int32Array;
  protected readonly compShift: Int32Array;
  protected readonly compMask: Uint32Array;
  private readonly local: Int32Array;
  private readonly cur: Uint32Array;
  // flattened leaf tables
  private readonly ensBase: Int32Array;
  private readonly ENS: Int32Array;
  private readonly EN: Int32Array;
  private readonly offBase: Int32Array;
  private readonly nL: Int32Array;
  private readonly OFF: Int32Array;
  private readonly TGT: Int32Array;
  // rules
  private readonly ruleOut: Int32Array;
  private readonly partStart: Int32Array;
  private readonly partComp: Int32Array;
  private readonly partLi: Int32Array;
  private readonly resetStart: Int32Array;
  private readonly resetComp: Int32Array;
  private readonly resetVal: Int32Array;
  private readonly trigStart: Int32Array;
  private readonly TRIG: Int32Array;
  private readonly en: Int32Array;
  private readonly lo: Int32Array;
  private readonly hi: Int32Array;
  private readonly pos: Int32Array;
  protected readonly termComp: number;
  protected readonly termLocal: number;
  private readonly ruleLevel: Int32Array | undefined;
  /** Guards of the rules: `guardSlot[guardStart[r] .. guardStart[r+1])` index `allowed`. */
  private readonly guardStart: Int32Array;
  private readonly guardSlot: Int32Array;
  /** The prio nodes' inner rules, flattened: node k's are slots `prioStart[k] .. prioStart[k+1]`. */
  private readonly prioStart: Int32Array;
  private readonly inner: {
    readonly partStart: Int32Array;
    readonly partComp: Int32Array;
    readonly partLi: Int32Array;
    readonly guardStart: Int32Array;
    readonly guardSlot: Int32Array;
    readonly level: Int32Array;
    /** `prioritisepo` nodes: each inner rule's event index (into `mark`, from the node's base), -1 for level nodes. */
    readonly poOut: Int32Array;
    readonly aboveStart: Int32Array;
    readonly above: Int32Array;
  };
  /** Per prio node: -1 for a level node, else where its events start in `mark`. */
  private readonly poBase: Int32Array;
  /** Which `prioritisepo` events are enabled at the state being expanded. */
  private readonly mark: Uint8Array;
  /** Per inner rule, at the state being expanded: enabled and of its node's best level. */
  private readonly allowed: Uint8Array;

  /** The spec as plain data (no terms, no names), for another thread. */
  plainSpec(): CoreSpec {
    const { tables, rules, termComp, termLocal, ruleLevel, prios } = this.spec;
    const plainRules = (list: readonly RuleData[]): RuleData[] =>
      list.map(({ out, parts, resets, guards }) => ({
        out,
        parts: parts.map(([c, l]) => [c, l] as const),
        ...(resets ? { resets: resets.map(([c, v]) => [c, v] as const) } : {}),
        ...(guards ? { guards: guards.map(([k, j]) => [k, j] as const) } : {}),
      }));
    return {
      ...(ruleLevel ? { ruleLevel: [...ruleLevel] } : {}),
      ...(prios
        ? {
            prios: prios.map((p) => ({
              rules: plainRules(p.rules),
              level: [...p.level],
              ...(p.po ? { po: { out: [...p.po.out], above: p.po.above.map((a) => [...a]) } } : {}),
            })),
          }
        : {}),
      tables: tables.map(({ states, labels, off, tgt, enabledStart, enabled }) => ({
        states,
        labels: [...labels],
        off,
        tgt,
        enabledStart,
        enabled,
      })),
      rules: plainRules(rules),
      termComp,
      termLocal,
    };
  }

  constructor(readonly spec: CoreSpec) {
    const { tables, rules } = spec;
    this.nComps = tables.length;
    this.hasTau = rules.some((r) => r.out === 0);
    this.ruleLevel = spec.ruleLevel ? Int32Array.from(spec.ruleLevel) : undefined;

    // --- packing
    const n = this.nComps;
    this.compWord = new Int32Array(n);
    this.compShift = new Int32Array(n);
    this.compMask = new Uint32Array(n);
    let word = 0;
    let used = 0;
    for (let c = 0; c < n; c++) {
      const states = (tables[c] as TableData).states;
      let bits = 1;
      while (bits < 32 && 2 ** bits < states) bits++;
      if (used + bits > 32) {
        word++;
        used = 0;
      }
      this.compWord[c] = word;
      this.compShift[c] = used;
      this.compMask[c] = bits === 32 ? 0xffffffff : (1 << bits) - 1;
      used += bits;
    }
    this.width = word + 1;
    this.local = new Int32Array(n);
    this.cur = new Uint32Array(this.width);

    // --- flattened tables
    this.ensBase = new Int32Array(n);
    this.offBase = new Int32Array(n);
    this.nL = new Int32Array(n);
    const labelBase = new Int32Array(n + 1);
    let ensLen = 0;
    let enLen = 0;
    let offLen = 0;
    let tgtLen = 0;
    for (let c = 0; c < n; c++) {
      const t = tables[c] as TableData;
      this.ensBase[c] = ensLen;
      this.offBase[c] = offLen;
      this.nL[c] = t.labels.length;
      labelBase[c + 1] = (labelBase[c] as number) + t.labels.length;
      ensLen += t.states + 1;
      enLen += t.enabled.length;
      offLen += t.off.length;
      tgtLen += t.tgt.length;
    }
    this.ENS = new Int32Array(ensLen);
    this.EN = new Int32Array(enLen);
    this.OFF = new Int32Array(offLen);
    this.TGT = new Int32Array(tgtLen);
    for (let c = 0, enAt = 0, tgtAt = 0; c < n; c++) {
      const t = tables[c] as TableData;
      for (let l = 0; l <= t.states; l++)
        this.ENS[(this.ensBase[c] as number) + l] = enAt + (t.enabledStart[l] as number);
      for (let k = 0; k < t.enabled.length; k++)
        this.EN[enAt + k] = (labelBase[c] as number) + (t.enabled[k] as number);
      for (let k = 0; k < t.off.length; k++) this.OFF[(this.offBase[c] as number) + k] = tgtAt + (t.off[k] as number);
      this.TGT.set(t.tgt, tgtAt);
      enAt += t.enabled.length;
      tgtAt += t.tgt.length;
    }

    // --- rules and triggers
    const R = rules.length;
    this.ruleOut = new Int32Array(R);
    this.partStart = new Int32Array(R + 1);
    let parts = 0;
    let maxParts = 1;
    for (const r of rules) {
      parts += r.parts.length;
      maxParts = Math.max(maxParts, r.parts.length);
    }
    this.partComp = new Int32Array(parts);
    this.partLi = new Int32Array(parts);
    const trigLists: number[][] = Array.from({ length: labelBase[n] as number }, () => []);
    let p = 0;
    rules.forEach((r, ri) => {
      this.ruleOut[ri] = r.out;
      this.partStart[ri] = p;
      r.parts.forEach(([c, label], k) => {
        const li = (tables[c] as TableData).labels.indexOf(label);
        this.partComp[p] = c;
        this.partLi[p] = li;
        if (k === 0) (trigLists[(labelBase[c] as number) + li] as number[]).push(ri);
        p++;
      });
    });
    this.partStart[R] = p;
    this.resetStart = new Int32Array(R + 1);
    const resetComp: number[] = [];
    const resetVal: number[] = [];
    rules.forEach((r, ri) => {
      this.resetStart[ri] = resetComp.length;
      for (const [c, v] of r.resets ?? []) {
        resetComp.push(c);
        resetVal.push(v);
      }
    });
    this.resetStart[R] = resetComp.length;
    this.resetComp = Int32Array.from(resetComp);
    this.resetVal = Int32Array.from(resetVal);
    this.trigStart = new Int32Array(trigLists.length + 1);
    const trig: number[] = [];
    trigLists.forEach((list, g) => {
      this.trigStart[g] = trig.length;
      trig.push(...list);
    });
    this.trigStart[trigLists.length] = trig.length;
    this.TRIG = Int32Array.from(trig);
    this.en = new Int32Array(Math.max(1, R));
    this.lo = new Int32Array(maxParts);
    this.hi = new Int32Array(maxParts);
    this.pos = new Int32Array(maxParts);

    this.termComp = spec.termComp;
    this.termLocal = spec.termLocal;

    // --- prio nodes below the top and the rules' guards on them
    const prios = spec.prios ?? [];
    this.prioStart = new Int32Array(prios.length + 1);
    prios.forEach((p, k) => (this.prioStart[k + 1] = (this.prioStart[k] as number) + p.rules.length));
    const guardsOf = (list: readonly RuleData[]): { start: Int32Array; slot: Int32Array } => {
      const start = new Int32Array(list.length + 1);
      const slot: number[] = [];
      list.forEach((r, i) => {
        start[i] = slot.length;
        for (const [k, j] of r.guards ?? []) slot.push((this.prioStart[k] as number) + j);
      });
      start[list.length] = slot.length;
      return { start, slot: Int32Array.from(slot) };
    };
    const outer = guardsOf(rules);
    this.guardStart = outer.start;
    this.guardSlot = outer.slot;
    const all = prios.flatMap((p) => p.rules);
    const innerGuards = guardsOf(all);
    const innerStart = new Int32Array(all.length + 1);
    const innerComp: number[] = [];
    const innerLi: number[] = [];
    all.forEach((r, i) => {
      innerStart[i] = innerComp.length;
      for (const [c, label] of r.parts) {
        innerComp.push(c);
        innerLi.push((tables[c] as TableData).labels.indexOf(label));
      }
    });
    innerStart[all.length] = innerComp.length;
    this.inner = {
      partStart: innerStart,
      partComp: Int32Array.from(innerComp),
      partLi: Int32Array.from(innerLi),
      guardStart: innerGuards.start,
      guardSlot: innerGuards.slot,
      level: Int32Array.from(prios.flatMap((p) => p.level)),
      ...this.poTables(prios),
    };
    this.poBase = new Int32Array(prios.length);
    let marks = 0;
    prios.forEach((p, k) => {
      this.poBase[k] = p.po ? marks : -1;
      if (p.po) marks += Math.max(0, ...p.po.out) + 1;
    });
    this.mark = new Uint8Array(marks);
    this.allowed = new Uint8Array(all.length);
  }

  /** Local state index of component `c` in the state packed at `src[at ..]`. */
  localAt(src: Uint32Array, at: number, c: number): number {
    return (
      ((src[at + (this.compWord[c] as number)] as number) >>> (this.compShift[c] as number)) &
      (this.compMask[c] as number)
    );
  }

  /** Whether the state packed at `src[at ..]` is Ω. */
  isTerminatedAt(src: Uint32Array, at: number): boolean {
    return this.termLocal >= 0 && this.localAt(src, at, this.termComp) === this.termLocal;
  }

  /**
   * The transitions of the state packed in `src[at .. at+width)`, in event
   * order: events, rules and target vectors into `buf` (nothing is stored).
   * Returns their number.
   */
  expand(src: Uint32Array, at: number, buf: SuccBuffer): number {
    const W = this.width;
    const cur = this.cur;
    for (let k = 0; k < W; k++) cur[k] = src[at + k] as number;
    const n = this.nComps;
    const local = this.local;
    const compWord = this.compWord;
    const compShift = this.compShift;
    const compMask = this.compMask;
    for (let c = 0; c < n; c++)
      local[c] = ((cur[compWord[c] as number] as number) >>> (compShift[c] as number)) & (compMask[c] as number);

    if (this.allowed.length > 0) this.filterPrios();

    // enabled rules, via each component's enabled labels
    const { ENS, EN, ensBase, trigStart, TRIG, partStart, partComp, partLi, OFF, offBase, nL, en } = this;
    const { guardStart, guardSlot, allowed } = this;
    let nEn = 0;
    for (let c = 0; c < n; c++) {
      const s = (ensBase[c] as number) + (local[c] as number);
      const e1 = ENS[s + 1] as number;
      for (let k = ENS[s] as number; k < e1; k++) {
        const g = EN[k] as number;
        const t1 = trigStart[g + 1] as number;
        for (let q = trigStart[g] as number; q < t1; q++) {
          const r = TRIG[q] as number;
          const p1 = partStart[r + 1] as number;
          let ok = true;
          for (let p = (partStart[r] as number) + 1; p < p1; p++) {
            const pc = partComp[p] as number;
            const d = (offBase[pc] as number) + (local[pc] as number) * (nL[pc] as number) + (partLi[p] as number);
            if ((OFF[d + 1] as number) === (OFF[d] as number)) {
              ok = false;
              break;
            }
          }
          const g1 = guardStart[r + 1] as number;
          for (let z = guardStart[r] as number; ok && z < g1; z++)
            if (allowed[guardSlot[z] as number] === 0) ok = false;
          if (ok) {
            // insertion sort keeps `en` ascending (rule order = event order)
            let j = nEn++;
            while (j > 0 && (en[j - 1] as number) > r) {
              en[j] = en[j - 1] as number;
              j--;
            }
            en[j] = r;
          }
        }
      }
    }

    if (this.ruleLevel !== undefined) nEn = this.prioritised(nEn);

    // expand each rule over the participants' targets
    const { ruleOut, TGT, lo, hi, pos, resetStart, resetComp, resetVal } = this;
    let count = 0;
    for (let x = 0; x < nEn; x++) {
      const r = en[x] as number;
      const p0 = partStart[r] as number;
      const m = (partStart[r + 1] as number) - p0;
      for (let k = 0; k < m; k++) {
        const pc = partComp[p0 + k] as number;
        const d = (offBase[pc] as number) + (local[pc] as number) * (nL[pc] as number) + (partLi[p0 + k] as number);
        lo[k] = OFF[d] as number;
        hi[k] = OFF[d + 1] as number;
        pos[k] = lo[k] as number;
      }
      const out = ruleOut[r] as number;
      const z0 = resetStart[r] as number;
      const z1 = resetStart[r + 1] as number;
      for (;;) {
        buf.reserve(count, W);
        const next = buf.vectors;
        const base = count * W;
        for (let k = 0; k < W; k++) next[base + k] = cur[k] as number;
        for (let k = 0; k < m; k++) {
          const pc = partComp[p0 + k] as number;
          const w = base + (compWord[pc] as number);
          const sh = compShift[pc] as number;
          next[w] =
            (((next[w] as number) & ~((compMask[pc] as number) << sh)) | ((TGT[pos[k] as number] as number) << sh)) >>>
            0;
        }
        for (let z = z0; z < z1; z++) {
          const rc = resetComp[z] as number;
          const w = base + (compWord[rc] as number);
          const sh = compShift[rc] as number;
          next[w] = (((next[w] as number) & ~((compMask[rc] as number) << sh)) | ((resetVal[z] as number) << sh)) >>> 0;
        }
        buf.events[count] = out;
        buf.rules[count] = r;
        count++;
        // odometer over the participants' target ranges
        let k = m - 1;
        while (k >= 0) {
          pos[k] = (pos[k] as number) + 1;
          if ((pos[k] as number) < (hi[k] as number)) break;
          pos[k] = lo[k] as number;
          k--;
        }
        if (k < 0) break;
      }
    }
    return count;
  }

  /**
   * For each prio node below the top (innermost first, so a nested node's
   * verdicts are ready for the rules of the node around it): which of its
   * body's rules are enabled at the state in `local`, the best level among
   * them, and so which survive the filter (`allowed`).
   */
  private filterPrios(): void {
    const { prioStart, allowed, local, OFF, offBase, nL } = this;
    const { partStart, partComp, partLi, guardStart, guardSlot, level } = this.inner;
    for (let k = 0; k + 1 < prioStart.length; k++) {
      const j0 = prioStart[k] as number;
      const j1 = prioStart[k + 1] as number;
      let best = 0x7fffffff;
      for (let j = j0; j < j1; j++) {
        let ok = true;
        const p1 = partStart[j + 1] as number;
        for (let p = partStart[j] as number; ok && p < p1; p++) {
          const pc = partComp[p] as number;
          const d = (offBase[pc] as number) + (local[pc] as number) * (nL[pc] as number) + (partLi[p] as number);
          if ((OFF[d + 1] as number) === (OFF[d] as number)) ok = false;
        }
        const g1 = guardStart[j + 1] as number;
        for (let z = guardStart[j] as number; ok && z < g1; z++) if (allowed[guardSlot[z] as number] === 0) ok = false;
        allowed[j] = ok ? 1 : 0;
        const l = level[j] as number;
        if (ok && l >= 0 && l < best) best = l;
      }
      const base = this.poBase[k] as number;
      if (base >= 0) this.filterPartialOrder(j0, j1, base);
      else
        for (let j = j0; j < j1; j++) {
          const l = level[j] as number;
          if (l !== -1 && l !== best) allowed[j] = 0;
        }
    }
  }

  /** `prioritisepo`: drops each enabled inner rule in `j0 .. j1` while an event above its own is enabled. */
  private filterPartialOrder(j0: number, j1: number, base: number): void {
    const { allowed, mark } = this;
    const { poOut, aboveStart, above } = this.inner;
    for (let j = j0; j < j1; j++) if (allowed[j] === 1) mark[base + (poOut[j] as number)] = 1;
    for (let j = j0; j < j1; j++) {
      if (allowed[j] === 0) continue;
      const a1 = aboveStart[j + 1] as number;
      for (let a = aboveStart[j] as number; a < a1; a++)
        if (mark[base + (above[a] as number)] === 1) {
          allowed[j] = 2; // outranked; 2 so the marks are cleared below
          break;
        }
    }
    for (let j = j0; j < j1; j++) {
      if (allowed[j] !== 0) mark[base + (poOut[j] as number)] = 0;
      if (allowed[j] === 2) allowed[j] = 0;
    }
  }

  /** The flattened `prioritisepo` tables of the inner rules (empty lists for level nodes). */
  private poTables(prios: readonly PrioData[]): { poOut: Int32Array; aboveStart: Int32Array; above: Int32Array } {
    const out: number[] = [];
    const start: number[] = [];
    const list: number[] = [];
    for (const p of prios)
      p.rules.forEach((_, j) => {
        out.push(p.po ? (p.po.out[j] as number) : -1);
        start.push(list.length);
        if (p.po) list.push(...(p.po.above[j] as readonly number[]));
      });
    start.push(list.length);
    return { poOut: Int32Array.from(out), aboveStart: Int32Array.from(start), above: Int32Array.from(list) };
  }

  /** Keeps the first `nEn` enabled rules (in `en`) of the best level on offer, and the unranked ones, in order. */
  private prioritised(nEn: number): number {
    const level = this.ruleLevel as Int32Array;
    const en = this.en;
    let best = 0x7fffffff;
    for (let x = 0; x < nEn; x++) {
      const l = level[en[x] as number] as number;
      if (l >= 0 && l < best) best = l;
    }
    let kept = 0;
    for (let x = 0; x < nEn; x++) {
      const r = en[x] as number;
      const l = level[r] as number;
      if (l === -1 || l === best) en[kept++] = r;
    }
    return kept;
  }
}
