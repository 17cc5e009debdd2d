/**
 * What dragging from one handle to another means: a new edge between two
 * ports, or a new member of a bus. Checked as the user drags (direction,
 * type, already connected), with the reason shown when a drop is refused.
 */
import { freshId, fullPortType, lookupPort, normalType } from '../../../../engine/workflow';
import type { Workflow } from '../../../../engine/workflow';
import type { DocChange } from '../document';
import { connectionProblem } from '../document';
import { BUS_IN, BUS_OUT } from './geometry';

export interface HandleLink {
  readonly source: string;
  readonly sourceHandle: string | null | undefined;
  readonly target: string;
  readonly targetHandle: string | null | undefined;
}

export type ConnectPlan =
  { readonly ok: true; readonly change: DocChange } | { readonly ok: false; readonly reason: string };

function joinBus(wf: Workflow, busId: string, ref: string): ConnectPlan {
  const bus = wf.buses.find((b) => b.id === busId);
  if (!bus) return { ok: false, reason: `no bus "${busId}"` };
  const port = lookupPort(wf, ref);
  if (!port) return { ok: false, reason: `no port "${ref}"` };
  if (bus.members.includes(ref)) return { ok: false, reason: `port "${ref}" is already a member of bus "${bus.id}"` };
  const type = fullPortType(port.node, { ...port.port, index: undefined });
  if (normalType(type) !== normalType(bus.type))
    return {
      ok: false,
      reason: `port "${ref}" has type ${type || 'no data'} but bus "${bus.id}" has type ${bus.type ?? 'no data'}`,
    };
  return { ok: true, change: { type: 'bus.update', id: bus.id, bus: { ...bus, members: [...bus.members, ref] } } };
}

/** A handle of a collapsed group (`member:handle`) stands for that member's handle. */
function unwrap(node: string, handle: string): { node: string; handle: string } {
  const at = handle.indexOf(':');
  return at < 0 ? { node, handle } : { node: handle.slice(0, at), handle: handle.slice(at + 1) };
}

/** The change a connection makes, or why it cannot be made. */
export function planConnection(wf: Workflow, drawn: HandleLink): ConnectPlan {
  if (!drawn.sourceHandle || !drawn.targetHandle) return { ok: false, reason: 'connect a port to a port' };
  const s = unwrap(drawn.source, drawn.sourceHandle);
  const t = unwrap(drawn.target, drawn.targetHandle);
  const link = { source: s.node, sourceHandle: s.handle, target: t.node, targetHandle: t.handle };
  if (link.targetHandle === BUS_IN) return joinBus(wf, link.target, `${link.source}.${link.sourceHandle}`);
  if (link.sourceHandle === BUS_OUT) return joinBus(wf, link.source, `${link.target}.${link.targetHandle}`);
  const from = `${link.source}.${link.sourceHandle}`;
  const to = `${link.target}.${link.targetHandle}`;
  const problem = connectionProblem(wf, from, to);
  if (problem) return { ok: false, reason: problem };
  const a = lookupPort(wf, from)!;
  const b = lookupPort(wf, to)!;
  if ((a.port.type === 'json') !== (b.port.type === 'json')) {
    return {
      ok: false,
      reason: `"${from}" carries ${a.port.type ?? 'no data'} but "${to}" carries ${b.port.type ?? 'no data'}`,
    };
  }
  const ft = fullPortType(a.node, a.port);
  const tt = fullPortType(b.node, b.port);
  if (a.port.type !== 'json' && normalType(ft) !== normalType(tt)) {
    return { ok: false, reason: `"${from}" has type ${ft || 'no data'} but "${to}" has type ${tt || 'no data'}` };
  }
  const id = freshId(wf, 'edge', `${link.source}-${link.target}`);
  return { ok: true, change: { type: 'edge.add', edge: { id, from, to } } };
}
