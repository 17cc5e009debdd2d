/**
 * Buffered edges (docs/workflow-semantics.md#buffered-edges-and-close): a buffer process between `c` (writer to
 * buffer) and `c_out` (buffer to reader), with optional `c_close` /
 * `c_closed`, and the state estimate Σ_{k≤n} |T|^k that guards the checker.
 */

export interface BufferNames {
  readonly write: string;
  readonly read: string;
  readonly close?: string;
  readonly closed?: string;
  readonly process: string;
}

/**
 * CSPm definition lines of a buffer of capacity `n` over data type `type`
 * (undefined: bare events). Its variables (`k`, `s`, `x`, `open`) get a prime
 * while `taken` says the name is a channel or declaration: in CSPm a pattern
 * naming a channel or constructor matches it rather than binding a variable.
 */
export function bufferDefinition(
  names: BufferNames,
  n: number,
  type: string | undefined,
  taken: (name: string) => boolean = () => false,
): { lines: string[]; initial: string } {
  const { write, read, close, closed, process: P } = names;
  const free = (base: string): string => {
    let v = base;
    while (taken(v)) v += "'";
    return v;
  };
  const k = free('k');
  const s = free('s');
  const x = free('x');
  const open = free('open');
  if (type === undefined) {
    // No data: the buffer only counts.
    if (close && closed) {
      return {
        initial: `${P}(0, true)`,
        lines: [
          `${P}(${k}, ${open}) =`,
          `     (${open} and ${k} < ${n} & ${write} -> ${P}(${k} + 1, ${open}))`,
          `  [] (${k} > 0 & ${read} -> ${P}(${k} - 1, ${open}))`,
          `  [] (${open} & ${close} -> ${P}(${k}, false))`,
          `  [] (not ${open} and ${k} == 0 & ${closed} -> SKIP)`,
        ],
      };
    }
    return {
      initial: `${P}(0)`,
      lines: [
        `${P}(${k}) =`,
        `     (${k} < ${n} & ${write} -> ${P}(${k} + 1))`,
        `  [] (${k} > 0 & ${read} -> ${P}(${k} - 1))`,
      ],
    };
  }
  if (close && closed) {
    return {
      initial: `${P}(<>, true)`,
      lines: [
        `${P}(${s}, ${open}) =`,
        `     (${open} and #${s} < ${n} & ${write}?${x} -> ${P}(${s} ^ <${x}>, ${open}))`,
        `  [] (not null(${s}) & ${read}!head(${s}) -> ${P}(tail(${s}), ${open}))`,
        `  [] (${open} & ${close} -> ${P}(${s}, false))`,
        `  [] (not ${open} and null(${s}) & ${closed} -> SKIP)`,
      ],
    };
  }
  return {
    initial: `${P}(<>)`,
    lines: [
      `${P}(${s}) =`,
      `     (#${s} < ${n} & ${write}?${x} -> ${P}(${s} ^ <${x}>))`,
      `  [] (not null(${s}) & ${read}!head(${s}) -> ${P}(tail(${s})))`,
    ],
  };
}

/**
 * Number of buffer contents: Σ_{k≤n} |T|^k (n + 1 for a bare-event buffer),
 * doubled when the buffer can be closed. Saturates at Infinity.
 */
export function bufferStates(n: number, typeSize: number | undefined, closable: boolean): number {
  let total = 0;
  if (typeSize === undefined) total = n + 1;
  else {
    let term = 1;
    for (let k = 0; k <= n && Number.isFinite(total); k++) {
      total += term;
      term *= typeSize;
    }
  }
  return closable ? total * 2 : total;
}
