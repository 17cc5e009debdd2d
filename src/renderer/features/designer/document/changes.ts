/**
 * Every edit of the open workflow is one of these typed change objects. A pure
 * reducer (./reduce) applies it or refuses it with a reason; the document
 * store (./store) keeps the undo history. Changes carry whole records (the
 * properties panel builds the new node, the canvas the new positions), so a
 * reducer only has to check the record and keep references consistent.
 */
import type {
  Assertion,
  Bus,
  Channel,
  Group,
  Edge,
  Point,
  ProcessNode,
  Settings,
  Workflow,
  WorkflowBreakpoint,
} from '../../../../engine/workflow';

/** How a change enters the history. */
export interface ChangeMeta {
  /**
   * `false`: applied without an undo step. The change is folded into the
   * history as if it had always been there, so undo never reverts it.
   */
  readonly undo?: false;
  /** Consecutive changes with the same key make one undo step (typing in one field). */
  readonly coalesce?: string;
}

/** Nodes, buses, edges and their channel records, as copied, pasted or duplicated. */
export interface Fragment {
  readonly processes: readonly ProcessNode[];
  readonly buses: readonly Bus[];
  readonly edges: readonly Edge[];
  readonly channels: readonly Channel[];
  /** Positions by node or bus id. */
  readonly layout: Readonly<Record<string, Point>>;
  /** Parameters of the source workflow: the ones the target lacks are added. */
  readonly parameters?: Readonly<Record<string, number | boolean>>;
  /** Declarations of the source workflow: appended unless the target already holds them. */
  readonly declarations?: string;
}

export type DocChangeBody =
  | { readonly type: 'node.add'; readonly node: ProcessNode; readonly position: Point }
  /**
   * Replaces node `id` with `node`. When the id changes, edges, buses and the
   * layout follow. `portRenames` (old name → new name) makes edges follow a
   * renamed port; edges and bus members of ports that are gone are removed.
   */
  | {
      readonly type: 'node.update';
      readonly id: string;
      readonly node: ProcessNode;
      readonly portRenames?: Readonly<Record<string, string>>;
    }
  /**
   * Removes nodes and buses by id (with their edges and bus memberships), groups
   * by id (with their members), and edges by id.
   */
  | { readonly type: 'elements.remove'; readonly nodes: readonly string[]; readonly edges: readonly string[] }
  /** New positions of nodes, buses or collapsed groups. */
  | { readonly type: 'nodes.move'; readonly positions: Readonly<Record<string, Point>> }
  /** A new edge, with its channel record when it has settings (type, capacity, hidden, JSON). */
  | { readonly type: 'edge.add'; readonly edge: Edge; readonly channel?: Channel }
  /** Replaces edge `id`; `channel` replaces its channel record, `null` removes the record. */
  | { readonly type: 'edge.update'; readonly id: string; readonly edge: Edge; readonly channel?: Channel | null }
  | { readonly type: 'bus.add'; readonly bus: Bus; readonly position: Point }
  /** Replaces bus `id` (a new id moves its layout entry). */
  | { readonly type: 'bus.update'; readonly id: string; readonly bus: Bus }
  | { readonly type: 'parameters.set'; readonly parameters: Readonly<Record<string, number | boolean>> }
  /** The workflow's CSPm declarations; '' removes them. */
  | { readonly type: 'declarations.set'; readonly text: string }
  | { readonly type: 'description.set'; readonly text: string }
  /** The workflow's name; the store uses it after a rename on the host. */
  | { readonly type: 'name.set'; readonly name: string }
  | { readonly type: 'settings.set'; readonly settings: Settings | undefined }
  /** The debugger's breakpoints (presentation: also accepted while a run makes the document read-only). */
  | { readonly type: 'breakpoints.set'; readonly breakpoints: readonly WorkflowBreakpoint[] }
  | { readonly type: 'assertion.add'; readonly assertion: Assertion }
  | { readonly type: 'assertion.update'; readonly id: string; readonly assertion: Assertion }
  | { readonly type: 'assertions.remove'; readonly ids: readonly string[] }
  /** Adds copied or duplicated records; every id must be free (see ../clipboard for fresh ids). */
  | { readonly type: 'fragment.insert'; readonly fragment: Fragment }
  /** A new group of existing nodes and buses; `position` is where it is drawn when collapsed. */
  | { readonly type: 'group.add'; readonly group: Group; readonly position: Point }
  /** Replaces group `id` (name, members, collapsed). */
  | { readonly type: 'group.update'; readonly id: string; readonly group: Group }
  /** Removes group `id`, leaving its members where they are. */
  | { readonly type: 'group.dissolve'; readonly id: string }
  /** The whole workflow at once (an import into the open document, a migration). */
  | { readonly type: 'workflow.replace'; readonly workflow: Workflow }
  /** Several changes applied together as one step; refused as a whole if any part is. */
  | { readonly type: 'batch'; readonly label: string; readonly changes: readonly DocChange[] };

export type DocChange = DocChangeBody & ChangeMeta;

export type ReduceResult =
  { readonly ok: true; readonly workflow: Workflow } | { readonly ok: false; readonly reason: string };

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** A short label for the Edit menu ("Undo Move 3 nodes") and the status line. */
export function describeChange(change: DocChange): string {
  switch (change.type) {
    case 'node.add':
      return `Add ${change.node.name}`;
    case 'node.update':
      return `Edit ${change.node.name}`;
    case 'elements.remove': {
      const parts = [
        change.nodes.length > 0 ? count(change.nodes.length, 'node') : '',
        change.edges.length > 0 ? count(change.edges.length, 'edge') : '',
      ];
      return `Delete ${parts.filter((p) => p !== '').join(' and ')}`;
    }
    case 'nodes.move':
      return `Move ${count(Object.keys(change.positions).length, 'node')}`;
    case 'edge.add':
      return `Connect ${change.edge.from} to ${change.edge.to}`;
    case 'edge.update':
      return `Edit edge ${change.edge.id}`;
    case 'bus.add':
      return `Add bus ${change.bus.name}`;
    case 'bus.update':
      return `Edit bus ${change.bus.name}`;
    case 'parameters.set':
      return 'Edit parameters';
    case 'declarations.set':
      return 'Edit declarations';
    case 'description.set':
      return 'Edit description';
    case 'name.set':
      return `Rename to ${change.name}`;
    case 'settings.set':
      return 'Edit settings';
    case 'breakpoints.set':
      return 'Edit breakpoints';
    case 'assertion.add':
      return 'Add assertion';
    case 'assertion.update':
      return 'Edit assertion';
    case 'assertions.remove':
      return `Delete ${count(change.ids.length, 'assertion')}`;
    case 'fragment.insert':
      return `Insert ${count(change.fragment.processes.length + change.fragment.buses.length, 'node')}`;
    case 'group.add':
      return `Group ${count(change.group.members.length, 'node')}`;
    case 'group.update':
      return `Edit group ${change.group.name}`;
    case 'group.dissolve':
      return 'Ungroup';
    case 'workflow.replace':
      return 'Replace workflow';
    case 'batch':
      return change.label;
  }
}
