/**
 * The designer canvas: the open workflow drawn with React Flow. It reads the
 * document store and turns gestures into document changes (moves when a drag
 * ends, connections, drops from the palette, selection); everything else
 * (delete, copy, layout, zoom) is a command, see ./commands.
 */
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  SelectionMode,
  useReactFlow,
  useStoreApi,
} from '@xyflow/react';
import type {
  Connection,
  EdgeChange,
  EdgeTypes,
  FinalConnectionState,
  IsValidConnection,
  NodeChange,
  NodeTypes,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { DragEvent, ReactElement } from 'react';
import type { Point } from '../../../../engine/workflow';
import { useResolvedTheme } from '../../../app/theme';
import { runCommand } from '../../../commands';
import { useDocument } from '../document';
import type { Selection } from '../document';
import { useDiagnostics } from '../diagnostics';
import { newNode } from '../kinds/kinds';
import type { NodeKind } from '../kinds/kinds';
import { BusNodeView } from './BusNodeView';
import { useCanvas } from './canvas-store';
import { fitCanvas } from './fit';
import { BusMemberEdgeView, ChannelEdgeView } from './ChannelEdgeView';
import { useCanvasCommands } from './commands';
import { planConnection } from './connect';
import { GraphProjector, NO_PROBLEMS, summarise } from './graph';
import { GroupNodeView } from './GroupNodeView';
import type { DesignerEdge, DesignerNode } from './graph';
import { NodeSearch } from './NodeSearch';
import { PALETTE_MIME } from './palette-drag';
import { RefusalNotice } from './RefusalNotice';
import { ProcessNodeView } from './ProcessNodeView';
import { useCanvasReadOnly, useRunLayer } from './run-layer';
import './run-layer.css';
import '../designer.css';

// Constant objects: React Flow warns (and re-mounts every node) when these change.
const NODE_TYPES: NodeTypes = { process: ProcessNodeView, bus: BusNodeView, subnet: GroupNodeView } as NodeTypes;
const EDGE_TYPES: EdgeTypes = { channel: ChannelEdgeView, busMember: BusMemberEdgeView } as EdgeTypes;

/** Minimap colour classes: per kind for processes, and for buses and groups. */
function minimapClass(n: DesignerNode): string {
  return n.type === 'process' ? `mm-${n.data.node.kind}` : `mm-${n.type === 'subnet' ? 'group' : n.type}`;
}

/** Above this many nodes only what is on screen is rendered. */
const VISIBLE_ONLY_ABOVE = 150;

const round = (p: Point): Point => ({ x: Math.round(p.x), y: Math.round(p.y) });

function applySelection(
  sel: Selection,
  changes: readonly { id: string; selected: boolean }[],
  key: 'nodes' | 'edges',
): Selection {
  const ids = new Set(sel[key]);
  for (const c of changes) {
    if (c.selected) ids.add(c.id);
    else ids.delete(c.id);
  }
  return { ...sel, [key]: [...ids] };
}

function Flow(): ReactElement {
  const workflow = useDocument((s) => s.workflow);
  const docId = useDocument((s) => s.ref?.workflowId);
  const selection = useDocument((s) => s.selection);
  const byTarget = useDiagnostics((s) => s.byTarget);
  const dragging = useCanvas((s) => s.dragging);
  const theme = useResolvedTheme();
  const flow = useReactFlow<DesignerNode, DesignerEdge>();
  const store = useStoreApi<DesignerNode, DesignerEdge>();
  // While a run is open the graph is read-only: nothing moves, connects or drops (the document also refuses edits).
  const readOnly = useCanvasReadOnly();
  const projector = useRef(new GraphProjector());
  useCanvasCommands();

  const graph = useMemo(() => {
    if (!workflow) return { nodes: [], edges: [] };
    const summaries = new Map<string, ReturnType<typeof summarise>>();
    return projector.current.project({
      workflow,
      selectedNodes: new Set(selection.nodes),
      selectedEdges: new Set(selection.edges),
      dragging,
      problems: (key) => {
        if (!byTarget.has(key)) return NO_PROBLEMS;
        let s = summaries.get(key);
        if (!s) summaries.set(key, (s = summarise(byTarget.get(key))));
        return s;
      },
    });
  }, [workflow, selection, dragging, byTarget]);

  // The palette places nodes at the middle of the view.
  useEffect(() => {
    useCanvas.getState().setViewCentre(() => {
      const box = document.querySelector('.designer-canvas')?.getBoundingClientRect();
      return box
        ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
        : { x: 0, y: 0 };
    });
    return () => useCanvas.getState().setViewCentre(undefined);
  }, [flow]);

  // A revealed node, bus or edge comes to the middle of the view.
  const focus = useCanvas((s) => s.focus);
  useEffect(() => {
    if (!focus || focus.target.kind === 'workflow' || focus.target.kind === 'assertion' || !focus.target.id) return;
    const wf = useDocument.getState().workflow;
    const nodeId =
      focus.target.kind === 'edge'
        ? wf?.edges.find((e) => e.id === focus.target.id)?.from.split('.')[0]
        : focus.target.id;
    const node = nodeId === undefined ? undefined : flow.getNode(nodeId);
    if (!node) return;
    void flow.setCenter(node.position.x + (node.width ?? 200) / 2, node.position.y + (node.height ?? 80) / 2, {
      zoom: Math.max(flow.getZoom(), 0.8),
      duration: 250,
    });
  }, [focus, flow]);

  // Highlighted nodes (a counterexample's event) are brought into view when off screen; the zoom stays.
  const highlight = useCanvas((s) => s.highlight);
  useEffect(() => {
    if (!highlight || highlight.nodes.length === 0) return;
    const box = document.querySelector('.designer-canvas')?.getBoundingClientRect();
    const placed = highlight.nodes.flatMap((id) => {
      const n = flow.getNode(id);
      return n ? [{ x: n.position.x, y: n.position.y, w: n.width ?? 200, h: n.height ?? 80 }] : [];
    });
    if (!box || placed.length === 0) return;
    const topLeft = flow.screenToFlowPosition({ x: box.left, y: box.top });
    const bottomRight = flow.screenToFlowPosition({ x: box.right, y: box.bottom });
    const x0 = Math.min(...placed.map((p) => p.x));
    const y0 = Math.min(...placed.map((p) => p.y));
    const x1 = Math.max(...placed.map((p) => p.x + p.w));
    const y1 = Math.max(...placed.map((p) => p.y + p.h));
    if (x0 >= topLeft.x && y0 >= topLeft.y && x1 <= bottomRight.x && y1 <= bottomRight.y) return;
    void flow.setCenter((x0 + x1) / 2, (y0 + y1) / 2, { zoom: flow.getZoom(), duration: 250 });
  }, [highlight, flow]);

  // A newly opened workflow is shown whole; a large one at half size or more, around its middle (the
  // minimap shows the rest, Shift+1 fits it all): fitting 1,000 nodes would draw every one of them.
  useEffect(() => {
    if (docId === undefined) return;
    const large = (useDocument.getState().workflow?.processes.length ?? 0) > VISIBLE_ONLY_ABOVE;
    const frame = requestAnimationFrame(
      () => void fitCanvas(flow, store.getState().domNode, { maxZoom: 1.2, ...(large ? { minZoom: 0.5 } : {}) }),
    );
    return () => cancelAnimationFrame(frame);
  }, [docId, flow, store]);

  // A run opens its side panel (and closing it gives the room back): the canvas changes width, so a
  // small drawing is fitted again rather than left half under the panel. A large one keeps its view.
  const wasReadOnly = useRef(readOnly);
  useEffect(() => {
    if (wasReadOnly.current === readOnly) return;
    wasReadOnly.current = readOnly;
    if ((useDocument.getState().workflow?.processes.length ?? 0) > VISIBLE_ONLY_ABOVE) return;
    const frame = requestAnimationFrame(
      () => void fitCanvas(flow, store.getState().domNode, { maxZoom: 1.2, duration: 200 }),
    );
    return () => cancelAnimationFrame(frame);
  }, [readOnly, flow, store]);

  // Where an expanded group's frame and members were when its drag began (the frame's place is derived from them).
  const graphRef = useRef(graph);
  graphRef.current = graph;
  const frameDrags = useRef(new Map<string, { frame: Point; members: Map<string, Point> }>());

  const onNodesChange = useCallback((changes: NodeChange<DesignerNode>[]) => {
    const canvas = useCanvas.getState();
    const doc = useDocument.getState();
    let moving: Map<string, Point> | undefined;
    const finished: Record<string, Point> = {};
    const selects: { id: string; selected: boolean }[] = [];
    const moved = new Set(changes.filter((c) => c.type === 'position').map((c) => c.id));
    for (const c of changes) {
      if (c.type === 'position' && c.position) {
        const frame = graphRef.current.nodes.find((n) => n.id === c.id);
        if (frame?.type === 'subnet' && !frame.data.shape.collapsed) {
          // Dragging a frame moves its members by as much.
          let start = frameDrags.current.get(c.id);
          if (!start) {
            const members = new Map<string, Point>();
            for (const m of frame.data.shape.group.members) {
              const at = graphRef.current.nodes.find((n) => n.id === m)?.position;
              if (at) members.set(m, at);
            }
            start = { frame: frame.position, members };
            frameDrags.current.set(c.id, start);
          }
          const dx = c.position.x - start.frame.x;
          const dy = c.position.y - start.frame.y;
          for (const [m, at] of start.members) {
            if (moved.has(m)) continue;
            const to = { x: at.x + dx, y: at.y + dy };
            if (c.dragging) (moving ??= new Map(canvas.dragging)).set(m, to);
            else finished[m] = round(to);
          }
          if (!c.dragging) frameDrags.current.delete(c.id);
          continue;
        }
        if (c.dragging) (moving ??= new Map(canvas.dragging)).set(c.id, c.position);
        else finished[c.id] = round(c.position);
      } else if (c.type === 'select') selects.push(c);
    }
    if (moving) canvas.setDragging(moving);
    if (Object.keys(finished).length > 0) {
      doc.apply({ type: 'nodes.move', positions: finished });
      canvas.setDragging(new Map());
    }
    if (selects.length > 0) doc.select(applySelection(doc.selection, selects, 'nodes'));
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<DesignerEdge>[]) => {
    const doc = useDocument.getState();
    const selects = changes.filter(
      (c): c is Extract<EdgeChange<DesignerEdge>, { type: 'select' }> => c.type === 'select',
    );
    if (selects.length > 0) doc.select(applySelection(doc.selection, selects, 'edges'));
  }, []);

  const isValidConnection: IsValidConnection<DesignerEdge> = useCallback((c) => {
    const wf = useDocument.getState().workflow;
    return (
      wf !== undefined &&
      planConnection(wf, {
        source: c.source,
        sourceHandle: c.sourceHandle,
        target: c.target,
        targetHandle: c.targetHandle,
      }).ok
    );
  }, []);

  const onConnect = useCallback((c: Connection) => {
    const doc = useDocument.getState();
    if (!doc.workflow) return;
    const plan = planConnection(doc.workflow, c);
    if (plan.ok) doc.apply(plan.change);
  }, []);

  // A drop on a port that was refused while dragging: say why (the handle only turned red).
  const onConnectEnd = useCallback((_e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    const doc = useDocument.getState();
    if (state.isValid !== false || !state.fromHandle || !state.toHandle || !doc.workflow) return;
    const from = state.fromHandle.type === 'source' ? state.fromHandle : state.toHandle;
    const to = state.fromHandle.type === 'source' ? state.toHandle : state.fromHandle;
    const plan = planConnection(doc.workflow, {
      source: from.nodeId,
      sourceHandle: from.id,
      target: to.nodeId,
      targetHandle: to.id,
    });
    if (!plan.ok) doc.refuse('Connect', plan.reason);
  }, []);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(PALETTE_MIME) as NodeKind;
      const doc = useDocument.getState();
      if (!kind || !doc.workflow || useRunLayer.getState().active) return;
      e.preventDefault();
      const node = newNode(doc.workflow, kind);
      const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const result = doc.apply({ type: 'node.add', node, position: round({ x: at.x - 110, y: at.y - 20 }) });
      if (result.ok) doc.select({ nodes: [node.id], edges: [] });
    },
    [flow],
  );

  const onEdgeMouseEnter = useCallback(
    (_e: unknown, edge: DesignerEdge) => useCanvas.getState().hoverEdge(edge.id),
    [],
  );
  const onEdgeMouseLeave = useCallback(() => useCanvas.getState().hoverEdge(undefined), []);

  return (
    <ReactFlow<DesignerNode, DesignerEdge>
      nodes={graph.nodes}
      edges={graph.edges}
      nodeTypes={NODE_TYPES}
      edgeTypes={EDGE_TYPES}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      onConnectEnd={onConnectEnd}
      isValidConnection={isValidConnection}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onEdgeMouseEnter={onEdgeMouseEnter}
      onEdgeMouseLeave={onEdgeMouseLeave}
      colorMode={theme}
      proOptions={{ hideAttribution: true }}
      minZoom={0.05}
      maxZoom={2.5}
      deleteKeyCode={null}
      selectionKeyCode={null}
      multiSelectionKeyCode="Shift"
      selectionOnDrag
      selectionMode={SelectionMode.Partial}
      panOnDrag={[1, 2]}
      panActivationKeyCode="Space"
      onlyRenderVisibleElements={graph.nodes.length > VISIBLE_ONLY_ABOVE}
      elevateEdgesOnSelect
      elevateNodesOnSelect={false}
      aria-label="Workflow canvas"
    >
      <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
      <MiniMap pannable zoomable ariaLabel="Minimap" nodeClassName={minimapClass} />
      <Controls showInteractive={false} position="bottom-left" />
      <Panel position="top-right" className="canvas-toolbar" aria-label="Canvas tools">
        <button type="button" onClick={() => runCommand('designer.autoLayout')} title="Auto-layout (Shift+Alt+T)">
          Auto-layout
        </button>
        <button type="button" onClick={() => runCommand('designer.find')} title="Find node (Ctrl+F)">
          Find
        </button>
        <button type="button" onClick={() => runCommand('view.zoomToFit')} title="Zoom to fit (Shift+1)">
          Fit
        </button>
      </Panel>
    </ReactFlow>
  );
}

/** The words on the tinted frame during a run (its own component: a new label re-renders only this). */
function RunFrameLabel(): ReactElement {
  const label = useRunLayer((s) => s.label);
  return (
    <div className="run-frame-label" role="status" aria-label="Debug mode">
      {label}
    </div>
  );
}

export function DesignerCanvas(): ReactElement {
  const searchOpen = useCanvas((s) => s.searchOpen);
  const readOnly = useCanvasReadOnly();
  return (
    <div
      className={`designer-canvas${readOnly ? ' run-active' : ''}`}
      role="region"
      aria-label="Canvas"
      aria-readonly={readOnly ? true : undefined}
    >
      {readOnly ? <RunFrameLabel /> : null}
      <ReactFlowProvider>
        <Flow />
        {searchOpen ? <NodeSearch /> : null}
        <RefusalNotice />
      </ReactFlowProvider>
    </div>
  );
}
