import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadWorkflowYaml, saveWorkflowYaml, validateWorkflowText, WorkflowSchema } from '../../../../engine/workflow';
import type { Workflow } from '../../../../engine/workflow';
import { analyseWorkflow, byTarget, targetOf } from './analyse';

function two(behaviour: string): Workflow {
  return WorkflowSchema.parse({
    version: 1,
    name: 'Two',
    processes: [
      { id: 'a', name: 'A', kind: 'csp', ports: [{ name: 'out', dir: 'out' }], behaviour: 'out -> A' },
      { id: 'b', name: 'B', kind: 'csp', ports: [{ name: 'in', dir: 'in' }], behaviour },
    ],
    edges: [{ id: 'ab', from: 'a.out', to: 'b.in' }],
  });
}

describe('analyseWorkflow', () => {
  it('finds nothing in a correct workflow', () => {
    expect(analyseWorkflow(two('in -> B'))).toEqual([]);
  });

  it('places a CSPm error inside the behaviour of its node, with csp validate`s message', () => {
    const wf = two('in -> -> B');
    const found = analyseWorkflow(wf);
    expect(found.length).toBeGreaterThan(0);
    const first = found[0]!;
    expect(first).toMatchObject({
      severity: 'error',
      target: { kind: 'node', id: 'b' },
      field: 'behaviour',
      path: 'processes[1].behaviour',
    });
    expect(first.inText).toEqual({ line: 1, column: 7 });
    // The same message as `csp validate` on the saved file.
    const text = saveWorkflowYaml(wf);
    const cli = validateWorkflowText(text).diagnostics.find((d) => d.path === 'processes[1].behaviour');
    expect(cli?.message).toBe(first.message);
  });

  it('an undefined name in a behaviour is an error on that node', () => {
    const found = analyseWorkflow(two('in -> Nowhere'));
    expect(found.map((d) => [d.target, d.field])).toContainEqual([{ kind: 'node', id: 'b' }, 'behaviour']);
  });

  it('places edge, channel and port problems on their element', () => {
    const wf = WorkflowSchema.parse({
      version: 1,
      name: 'Typed',
      processes: [
        {
          id: 'a',
          name: 'A',
          kind: 'csp',
          ports: [{ name: 'out', dir: 'out', type: '{0..1}' }],
          behaviour: 'out!0 -> A',
        },
        { id: 'b', name: 'B', kind: 'csp', ports: [{ name: 'inp', dir: 'in', type: 'Bool' }], behaviour: 'inp?x -> B' },
      ],
      channels: [{ id: 'c', name: 'c', close: true }],
      edges: [{ id: 'ab', from: 'a.out', to: 'b.inp', channel: 'c' }],
    });
    const found = analyseWorkflow(wf);
    const keys = [...byTarget(found).keys()];
    expect(keys).toContain('edge:ab');
    expect(found.find((d) => d.field === 'channel.close')?.message).toBe(
      'close needs a buffered channel (set capacity)',
    );
    expect(found.find((d) => d.target.kind === 'edge' && d.field === '')?.message).toBe(
      '"a.out" has type {0..1} but "b.inp" has type Bool',
    );
  });

  it('maps paths to targets', () => {
    const wf = two('in -> B');
    expect(targetOf(wf, 'processes[0].ports[0].type')).toEqual({
      target: { kind: 'node', id: 'a' },
      field: 'ports[0].type',
    });
    expect(targetOf(wf, 'edges[0].to')).toEqual({ target: { kind: 'edge', id: 'ab' }, field: 'to' });
    expect(targetOf(wf, 'declarations')).toEqual({ target: { kind: 'workflow' }, field: 'declarations' });
    expect(targetOf(wf, '')).toEqual({ target: { kind: 'workflow' }, field: '' });
  });

  it('finds no errors in the examples (they are valid files)', () => {
    for (const name of ['dining-philosophers', 'sensor-alerts', 'trading-desk']) {
      const loaded = loadWorkflowYaml(readFileSync(`resources/examples/${name}.yaml`, 'utf8'));
      expect(loaded.ok).toBe(true);
      expect(analyseWorkflow(loaded.workflow!).filter((d) => d.severity === 'error')).toEqual([]);
    }
  });
});
