/**
 * The workflow's breakpoints (kept in the workflow file, `breakpoints:`) as
 * the runtime's breakpoint specs. Pure.
 *
 * A node breakpoint stops at any event on the node's ports: the channels of
 * the edges it sends or receives on and its own unconnected ports. An edge
 * breakpoint stops when a message goes onto the edge (a synchronous edge's
 * channel, a buffered edge's write end), when its condition over `msg` holds.
 * Names come from the compiled workflow's source map.
 */
import { splitPortRef } from '../../../engine/workflow';
import { checkExpression } from '../../../engine/workflow/expr';
import type { Workflow, WorkflowBreakpoint } from '../../../engine/workflow';
import type { SourceMap } from '../../../engine/workflow/source-map';
import type { ParamsIn } from '../../../shared/protocol';

export type RuntimeSpec = ParamsIn<'run.breakpoints.add'>['spec'];

/** `name` alone (a bare event) or with fields (`name.…`). */
function channelSpecs(name: string, payload?: string): RuntimeSpec[] {
  return [name, `${name}.*`].map((pattern) => ({
    kind: 'event' as const,
    pattern,
    ...(payload !== undefined ? { payload } : {}),
  }));
}

/** CSPm channel names of an edge for the given roles. */
function edgeChannels(map: SourceMap, edgeId: string, roles: readonly string[]): string[] {
  return Object.entries(map.names)
    .filter(([, e]) => e.kind === 'edge' && e.id === edgeId && roles.includes(e.role))
    .map(([name]) => name);
}

export function runtimeSpecs(bp: WorkflowBreakpoint, wf: Workflow, map: SourceMap): RuntimeSpec[] {
  if (bp.on === 'contract') return [{ kind: 'contract' }];
  const target = bp.target ?? '';
  if (bp.on === 'edge')
    return edgeChannels(map, target, ['sync', 'write']).flatMap((name) => channelSpecs(name, bp.condition));
  const names = new Set<string>();
  for (const e of wf.edges) {
    if (splitPortRef(e.from).node === target)
      for (const n of edgeChannels(map, e.id, ['sync', 'write', 'close'])) names.add(n);
    if (splitPortRef(e.to).node === target)
      for (const n of edgeChannels(map, e.id, ['sync', 'read', 'closed'])) names.add(n);
  }
  for (const [name, e] of Object.entries(map.names)) {
    if ((e.kind === 'port' && e.nodes.includes(target)) || (e.kind === 'external' && e.node === target))
      names.add(name);
  }
  return [...names].sort().flatMap((n) => channelSpecs(n));
}

/** Whether the breakpoint's node or edge is still in the workflow. */
export function targetExists(bp: WorkflowBreakpoint, wf: Workflow): boolean {
  if (bp.on === 'contract') return true;
  return bp.on === 'node' ? wf.processes.some((p) => p.id === bp.target) : wf.edges.some((e) => e.id === bp.target);
}

/** "node Pager", "edge readings when msg.temp >= 35", "contract violations". */
export function describeBreakpoint(bp: WorkflowBreakpoint, wf: Workflow | undefined): string {
  if (bp.on === 'contract') return 'contract violations';
  if (bp.on === 'node') return `node ${wf?.processes.find((p) => p.id === bp.target)?.name ?? bp.target ?? ''}`;
  const edge = wf?.edges.find((e) => e.id === bp.target);
  const channel = edge?.channel === undefined ? undefined : wf?.channels.find((c) => c.id === edge.channel)?.name;
  return `edge ${channel ?? bp.target ?? ''}${bp.condition !== undefined ? ` when ${bp.condition}` : ''}`;
}

/**
 * What is wrong with an edge breakpoint's condition, said beside the field as it is typed:
 * the runtime binds only `msg` and refuses a condition it cannot parse when the run starts,
 * which a person otherwise learnt from a toast, far from the field, or never (an unknown
 * name just never holds). Undefined when it is fine or empty (no condition: every message).
 */
export function conditionProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const first = checkExpression(text, ['msg'])[0];
  return first === undefined ? undefined : `column ${first.column}: ${first.message}`;
}

/** A fresh breakpoint id: bp1, bp2, … */
export function freshBreakpointId(list: readonly WorkflowBreakpoint[]): string {
  let n = list.length + 1;
  while (list.some((b) => b.id === `bp${n}`)) n++;
  return `bp${n}`;
}
