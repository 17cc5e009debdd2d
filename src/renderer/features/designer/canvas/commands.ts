/**
 * The canvas's commands (registered while it is shown): delete, select all,
 * copy, cut, paste, duplicate, auto-layout, zoom to fit, 100%, find nodes. Each is in the
 * palette with its keys and in the Edit or View menu.
 */
import { useReactFlow, useStoreApi } from '@xyflow/react';
import type { ReactFlowInstance } from '@xyflow/react';
import type { Point } from '../../../../engine/workflow';
import { useRegisterCommands } from '../../../commands';
import type { Command } from '../../../commands';
import {
  extractFragment,
  fragmentFromYaml,
  fragmentOrigin,
  fragmentToYaml,
  placeFragment,
} from '../clipboard/fragment';
import { readClipboard, writeClipboard } from '../clipboard/system';
import { useDocument } from '../document';
import type { Fragment } from '../document';
import { autoLayout, layoutChange } from '../layout/auto-layout';
import { useCanvas } from './canvas-store';
import { fitCanvas } from './fit';
import { selectedEdgeToBus } from './edge-to-bus';
import { groupSelection, selectedGroups } from './group-commands';
import { toggleGroup } from './GroupNodeView';
import type { DesignerEdge, DesignerNode } from './graph';

const open = (): boolean => useDocument.getState().workflow !== undefined;
const hasSelection = (): boolean => {
  const { selection, workflow } = useDocument.getState();
  return workflow !== undefined && (selection.nodes.length > 0 || selection.edges.length > 0);
};

const refuse = (label: string, reason: string): void => useDocument.getState().refuse(label, reason);

/** Repeated pastes of the same text step down and right, so copies do not hide each other. */
const pasted = { count: 0, text: '' };

/** Inserts a placed fragment and selects what was inserted. */
function insert(fragment: Fragment, label: string): void {
  const doc = useDocument.getState();
  const result = doc.apply({ type: 'batch', label, changes: [{ type: 'fragment.insert', fragment }] });
  if (result.ok)
    doc.select({
      nodes: [...fragment.processes.map((p) => p.id), ...fragment.buses.map((b) => b.id)],
      edges: fragment.edges.map((e) => e.id),
    });
}

async function copySelection(cut: boolean): Promise<void> {
  const { workflow, selection, apply } = useDocument.getState();
  if (!workflow) return;
  const fragment = extractFragment(workflow, selection);
  if (fragment.processes.length + fragment.buses.length === 0)
    return refuse(cut ? 'Cut' : 'Copy', 'select nodes to copy (edges are copied with both their nodes)');
  await writeClipboard(fragmentToYaml(fragment, workflow.name));
  if (cut)
    apply({
      type: 'batch',
      label: `Cut ${fragment.processes.length + fragment.buses.length} nodes`,
      changes: [{ type: 'elements.remove', nodes: selection.nodes, edges: selection.edges }],
    });
}

/**
 * Zooms to fit once React Flow draws the nodes at `positions`: a document
 * change reaches it a render later, and fitting earlier frames the old drawing.
 */
async function fitWhenPlaced(
  flow: ReactFlowInstance<DesignerNode, DesignerEdge>,
  domNode: Element | null,
  positions: Readonly<Record<string, Point>>,
): Promise<void> {
  const placed = (): boolean =>
    Object.entries(positions).every(([id, p]) => {
      const n = flow.getNode(id);
      // A member of a collapsed group is not drawn: nothing to wait for.
      return n === undefined || (n.position.x === p.x && n.position.y === p.y);
    });
  for (let frame = 0; frame < 240 && !placed(); frame++) await new Promise((r) => requestAnimationFrame(r));
  await fitCanvas(flow, domNode, { maxZoom: 1.2, duration: 250 });
}

