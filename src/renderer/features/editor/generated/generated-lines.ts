/**
 * The generated script's lines and the workflow elements they come from,
 * both ways, through the compiler's source map: a click on a line (or on a
 * name in it) finds its node or edge; a selection on the canvas finds the
 * lines to highlight. Pure.
 */
import { lookupName, rangeAt } from '../../../../engine/workflow';
import type { SourceMap } from '../../../../engine/workflow';

export type GeneratedElement =
  | { readonly kind: 'node' | 'edge' | 'bus'; readonly id: string }
  | { readonly kind: 'assertion'; readonly id: string }
  | { readonly kind: 'declarations' }
  | { readonly kind: 'system' };

/** What a name in the script stands for, when it is one element's. */
function elementOfName(map: SourceMap, word: string): GeneratedElement | undefined {
  const entry = lookupName(map, word);
  if (!entry) return undefined;
  switch (entry.kind) {
    case 'node':
    case 'alphabet':
      return { kind: 'node', id: entry.id };
    case 'edge':
      return { kind: 'edge', id: entry.id };
    case 'buffer':
      return { kind: 'edge', id: entry.edge };
    case 'bus':
      return { kind: 'bus', id: entry.id };
    case 'external':
      return { kind: 'node', id: entry.node };
    case 'port':
      return entry.nodes.length === 1 && entry.nodes[0] !== undefined
        ? { kind: 'node', id: entry.nodes[0] }
        : undefined;
    case 'system':
      return { kind: 'system' };
    case 'parameter':
    case 'datatype':
      return undefined;
  }
}

/** The element a click at `line` (on `word`, if any) means: the name's own element first, else the line's. */
export function elementAt(map: SourceMap, line: number, word?: string): GeneratedElement | undefined {
  const named = word ? elementOfName(map, word) : undefined;
  if (named && named.kind !== 'system') return named;
  const range = rangeAt(map, line);
  if (!range) return named;
  switch (range.kind) {
    case 'node':
      return { kind: 'node', id: range.id };
    case 'buffer':
      return { kind: 'edge', id: range.id };
    case 'assertion':
      return { kind: 'assertion', id: range.id };
    case 'declarations':
      return { kind: 'declarations' };
    case 'system':
      return { kind: 'system' };
  }
}

const WORD = /[A-Za-z_][A-Za-z0-9_']*/g;

/**
 * Lines (1-based, ascending) to highlight for a canvas selection: a node's
 * definition, an edge's buffer process, and every line that names the
 * selected elements' channels or processes.
 */
export function linesOf(
  cspm: string,
  map: SourceMap,
  selection: { readonly nodes: readonly string[]; readonly edges: readonly string[] },
): number[] {
  if (selection.nodes.length === 0 && selection.edges.length === 0) return [];
  const nodes = new Set(selection.nodes);
  const edges = new Set(selection.edges);
  const out = new Set<number>();
  for (const r of map.ranges) {
    if ((r.kind === 'node' && nodes.has(r.id)) || (r.kind === 'buffer' && edges.has(r.id)))
      for (let l = r.startLine; l <= r.endLine; l++) out.add(l);
  }
  // Names of edges (their channels) and of nodes (process, alphabet) that are selected.
  const names = new Set<string>();
  for (const [name, e] of Object.entries(map.names)) {
    if ((e.kind === 'edge' && edges.has(e.id)) || (e.kind === 'buffer' && edges.has(e.edge))) names.add(name);
    if ((e.kind === 'node' || e.kind === 'alphabet') && nodes.has(e.id)) names.add(name);
  }
  if (names.size > 0) {
    const lines = cspm.split('\n');
    lines.forEach((text, i) => {
      if (text.trimStart().startsWith('--')) return;
      for (const m of text.matchAll(WORD)) {
        if (names.has(m[0])) {
          out.add(i + 1);
          break;
        }
      }
    });
  }
  return [...out].sort((a, b) => a - b);
}
