/**
 * Stable ids for new records. Ids are never reused or renumbered, so files
 * diff and merge well (docs/workflow-semantics.md#the-workflow-file): a new record gets its base name, or
 * the base with the smallest free `-2`, `-3`, … suffix in its namespace.
 * Nodes, buses and groups share one namespace (all are drawn and laid out).
 */
import { ID_PATTERN } from './model';
import type { Workflow } from './model';

export type IdKind = 'node' | 'bus' | 'group' | 'edge' | 'channel' | 'assertion';

function taken(wf: Workflow, kind: IdKind): Set<string> {
  switch (kind) {
    case 'node':
    case 'bus':
    case 'group':
      return new Set([...wf.processes.map((p) => p.id), ...wf.buses.map((b) => b.id), ...wf.groups.map((g) => g.id)]);
    case 'edge':
      return new Set(wf.edges.map((e) => e.id));
    case 'channel':
      return new Set(wf.channels.map((c) => c.id));
    case 'assertion':
      return new Set(wf.assertions.map((a) => a.id));
  }
}

/** Turns a display name into an id base: `Risk monitor` → `risk-monitor`. */
export function idBase(name: string, fallback: string): string {
  const base = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-0-9]+|-+$/g, '');
  return ID_PATTERN.test(base) ? base : fallback;
}

export function freshId(wf: Workflow, kind: IdKind, name: string): string {
  const used = taken(wf, kind);
  const base = idBase(name, kind);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