export function useCanvasCommands(): void {
  const flow = useReactFlow<DesignerNode, DesignerEdge>();
  const store = useStoreApi<DesignerNode, DesignerEdge>();

  /** Where a paste lands: the middle of what the canvas shows, shifted a little for each repeated paste. */
  const pastePoint = (repeat: number): Point => {
    const el = document.querySelector('.designer-canvas');
    const box = el?.getBoundingClientRect();
    const centre = box
      ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
      : { x: 0, y: 0 };
    return { x: Math.round(centre.x - 110 + repeat * 30), y: Math.round(centre.y - 60 + repeat * 30) };
  };

  const commands: Command[] = [
    {
      id: 'edit.cut',
      title: 'Cut',
      category: 'Edit',
      keys: ['Mod+X'],
      menu: 'Edit',
      order: 20,
      group: 'clipboard',
      when: hasSelection,
      run: () => copySelection(true),
    },
    {
      id: 'edit.copy',
      title: 'Copy',
      category: 'Edit',
      keys: ['Mod+C'],
      menu: 'Edit',
      order: 21,
      group: 'clipboard',
      when: hasSelection,
      run: () => copySelection(false),
    },
    {
      id: 'edit.paste',
      title: 'Paste',
      category: 'Edit',
      keys: ['Mod+V'],
      menu: 'Edit',
      order: 22,
      group: 'clipboard',
      when: open,
      run: async () => {
        const read = await readClipboard();
        if (!read.ok) return refuse('Paste', read.reason);
        const parsed = fragmentFromYaml(read.text);
        if (!parsed.ok) return refuse('Paste', parsed.reason);
        const wf = useDocument.getState().workflow;
        if (!wf) return;
        pasted.count = read.text === pasted.text ? pasted.count + 1 : 0;
        pasted.text = read.text;
        insert(placeFragment(wf, parsed.fragment, pastePoint(pasted.count)), 'Paste');
      },
    },
    {
      id: 'edit.duplicate',
      title: 'Duplicate',
      category: 'Edit',
      keys: ['Mod+D'],
      menu: 'Edit',
      order: 23,
      group: 'clipboard',
      when: hasSelection,
      run: () => {
        const { workflow, selection } = useDocument.getState();
        if (!workflow) return;
        const fragment = extractFragment(workflow, selection);
        if (fragment.processes.length + fragment.buses.length === 0)
          return refuse('Duplicate', 'select nodes to duplicate');
        const origin = fragmentOrigin(fragment);
        insert(placeFragment(workflow, fragment, { x: origin.x + 40, y: origin.y + 40 }), 'Duplicate');
      },
    },
    {
      id: 'edit.delete',
      title: 'Delete',
      category: 'Edit',
      keys: ['Delete', 'Backspace'],
      menu: 'Edit',
      order: 30,
      group: 'selection',
      when: hasSelection,
      run: () => {
        const { selection, apply } = useDocument.getState();
        apply({ type: 'elements.remove', nodes: selection.nodes, edges: selection.edges });
      },
    },
    {
      id: 'edit.selectAll',
      title: 'Select All',
      category: 'Edit',
      keys: ['Mod+A'],
      menu: 'Edit',
      order: 31,
      group: 'selection',
      when: open,
      run: () => {
        const { workflow, select } = useDocument.getState();
        if (workflow)
          select({
            nodes: [...workflow.processes.map((p) => p.id), ...workflow.buses.map((b) => b.id)],
            edges: workflow.edges.map((e) => e.id),
          });
      },
    },
    {
      id: 'designer.find',
      title: 'Find Node',
      category: 'Designer',
      keys: ['Mod+F'],
      menu: 'Edit',
      order: 40,
      group: 'find',
      when: open,
      run: () => useCanvas.getState().openSearch(true),
    },
    {
      id: 'designer.group',
      title: 'Group Selection',
      category: 'Designer',
      keys: ['Mod+G'],
      menu: 'Edit',
      order: 46,
      group: 'arrange',
      when: hasSelection,
      run: () => {
        const r = groupSelection();
        if (r !== undefined) refuse('Group', r);
      },
    },
    {
      id: 'designer.ungroup',
      title: 'Ungroup',
      category: 'Designer',
      keys: ['Mod+Shift+G'],
      menu: 'Edit',
      order: 47,
      group: 'arrange',
      when: () => selectedGroups().length > 0,
      run: () => {
        const groups = selectedGroups();
        useDocument
          .getState()
          .apply({ type: 'batch', label: 'Ungroup', changes: groups.map((id) => ({ type: 'group.dissolve', id })) });
      },
    },
    {
      id: 'designer.toggleGroup',
      title: 'Collapse or Expand Group',
      category: 'Designer',
      menu: 'Edit',
      order: 48,
      group: 'arrange',
      when: () => selectedGroups().length === 1,
      run: () => {
        const [id] = selectedGroups();
        if (id !== undefined) toggleGroup(id);
      },
    },
    {
      id: 'designer.edgeToBus',
      title: 'Turn Edge into Bus',
      category: 'Designer',
      menu: 'Edit',
      order: 49,
      group: 'arrange',
      when: () => useDocument.getState().selection.edges.length === 1,
      run: () => {
        const r = selectedEdgeToBus();
        if (r !== undefined) refuse('Turn edge into bus', r);
      },
    },
    {
      id: 'designer.autoLayout',
      title: 'Auto-layout',
      category: 'Designer',
      keys: ['Shift+Alt+T'],
      menu: 'Edit',
      order: 45,
      group: 'arrange',
      when: open,
      run: async () => {
        const wf = useDocument.getState().workflow;
        if (!wf) return;
        const positions = await autoLayout(wf);
        // The document may have changed while ELK worked: move what is still there.
        const now = useDocument.getState().workflow;
        const change = now ? layoutChange(now, positions) : undefined;
        if (change) useDocument.getState().apply(change);
        await fitWhenPlaced(flow, store.getState().domNode, change ? positions : {});
      },
    },
    {
      id: 'view.zoomToFit',
      title: 'Zoom to Fit',
      category: 'View',
      keys: ['Shift+1'],
      menu: 'View',
      order: 60,
      group: 'zoom',
      when: open,
      run: () => void fitCanvas(flow, store.getState().domNode, { duration: 200 }),
    },
    {
      id: 'view.zoom100',
      title: 'Zoom to 100%',
      category: 'View',
      keys: ['Shift+0'],
      menu: 'View',
      order: 61,
      group: 'zoom',
      when: open,
      run: () => void flow.zoomTo(1, { duration: 200 }),
    },
    {
      id: 'view.zoomIn',
      title: 'Zoom In',
      category: 'View',
      keys: ['Mod+='],
      menu: 'View',
      order: 62,
      group: 'zoom',
      when: open,
      run: () => void flow.zoomIn({ duration: 150 }),
    },
    {
      id: 'view.zoomOut',
      title: 'Zoom Out',
      category: 'View',
      keys: ['Mod+-'],
      menu: 'View',
      order: 63,
      group: 'zoom',
      when: open,
      run: () => void flow.zoomOut({ duration: 150 }),
    },
  ];
  useRegisterCommands(commands, [flow]);
}
