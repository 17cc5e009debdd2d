/**
 * Structural diff of two workflows (csp diff, the store's version history,
 * the canvas's "what changed"): records matched by id, each reported as added,
 * removed or changed (with the fields that changed); nodes whose only change
 * is their position are "moved only", so layout churn never reads as a
 * semantic change.
 */
import type { Workflow } from './model';

export interface ChangedRecord {
  readonly id: string;
  /** Top-level fields of the record that differ, e.g. ["behaviour", "ports"]. */
  readonly fields: readonly string[];
}

export interface RecordDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly ChangedRecord[];
}

export interface WorkflowDiff {
  /** Document-level fields that differ: name, parameters, declarations, settings, description, groups. */
  readonly workflow: readonly string[];
  readonly nodes: RecordDiff & { readonly movedOnly: readonly string[] };
  /** Nodes whose behaviour, script, agent or contract was added, removed or changed. */
  readonly behaviours: RecordDiff;
  readonly edges: RecordDiff;
  readonly channels: RecordDiff;
  readonly buses: RecordDiff & { readonly movedOnly: readonly string[] };
  readonly assertions: RecordDiff;
  readonly identical: boolean;
}

/** Deep equality of JSON-like data (key order ignored). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameData(x, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

function changedFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((k) => !sameData(a[k], b[k])).sort();
}

function diffRecords<T extends { id: string }>(as: readonly T[], bs: readonly T[]): RecordDiff {
  const am = new Map(as.map((x) => [x.id, x]));
  const bm = new Map(bs.map((x) => [x.id, x]));
  const changed: ChangedRecord[] = [];
  for (const [id, a] of am) {
    const b = bm.get(id);
    if (!b) continue;
    const fields = changedFields(a as unknown as Record<string, unknown>, b as unknown as Record<string, unknown>);
    if (fields.length > 0) changed.push({ id, fields });
  }
  return {
    added: [...bm.keys()].filter((id) => !am.has(id)),
    removed: [...am.keys()].filter((id) => !bm.has(id)),
    changed,
  };
}

const BEHAVIOUR_FIELDS = ['behaviour', 'script', 'agent', 'contract'] as const;

function behaviourOf(node: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of BEHAVIOUR_FIELDS) if (node[f] !== undefined) out[f] = node[f];
  return out;
}

function moved(ids: readonly string[], removedOrAdded: RecordDiff, a: Workflow, b: Workflow): string[] {
  return ids.filter(
    (id) =>
      !removedOrAdded.added.includes(id) &&
      !removedOrAdded.removed.includes(id) &&
      !removedOrAdded.changed.some((c) => c.id === id) &&
      !sameData(a.layout[id], b.layout[id]),
  );
}

export function diffWorkflows(a: Workflow, b: Workflow): WorkflowDiff {
  const workflow = (['name', 'description', 'parameters', 'declarations', 'settings', 'groups'] as const).filter(
    (k) => !sameData(a[k], b[k]),
  );
  const nodes = diffRecords(a.processes, b.processes);
  const nodeIds = [...new Set([...a.processes, ...b.processes].map((p) => p.id))];
  const behaviourChanged: string[] = [];
  const behaviourAdded: string[] = [];
  const behaviourRemoved: string[] = [];
  for (const id of nodeIds) {
    const pa = a.processes.find((p) => p.id === id);
    const pb = b.processes.find((p) => p.id === id);
    const ba = pa ? behaviourOf(pa as unknown as Record<string, unknown>) : undefined;
    const bb = pb ? behaviourOf(pb as unknown as Record<string, unknown>) : undefined;
    if (ba && !bb) behaviourRemoved.push(id);
    else if (!ba && bb) behaviourAdded.push(id);
    else if (ba && bb && !sameData(ba, bb)) behaviourChanged.push(id);
  }
  const buses = diffRecords(a.buses, b.buses);
  const edges = diffRecords(a.edges, b.edges);
  const channels = diffRecords(a.channels, b.channels);
  const assertions = diffRecords(a.assertions, b.assertions);
  const nodesMoved = moved(nodeIds, nodes, a, b);
  const busesMoved = moved([...new Set([...a.buses, ...b.buses].map((x) => x.id))], buses, a, b);
  const empty = (d: RecordDiff): boolean => d.added.length + d.removed.length + d.changed.length === 0;
  const identical =
    workflow.length === 0 &&
    [nodes, edges, channels, buses, assertions].every(empty) &&
    nodesMoved.length === 0 &&
    busesMoved.length === 0;
  return {
    workflow,
    nodes: { ...nodes, movedOnly: nodesMoved },
    behaviours: {
      added: behaviourAdded,
      removed: behaviourRemoved,
      changed: behaviourChanged.map((id) => ({
        id,
        fields: changedFields(
          behaviourOf(a.processes.find((p) => p.id === id) as unknown as Record<string, unknown>),
          behaviourOf(b.processes.find((p) => p.id === id) as unknown as Record<string, unknown>),
        ),
      })),
    },
    edges,
    channels,
    buses: { ...buses, movedOnly: busesMoved },
    assertions,
    identical,
  };
}

/** Human-readable lines for `csp diff`. */
export function formatDiff(d: WorkflowDiff): string[] {
  if (d.identical) return ['no differences'];
  const lines: string[] = [];
  for (const f of d.workflow) lines.push(`~ workflow ${f}`);
  const section = (label: string, r: RecordDiff): void => {
    for (const id of r.added) lines.push(`+ ${label} ${id}`);
    for (const id of r.removed) lines.push(`- ${label} ${id}`);
    for (const c of r.changed) lines.push(`~ ${label} ${c.id} (${c.fields.join(', ')})`);
  };
  section('node', d.nodes);
  for (const id of d.nodes.movedOnly) lines.push(`> node ${id} moved`);
  section('edge', d.edges);
  section('channel', d.channels);
  section('bus', d.buses);
  for (const id of d.buses.movedOnly) lines.push(`> bus ${id} moved`);
  section('assertion', d.assertions);
  return lines;
}
