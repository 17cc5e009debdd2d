/**
 * The source map of a compiled workflow (docs/workflow-semantics.md#names-and-the-source-map): every CSPm name the
 * compiler emits, mapped to the node, edge, port or bus it came from, plus
 * the line ranges of each node's definition. Counterexamples, runtime traces
 * and canvas highlights are translated through it; comments in the CSPm are
 * for people only.
 */

export type SourceEntry =
  | { readonly kind: 'system' }
  | { readonly kind: 'parameter'; readonly name: string }
  | { readonly kind: 'node'; readonly id: string }
  | { readonly kind: 'alphabet'; readonly id: string }
  /** A port channel: the local name used inside behaviours, shared by nodes with that port name. */
  | { readonly kind: 'port'; readonly port: string; readonly nodes: readonly string[] }
  /** An unconnected port given its own external channel because several nodes share its name. */
  | { readonly kind: 'external'; readonly node: string; readonly port: string }
  /** An edge channel; for a buffered edge `role` tells the write, read, close and closed events apart. */
  | { readonly kind: 'edge'; readonly id: string; readonly role: 'sync' | 'write' | 'read' | 'close' | 'closed' }
  | { readonly kind: 'buffer'; readonly edge: string }
  | { readonly kind: 'bus'; readonly id: string }
  | { readonly kind: 'datatype'; readonly channel: string };

export interface LineRange {
  readonly kind: 'node' | 'buffer' | 'system' | 'declarations' | 'assertion';
  readonly id: string;
  /** 1-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
}

/**
 * Where text the user wrote (a behaviour, contract, alphabet, the
 * declarations, an assertion) sits in the generated script, so a CSPm
 * diagnostic can be placed back in the YAML.
 */
export interface BodySpan {
  /** Document path of the text, e.g. `processes[2].behaviour`. */
  readonly path: string;
  /** 1-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  /** CSPm column of the text's first character on its first line. */
  readonly firstColumn: number;
  /** CSPm column of a line's first character on the following lines. */
  readonly column: number;
}

export interface SourceMap {
  readonly names: Readonly<Record<string, SourceEntry>>;
  readonly ranges: readonly LineRange[];
  readonly bodies?: readonly BodySpan[];
}

/** The user-written text holding a generated-script position, and the position inside that text (1-based). */
export function bodyAt(
  map: SourceMap,
  line: number,
  column: number,
): { path: string; line: number; column: number } | undefined {
  const b = map.bodies?.find((x) => x.startLine <= line && line <= x.endLine);
  if (!b) return undefined;
  const first = line === b.startLine;
  return {
    path: b.path,
    line: line - b.startLine + 1,
    column: Math.max(1, column - (first ? b.firstColumn : b.column) + 1),
  };
}

/** The workflow element a CSPm event or process name refers to: `lefts.2.up` → edge lefts. */
export function lookupName(map: SourceMap, cspmName: string): SourceEntry | undefined {
  const head = /^[A-Za-z_][A-Za-z0-9_']*/.exec(cspmName)?.[0];
  return head === undefined ? undefined : map.names[head];
}

/** The element whose generated text holds `line` (for placing CSPm diagnostics back on the canvas). */
export function rangeAt(map: SourceMap, line: number): LineRange | undefined {
  return map.ranges.find((r) => r.startLine <= line && line <= r.endLine);
}

/** The CSPm channel an edge got for one role (`write`, `read`, `close`, `closed`, `sync`), if it has one. */
export function edgeName(
  map: SourceMap,
  edgeId: string,
  role: 'sync' | 'write' | 'read' | 'close' | 'closed',
): string | undefined {
  return Object.entries(map.names).find(([, e]) => e.kind === 'edge' && e.id === edgeId && e.role === role)?.[0];
}
