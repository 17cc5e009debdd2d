import { describe, expect, it } from 'vitest';
import { pipeline } from '../document/test-workflows';
import { reduce } from '../document/reduce';
import { drawingOrigin, layoutChange } from './auto-layout';

describe('auto-layout changes', () => {
  it('starts the new drawing where the old one started', () => {
    expect(drawingOrigin(pipeline())).toEqual({ x: 0, y: 0 });
  });

  it('moves only nodes that exist and change place, as one undo step', () => {
    const wf = pipeline();
    const change = layoutChange(wf, { producer: { x: 0, y: 0 }, consumer: { x: 400, y: 10 }, gone: { x: 1, y: 1 } });
    expect(change).toEqual({
      type: 'batch',
      label: 'Auto-layout',
      changes: [{ type: 'nodes.move', positions: { consumer: { x: 400, y: 10 } } }],
    });
    const r = reduce(wf, change!);
    expect(r.ok && r.workflow.layout['consumer']).toEqual({ x: 400, y: 10 });
    expect(layoutChange(wf, { producer: { x: 0, y: 0 } })).toBeUndefined();
  });
});
