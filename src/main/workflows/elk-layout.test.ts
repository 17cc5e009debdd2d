import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCspm, layoutPositions, layoutRequest, loadWorkflowYaml } from '../../engine/workflow';
import { elkLayout } from './elk-layout';

const fixture = (name: string): string => readFileSync(`src/engine/workflow/__fixtures__/import/${name}`, 'utf8');

describe('ELK layout of imports', () => {
  it('lays out columns along the flow and keeps edges from crossing', () => {
    const text = `channel x, y : {0..1}
A = x!0 -> A
B = y!1 -> B
C = y?v -> C
D = x?v -> D
SYSTEM = (A ||| B) [| {| x, y |} |] (C ||| D)
`;
    const r = importCspm(text, { file: 'cross.csp', layout: elkLayout });
    expect(r.ok).toBe(true);
    const at = r.workflow!.layout;
    const edges = r.workflow!.edges.map((e) => [e.from.split('.')[0]!, e.to.split('.')[0]!] as const);
    for (const [from, to] of edges) expect(at[to]!.x).toBeGreaterThan(at[from]!.x);
    const [e1, e2] = edges;
    expect(Math.sign(at[e1![0]]!.y - at[e2![0]]!.y)).toBe(Math.sign(at[e1![1]]!.y - at[e2![1]]!.y));
  });

  it('places buses too, and starts the drawing at (80, 80) on whole pixels', () => {
    const r = importCspm(fixture('relay-hidden.csp'), { file: 'relay-hidden.csp', layout: elkLayout });
    const at = r.workflow!.layout;
    expect(Object.keys(at).sort()).toEqual(['clk', 'in', 'mid', 'out']);
    expect(at['mid']!.x).toBeGreaterThan(at['in']!.x);
    expect(Math.min(...Object.values(at).map((p) => p.x))).toBe(80);
    expect(Math.min(...Object.values(at).map((p) => p.y))).toBe(80);
    for (const p of Object.values(at)) expect(Number.isInteger(p.x) && Number.isInteger(p.y)).toBe(true);
  });

  it('handles cycles: a ring of nodes gets distinct places with no overlap', () => {
    const text = readFileSync('resources/examples/dining-philosophers.yaml', 'utf8');
    const wf = loadWorkflowYaml(text).workflow!;
    const at = layoutPositions(elkLayout(layoutRequest(wf)));
    expect(Object.keys(at).sort()).toEqual(wf.processes.map((p) => p.id).sort());
    const req = layoutRequest(wf);
    const boxes = req.children.map((c) => ({ ...at[c.id]!, w: c.width, h: c.height }));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
      }
  });

  it('is deterministic: the same workflow gives the same positions', () => {
    const wf = loadWorkflowYaml(readFileSync('resources/examples/smart-city.yaml', 'utf8')).workflow!;
    expect(layoutPositions(elkLayout(layoutRequest(wf)))).toEqual(layoutPositions(elkLayout(layoutRequest(wf))));
  });

  it('reports a malformed request as an error, not a crash', () => {
    const bad = {
      id: 'root',
      layoutOptions: {},
      children: [],
      edges: [{ id: 'e', sources: ['nowhere'], targets: ['nothing'] }],
    };
    expect(() => elkLayout(bad)).toThrow(/ELK layout failed/);
  });
});
