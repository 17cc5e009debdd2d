import { describe, expect, it } from 'vitest';
import { reduce } from '../document/reduce';
import { pipeline } from '../document/test-workflows';
import type { Workflow } from '../../../../engine/workflow';
import type { GraphInput } from './graph';
import { GraphProjector, NO_PROBLEMS } from './graph';
import { FRAME_HEADER, FRAME_PAD } from './groups';

function grouped(collapsed: boolean): Workflow {
  const r = reduce(pipeline(), {
    type: 'group.add',
    group: { id: 'g', name: 'Pair', members: ['producer', 'consumer'], ...(collapsed ? { collapsed } : {}) },
    position: { x: 40, y: 400 },
  });
  if (!r.ok) throw new Error(r.reason);
  return r.workflow;
}

const input = (workflow: Workflow): GraphInput => ({
  workflow,
  selectedNodes: new Set(),
  selectedEdges: new Set(),
  dragging: new Map(),
  problems: () => NO_PROBLEMS,
});

describe('groups on the canvas', () => {
  it('draws an expanded group as a frame around its members, behind them', () => {
    const { nodes, edges } = new GraphProjector().project(input(grouped(false)));
    expect(nodes.map((n) => n.id)).toEqual(['g', 'producer', 'consumer', 'logger']);
    const frame = nodes[0]!;
    expect(frame).toMatchObject({
      type: 'subnet',
      zIndex: -1,
      ariaLabel: 'Group Pair',
      position: { x: -FRAME_PAD, y: -FRAME_PAD - FRAME_HEADER },
    });
    expect(frame.width).toBe(300 + 220 + 2 * FRAME_PAD);
    expect(edges).toHaveLength(1);
  });

  it('draws a collapsed group as one node at its place; lines inside it are not drawn', () => {
    const { nodes, edges } = new GraphProjector().project(input(grouped(true)));
    expect(nodes.map((n) => n.id)).toEqual(['g', 'logger']);
    expect(nodes[0]).toMatchObject({
      type: 'subnet',
      position: { x: 40, y: 400 },
      ariaLabel: 'Group Pair (collapsed)',
    });
    expect(edges).toEqual([]);
  });

  it('moves an edge leaving a collapsed group onto a port of the group', () => {
    let wf = grouped(true);
    const r = reduce(wf, {
      type: 'batch',
      label: 'wire',
      changes: [
        {
          type: 'node.update',
          id: 'logger',
          node: { ...wf.processes[2]!, ports: [{ name: 'line', dir: 'in', type: '{0..2}' }] } as never,
        },
        {
          type: 'node.update',
          id: 'producer',
          node: {
            ...wf.processes[0]!,
            ports: [
              { name: 'out', dir: 'out', type: '{0..2}' },
              { name: 'tap', dir: 'out', type: '{0..2}' },
            ],
          } as never,
        },
        { type: 'edge.add', edge: { id: 'tap', from: 'producer.tap', to: 'logger.line' } },
      ],
    });
    if (!r.ok) throw new Error(r.reason);
    wf = r.workflow;
    const { nodes, edges } = new GraphProjector().project(input(wf));
    expect(edges.map((e) => [e.id, e.source, e.sourceHandle, e.target, e.targetHandle])).toEqual([
      ['tap', 'g', 'producer:tap', 'logger', 'line'],
    ]);
    expect(nodes[0]!.handles).toEqual([
      expect.objectContaining({ id: 'producer:tap', type: 'source', position: 'right' }),
    ]);
  });
});
