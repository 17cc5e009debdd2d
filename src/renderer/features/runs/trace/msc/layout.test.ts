import { describe, expect, it } from 'vitest';
import type { TraceRow } from '../rows';
import { extendLanes, lanesOf, mscSvg, rowDescription, rowShape } from './layout';

const row = (seq: number, event: string, processes: string[], payload?: unknown): TraceRow => ({
  seq,
  kind: 'event',
  event,
  channel: event.split('.')[0] ?? null,
  processes,
  hidden: false,
  hasPayload: payload !== undefined,
  ...(payload !== undefined ? { payload } : {}),
  time: 0,
});

describe('message sequence chart layout', () => {
  it('draws a synchronisation as arrows from the first process and a lone step as a note', () => {
    const lanes = lanesOf(['Phil(0)', 'Fork(0)', 'Fork(1)']);
    expect(rowShape(row(1, 'pick.0', ['Phil(0)', 'Fork(0)', 'Fork(1)']), lanes)).toEqual({
      lanes: [0, 1, 2],
      label: 'pick.0',
      note: false,
    });
    expect(rowShape(row(2, 'thinks.0', ['Phil(0)']), lanes).note).toBe(true);
    expect(rowShape(row(3, 'out', ['Fork(1)', 'Phil(0)'], { v: 1 }), lanes)).toMatchObject({
      lanes: [2, 0],
      label: 'out {"v":1}',
    });
    expect(rowDescription(row(4, 'eats.1', ['Phil(1)', 'Fork(1)', 'Fork(2)']))).toBe(
      'Step 4: eats.1, Phil(1) → Fork(1), Fork(2)',
    );
  });

  it('adds a lane for a process met in a row, and never drops one', () => {
    const lanes = extendLanes(lanesOf(['A']), [row(1, 'x', ['B', 'A']), row(2, 'y', ['C'])]);
    expect(lanes.names).toEqual(['A', 'B', 'C']);
    expect(extendLanes(lanes, [row(3, 'z', ['A'])])).toBe(lanes);
  });

  it('exports a standalone SVG with a lane per process, an arrow per receiver and escaped text', () => {
    const lanes = lanesOf(['P', 'Q', 'R']);
    const svg = mscSvg([row(1, 'c.1', ['P', 'Q', 'R']), row(2, 'note', ['Q'], '<&>')], lanes, 100);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="300"')).toBe(true);
    expect(svg.match(/marker-end/g)).toHaveLength(2);
    expect(svg).toContain('>1. c.1<');
    expect(svg).toContain('2. note &quot;&lt;&amp;&gt;&quot;');
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(3);
  });
});
