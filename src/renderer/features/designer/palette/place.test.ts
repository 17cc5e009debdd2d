import { describe, expect, it } from 'vitest';
import { pipeline } from '../document/test-workflows';
import { besideAll, freeSpot } from './place';

describe('placing from the palette', () => {
  it('steps aside from a node at the same place', () => {
    const wf = pipeline();
    expect(freeSpot(wf, { x: 0.4, y: 0 })).toEqual({ x: 40, y: 40 });
    expect(freeSpot(wf, { x: 1000, y: 1000 })).toEqual({ x: 1000, y: 1000 });
  });

  it('goes right of everything when there is no view to aim at', () => {
    expect(besideAll(pipeline())).toEqual({ x: 600, y: 0 });
  });
});
