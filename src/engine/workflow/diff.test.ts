import { describe, expect, it } from 'vitest';
import { diffWorkflows, formatDiff } from './diff';
import { WorkflowSchema } from './model';
import type { Workflow } from './model';

function wf(over: Partial<Record<string, unknown>> = {}): Workflow {
  return WorkflowSchema.parse({
    version: 1,
    name: 'Pipe',
    processes: [
      { id: 'a', name: 'A', kind: 'csp', ports: [{ name: 'out', dir: 'out' }], behaviour: 'out -> A' },
      { id: 'b', name: 'B', kind: 'csp', ports: [{ name: 'in', dir: 'in' }], behaviour: 'in -> B' },
    ],
    edges: [{ id: 'e', from: 'a.out', to: 'b.in' }],
    layout: { a: { x: 0, y: 0 }, b: { x: 100, y: 0 } },
    ...over,
  });
}

describe('diffWorkflows', () => {
  it('finds nothing between equal documents', () => {
    const d = diffWorkflows(wf(), wf());
    expect(d.identical).toBe(true);
    expect(formatDiff(d)).toEqual(['no differences']);
  });

  it('reports a layout-only change as moved only, not as a change', () => {
    const d = diffWorkflows(wf(), wf({ layout: { a: { x: 5, y: 0 }, b: { x: 100, y: 0 } } }));
    expect(d.identical).toBe(false);
    expect(d.nodes.movedOnly).toEqual(['a']);
    expect(d.nodes.changed).toEqual([]);
  });

  it('reports added, removed and changed nodes, edges and behaviours', () => {
    const b = wf({
      processes: [
        { id: 'a', name: 'A', kind: 'csp', ports: [{ name: 'out', dir: 'out' }], behaviour: 'out -> out -> A' },
        { id: 'c', name: 'C', kind: 'csp', ports: [{ name: 'in', dir: 'in' }], behaviour: 'in -> C' },
      ],
      edges: [{ id: 'e2', from: 'a.out', to: 'c.in' }],
    });
    const d = diffWorkflows(wf(), b);
    expect(d.nodes.added).toEqual(['c']);
    expect(d.nodes.removed).toEqual(['b']);
    expect(d.nodes.changed).toEqual([{ id: 'a', fields: ['behaviour'] }]);
    expect(d.behaviours.changed).toEqual([{ id: 'a', fields: ['behaviour'] }]);
    expect(d.behaviours.added).toEqual(['c']);
    expect(d.edges).toEqual({ added: ['e2'], removed: ['e'], changed: [] });
    expect(formatDiff(d)).toContain('~ node a (behaviour)');
  });

  it('reports document-level changes', () => {
    const d = diffWorkflows(wf(), wf({ name: 'Other', parameters: { N: 2 } }));
    expect(d.workflow).toEqual(['name', 'parameters']);
  });
});
