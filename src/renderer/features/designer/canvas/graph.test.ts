import { describe, expect, it } from 'vitest';
import { WorkflowSchema } from '../../../../engine/workflow';
import { reduce } from '../document/reduce';
import { pipeline, withBus } from '../document/test-workflows';
import type { GraphInput } from './graph';
import { busMemberId, GraphProjector, NO_PROBLEMS } from './graph';

function input(workflow: GraphInput['workflow'], over: Partial<GraphInput> = {}): GraphInput {
  return {
    workflow,
    selectedNodes: new Set(),
    selectedEdges: new Set(),
    dragging: new Map(),
    problems: () => NO_PROBLEMS,
    ...over,
  };
}

describe('GraphProjector', () => {
  it('draws every node with its name, size, handles and stored position', () => {
    const { nodes, edges } = new GraphProjector().project(input(pipeline()));
    expect(nodes.map((n) => [n.id, n.ariaLabel, n.position])).toEqual([
      ['producer', 'Producer', { x: 0, y: 0 }],
      ['consumer', 'Consumer', { x: 300, y: 0 }],
      ['logger', 'Logger', { x: 300, y: 200 }],
    ]);
    expect(nodes[0]!.handles).toEqual([expect.objectContaining({ id: 'out', type: 'source', position: 'right' })]);
    expect(nodes[1]!.handles).toEqual([expect.objectContaining({ id: 'inp', type: 'target', position: 'left' })]);
    expect(edges).toHaveLength(1);
    expect(edges[0]).toMatchObject({
      source: 'producer',
      sourceHandle: 'out',
      target: 'consumer',
      targetHandle: 'inp',
      type: 'channel',
    });
    expect(edges[0]!.data).toMatchObject({ type: '{0..2}', channel: { capacity: 2 } });
  });

  it('gives every node and bus its size as measured too (a queued fit waits for measured sizes)', () => {
    const { nodes } = new GraphProjector().project(input(withBus()));
    expect(nodes.length).toBeGreaterThan(1);
    for (const n of nodes) {
      expect(n.measured).toEqual({ width: n.width, height: n.height });
      expect(n.width).toBeGreaterThan(0);
    }
  });

  it('hands back the same objects for what an edit did not touch', () => {
    const projector = new GraphProjector();
    const wf = pipeline();
    const first = projector.project(input(wf));
    const moved = reduce(wf, { type: 'nodes.move', positions: { consumer: { x: 1, y: 2 } } });
    if (!moved.ok) throw new Error(moved.reason);
    const second = projector.project(input(moved.workflow, { selectedNodes: new Set(['logger']) }));
    expect(second.nodes[0]).toBe(first.nodes[0]);
    expect(second.nodes[1]).not.toBe(first.nodes[1]);
    expect(second.nodes[1]!.position).toEqual({ x: 1, y: 2 });
    expect(second.nodes[2]!.selected).toBe(true);
    expect(second.edges[0]).toBe(first.edges[0]);
  });

  it('overlays positions of a drag under way', () => {
    const { nodes } = new GraphProjector().project(
      input(pipeline(), { dragging: new Map([['producer', { x: 50, y: 60 }]]) }),
    );
    expect(nodes[0]!.position).toEqual({ x: 50, y: 60 });
  });

  it('draws a bus as a junction with one line per member, in the member port`s direction', () => {
    const wf = withBus();
    const { nodes, edges } = new GraphProjector().project(input(wf));
    expect(nodes.find((n) => n.id === 'clock')).toMatchObject({ type: 'bus', ariaLabel: 'Bus clock' });
    expect(edges.map((e) => e.id)).toEqual([
      busMemberId('clock', 'a.tick'),
      busMemberId('clock', 'b.tick'),
      busMemberId('clock', 'c.tick'),
    ]);
    expect(edges[0]).toMatchObject({ source: 'a', sourceHandle: 'tick', target: 'clock', targetHandle: 'bus-in' });
  });

  it('puts nodes without a stored position on a grid, and shows the type of replicated and JSON ports', () => {
    const wf = WorkflowSchema.parse({
      version: 1,
      name: 'R',
      parameters: { N: 3 },
      processes: [
        {
          id: 'w',
          name: 'W',
          kind: 'csp',
          replicate: 'i in {0..N-1}',
          ports: [{ name: 'o', dir: 'out', type: 'Bool', index: 'i' }],
          behaviour: 'o.i!true -> SKIP',
        },
        {
          id: 'c',
          name: 'C',
          kind: 'csp',
          ports: [{ name: 'x', dir: 'in', type: '{0..N-1}.Bool' }],
          behaviour: 'x?i?b -> SKIP',
        },
      ],
      edges: [{ id: 'wc', from: 'w.o', to: 'c.x' }],
    });
    const { nodes, edges } = new GraphProjector().project(input(wf));
    expect(nodes[0]!.position).toEqual({ x: 80, y: 80 });
    expect(nodes[1]!.position).toEqual({ x: 380, y: 80 });
    expect(edges[0]!.data!.type).toBe('{0..N-1}.Bool');
  });
});
