/**
 * The one entry point for edits: `reduce(workflow, change)` applies a typed
 * change with its pure reducer and returns the new workflow, or refuses it
 * with a reason (the workflow is then unchanged). Records that did not change
 * keep their identity, so the canvas re-renders only what an edit touched.
 */
import type { Workflow } from '../../../../engine/workflow';
import type { DocChange, ReduceResult } from './changes';
import { refuse } from './check';
import {
  addAssertion,
  insertFragment,
  removeAssertions,
  replaceWorkflow,
  setDeclarations,
  setDescription,
  setName,
  setParameters,
  setSettings,
  setBreakpoints,
  updateAssertion,
} from './reduce-doc';
import { addBus, addEdge, updateBus, updateEdge } from './reduce-edges';
import { addGroup, dissolveGroup, updateGroup } from './reduce-groups';
import { addNode, moveNodes, removeElements, updateNode } from './reduce-nodes';

export function reduce(wf: Workflow, change: DocChange): ReduceResult {
  switch (change.type) {
    case 'node.add':
      return addNode(wf, change.node, change.position);
    case 'node.update':
      return updateNode(wf, change.id, change.node, change.portRenames);
    case 'elements.remove':
      return removeElements(wf, change.nodes, change.edges);
    case 'nodes.move':
      return moveNodes(wf, change.positions);
    case 'edge.add':
      return addEdge(wf, change.edge, change.channel);
    case 'edge.update':
      return updateEdge(wf, change.id, change.edge, change.channel);
    case 'bus.add':
      return addBus(wf, change.bus, change.position);
    case 'bus.update':
      return updateBus(wf, change.id, change.bus);
    case 'parameters.set':
      return setParameters(wf, change.parameters);
    case 'declarations.set':
      return setDeclarations(wf, change.text);
    case 'description.set':
      return setDescription(wf, change.text);
    case 'name.set':
      return setName(wf, change.name);
    case 'settings.set':
      return setSettings(wf, change.settings);
    case 'breakpoints.set':
      return setBreakpoints(wf, change.breakpoints);
    case 'assertion.add':
      return addAssertion(wf, change.assertion);
    case 'assertion.update':
      return updateAssertion(wf, change.id, change.assertion);
    case 'assertions.remove':
      return removeAssertions(wf, change.ids);
    case 'fragment.insert':
      return insertFragment(wf, change.fragment);
    case 'group.add':
      return addGroup(wf, change.group, change.position);
    case 'group.update':
      return updateGroup(wf, change.id, change.group);
    case 'group.dissolve':
      return dissolveGroup(wf, change.id);
    case 'workflow.replace':
      return replaceWorkflow(change.workflow);
    case 'batch': {
      if (change.changes.length === 0) return refuse(`${change.label}: nothing to do`);
      let next = wf;
      for (const part of change.changes) {
        const r = reduce(next, part);
        if (!r.ok) return refuse(r.reason);
        next = r.workflow;
      }
      return { ok: true, workflow: next };
    }
  }
}
