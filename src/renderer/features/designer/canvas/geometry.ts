/**
 * Where port handles sit on a drawn node, computed rather than measured:
 * React Flow can then draw edges (and fit the view) for nodes that are off
 * screen and never rendered, which is what keeps 1,000 nodes fast. Sizes come
 * from the engine's layout module, so auto-layout and the canvas agree.
 */
import type { ProcessNode } from '../../../../engine/workflow';
import { BUS_SIZE, NODE_WIDTH, nodeHeight, PORT_ROW, PORTS_TOP } from '../../../../engine/workflow';
import type { NodeHandle } from '@xyflow/react';
import { Position } from '@xyflow/react';

export { BUS_SIZE, NODE_WIDTH, nodeHeight, PORT_ROW, PORTS_TOP };

const HANDLE = 10;

/** Handles of a process node: inputs down the left side, outputs down the right, one per row. */
export function processHandles(node: ProcessNode): NodeHandle[] {
  const out: NodeHandle[] = [];
  let ins = 0;
  let outs = 0;
  for (const port of node.ports) {
    const row = port.dir === 'in' ? ins++ : outs++;
    const y = PORTS_TOP + row * PORT_ROW + PORT_ROW / 2 - HANDLE / 2;
    out.push(
      port.dir === 'in'
        ? { id: port.name, type: 'target', position: Position.Left, x: -HANDLE / 2, y, width: HANDLE, height: HANDLE }
        : {
            id: port.name,
            type: 'source',
            position: Position.Right,
            x: NODE_WIDTH - HANDLE / 2,
            y,
            width: HANDLE,
            height: HANDLE,
          },
    );
  }
  return out;
}

/** A bus junction takes members from the left (writers) and gives to the right (readers). */
export const BUS_IN = 'bus-in';
export const BUS_OUT = 'bus-out';

export function busHandles(): NodeHandle[] {
  const y = BUS_SIZE / 2 - HANDLE / 2;
  return [
    { id: BUS_IN, type: 'target', position: Position.Left, x: -HANDLE / 2, y, width: HANDLE, height: HANDLE },
    {
      id: BUS_OUT,
      type: 'source',
      position: Position.Right,
      x: BUS_SIZE - HANDLE / 2,
      y,
      width: HANDLE,
      height: HANDLE,
    },
  ];
}

/** Where a node without a stored position goes: a grid in document order, right of the origin. */
export function defaultPosition(index: number): { x: number; y: number } {
  return { x: 80 + (index % 6) * 300, y: 80 + Math.floor(index / 6) * 220 };
}
