import { describe, expect, it } from 'vitest';
import { validateWorkflow } from '../../../../engine/workflow';
import { reduce } from '../document/reduce';
import { pipeline } from '../document/test-workflows';
import { edgeToBus } from './edge-to-bus';

describe('edgeToBus', () => {
  it('replaces a synchronous edge with a bus of its two ports, in one step', () => {
    const base = reduce(pipeline(), {
      type: 'edge.update',
      id: 'e1',
      edge: { id: 'e1', from: 'producer.out', to: 'consumer.inp' },
      channel: null,
    });
    if (!base.ok) throw new Error(base.reason);
    const plan = edgeToBus(base.workflow, 'e1');
    if (!plan.ok) throw new Error(plan.reason);
    const r = reduce(base.workflow, plan.change);
    if (!r.ok) throw new Error(r.reason);
    expect(r.workflow.edges).toEqual([]);
    expect(r.workflow.buses).toEqual([
      { id: 'e1', name: 'e1', type: '{0..2}', members: ['producer.out', 'consumer.inp'] },
    ]);
    expect(r.workflow.layout['e1']).toEqual({ x: 260, y: 0 });
    expect(validateWorkflow(r.workflow).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('refuses a buffered edge and an unknown edge', () => {
    expect(edgeToBus(pipeline(), 'e1')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^a buffered edge cannot become a bus/),
    });
    expect(edgeToBus(pipeline(), 'zz')).toEqual({ ok: false, reason: 'no edge "zz"' });
  });
});
