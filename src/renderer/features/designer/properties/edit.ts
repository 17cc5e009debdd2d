/**
 * Building blocks for the properties panel's commits: read the newest record
 * from the document, change one field, apply it as a change, and hand back
 * the reason if it was refused (the field then shows it).
 */
import type { Bus, Channel, Edge, ProcessNode } from '../../../../engine/workflow';
import { useDocument } from '../document';
import type { DocChange } from '../document';

/** Applies `change` (coalesced under `coalesce`); the refusal reason, if any. */
export function applyChange(change: DocChange, coalesce?: string): string | undefined {
  const result = useDocument.getState().apply(coalesce === undefined ? change : { ...change, coalesce });
  return result.ok ? undefined : result.reason;
}

/** `obj` with `key` set to `value`, or without `key` when `value` is undefined or ''. */
export function withOptional<T extends object, K extends string>(obj: T, key: K, value: unknown): T {
  const out = { ...obj } as Record<string, unknown>;
  if (value === undefined || value === '') delete out[key];
  else out[key] = value;
  return out as T;
}

export function currentNode(id: string): ProcessNode | undefined {
  return useDocument.getState().workflow?.processes.find((p) => p.id === id);
}

/** Commits an edit of node `id` made by `edit` on its newest record. */
export function editNode(
  id: string,
  edit: (node: ProcessNode) => ProcessNode,
  coalesce?: string,
  portRenames?: Record<string, string>,
): string | undefined {
  const node = currentNode(id);
  if (!node) return `no node "${id}"`;
  return applyChange({ type: 'node.update', id, node: edit(node), ...(portRenames ? { portRenames } : {}) }, coalesce);
}

export function currentEdge(id: string): { edge: Edge; channel: Channel | undefined } | undefined {
  const wf = useDocument.getState().workflow;
  const edge = wf?.edges.find((e) => e.id === id);
  if (!wf || !edge) return undefined;
  return { edge, channel: edge.channel === undefined ? undefined : wf.channels.find((c) => c.id === edge.channel) };
}

/** Whether a channel record says nothing beyond the edge itself (then the edge needs no record). */
export function isPlainChannel(c: Channel, edgeId: string): boolean {
  const keys = Object.keys(c).filter((k) => k !== 'id' && k !== 'name');
  return keys.length === 0 && c.name === edgeId;
}

/**
 * Commits an edit of the channel settings of edge `id`: the edge gets a
 * record when a setting appears (named after the edge), and loses it when the
 * record says nothing any more.
 */
export function editChannel(id: string, edit: (channel: Channel) => Channel, coalesce?: string): string | undefined {
  const found = currentEdge(id);
  if (!found) return `no edge "${id}"`;
  const { edge, channel } = found;
  const wf = useDocument.getState().workflow!;
  const recordId = channel?.id ?? (wf.channels.some((c) => c.id === edge.id) ? `${edge.id}-channel` : edge.id);
  const next = edit(channel ?? { id: recordId, name: edge.id });
  if (isPlainChannel(next, edge.id)) {
    if (!channel) return undefined;
    const { channel: _gone, ...plain } = edge;
    return applyChange({ type: 'edge.update', id, edge: plain, channel: null }, coalesce);
  }
  return applyChange({ type: 'edge.update', id, edge: { ...edge, channel: next.id }, channel: next }, coalesce);
}

export function currentBus(id: string): Bus | undefined {
  return useDocument.getState().workflow?.buses.find((b) => b.id === id);
}

export function editBus(id: string, edit: (bus: Bus) => Bus, coalesce?: string): string | undefined {
  const bus = currentBus(id);
  if (!bus) return `no bus "${id}"`;
  return applyChange({ type: 'bus.update', id, bus: edit(bus) }, coalesce);
}
