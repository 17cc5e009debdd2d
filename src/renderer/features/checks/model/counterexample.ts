/**
 * A counterexample in the workflow's own terms: each event of the trace with
 * the edge, node or bus it happened on (from the host's `traceSources`) and
 * the nodes to highlight, and each component with the node it came from.
 * Pure: the workflow passed in is the one on screen, so renamed nodes show
 * their new names; ids that are gone leave the raw CSPm event, never a guess.
 */
import { splitPortRef } from '../../../../engine/workflow';
import type { Workflow } from '../../../../engine/workflow';
import type { AssertionReport } from './check-view';

export type Counterexample = NonNullable<AssertionReport['counterexample']>;

export interface ElementRef {
  readonly kind: 'node' | 'edge' | 'bus';
  readonly id: string;
}

export interface CounterexampleStep {
  /** 1-based position in the trace. */
  readonly step: number;
  /** The CSPm event, as the checker printed it. */
  readonly event: string;
  readonly element: ElementRef | undefined;
  /** Where it happened, in node and edge names: "Phil.left → Fork.grip", "Phil › thinks", "bus Clock"; '' when unknown. */
  readonly where: string;
  /** What to light on the canvas for this step. */
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
  /**
   * Refusal testing (`[R=`, `[RD=`) only: what the process refused in the
   * stable state it performed this event from, or null when that state was
   * not stable (nothing refused was observed); undefined in other models.
   */
  readonly refused?: readonly string[] | null;
}

export interface ComponentState {
  /** The CSPm process, e.g. `Phil(2)`. */
  readonly name: string;
  /** The node (or edge buffer, bus) it came from, in names; '' when it has none. */
  readonly element: ElementRef | undefined;
  readonly where: string;
  readonly trace: readonly string[];
  /** Its final state as a CSPm term. */
  readonly state: string;
}

/** "edge lefthand" → { kind: 'edge', id: 'lefthand' }. */
export function parseSource(source: string | null | undefined): ElementRef | undefined {
  const m = /^(node|edge|bus) (.+)$/.exec(source ?? '');
  return m ? { kind: m[1] as ElementRef['kind'], id: m[2] as string } : undefined;
}

function nodeName(wf: Workflow | undefined, id: string): string | undefined {
  return wf?.processes.find((p) => p.id === id)?.name;
}

/** "phil.left" → "Phil.left" (the node's name; the id when the node is gone). */
function portLabel(wf: Workflow | undefined, ref: string): { label: string; node: string } {
  const { node, port } = splitPortRef(ref);
  return { label: `${nodeName(wf, node) ?? node}.${port}`, node };
}

/** The place of one element, in names, and what it lights. */
export function placeOf(
  wf: Workflow | undefined,
  element: ElementRef | undefined,
  event: string,
): Pick<CounterexampleStep, 'where' | 'nodes' | 'edges'> {
  if (!element) return { where: '', nodes: [], edges: [] };
  if (element.kind === 'edge') {
    const edge = wf?.edges.find((e) => e.id === element.id);
    if (!edge) return { where: `edge ${element.id}`, nodes: [], edges: [element.id] };
    const from = portLabel(wf, edge.from);
    const to = portLabel(wf, edge.to);
    const channel = edge.channel === undefined ? undefined : wf?.channels.find((c) => c.id === edge.channel)?.name;
    const named = channel !== undefined && channel !== edge.id ? ` (${channel})` : '';
    return { where: `${from.label} → ${to.label}${named}`, nodes: [from.node, to.node], edges: [edge.id] };
  }
  if (element.kind === 'bus') {
    const bus = wf?.buses.find((b) => b.id === element.id);
    return { where: `bus ${bus?.name ?? element.id}`, nodes: [element.id], edges: [] };
  }
  const name = nodeName(wf, element.id) ?? element.id;
  // The event's channel is the node's own port (an unconnected one): name it.
  const port = /^[A-Za-z_][A-Za-z0-9_']*/.exec(event)?.[0];
  const hasPort =
    port !== undefined && wf?.processes.find((p) => p.id === element.id)?.ports.some((p) => p.name === port);
  return { where: hasPort ? `${name} › ${port}` : name, nodes: [element.id], edges: [] };
}

export function counterexampleSteps(ce: Counterexample, wf: Workflow | undefined): CounterexampleStep[] {
  return ce.trace.map((event, i) => {
    const element = parseSource(ce.traceSources?.[i]);
    const refused = ce.refusals?.[i];
    return {
      step: i + 1,
      event,
      element,
      ...placeOf(wf, element, event),
      ...(refused !== undefined ? { refused } : {}),
    };
  });
}

/** A step's refusal in words: "refused {milk}", "refused nothing", or "not stable: no refusal". */
export function refusalText(refused: readonly string[] | null): string {
  if (refused === null) return 'not stable: no refusal';
  return refused.length === 0 ? 'refused nothing' : `refused {${refused.join(', ')}}`;
}

export function componentStates(ce: Counterexample, wf: Workflow | undefined): ComponentState[] {
  return ce.components.map((c) => {
    const element = parseSource(c.source);
    const where =
      element?.kind === 'node'
        ? (nodeName(wf, element.id) ?? element.id)
        : element
          ? placeOf(wf, element, '').where
          : '';
    return { name: c.name, element, where, trace: c.trace, state: c.state };
  });
}

/** One line for people, as `csp check` says it: "deadlock after 10 events". */
export function describeFailure(ce: Counterexample): string {
  const after =
    ce.trace.length === 0 ? 'at the start' : `after ${ce.trace.length} event${ce.trace.length === 1 ? '' : 's'}`;
  const why =
    ce.terminates === true
      ? ' (it can terminate there, and a process that can terminate may refuse every other event)'
      : '';
  switch (ce.kind) {
    case 'deadlock':
      return `deadlock ${after}`;
    case 'divergence':
      return `divergence ${after}`;
    case 'refusal':
      return `refuses {${(ce.refused ?? []).join(', ')}} ${after}${why}`;
    case 'revival':
      return `refuses {${(ce.refused ?? []).join(', ')}} and accepts ${ce.event ?? '?'} in one state ${after}, which the specification cannot`;
    case 'trace':
      return `performs ${ce.event ?? '?'} ${after}, which the specification does not allow`;
    case 'nondeterminism':
      return `may both accept and refuse ${ce.event ?? '?'} ${after}${why}`;
    case 'no-trace':
      return `cannot perform ${ce.event ?? '?'} ${after}`;
  }
}
