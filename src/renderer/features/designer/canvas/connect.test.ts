import { describe, expect, it } from 'vitest';
import { WorkflowSchema } from '../../../../engine/workflow';
import { reduce } from '../document/reduce';
import { withBus } from '../document/test-workflows';
import { planConnection } from './connect';

const wf = WorkflowSchema.parse({
  version: 1,
  name: 'C',
  processes: [
    {
      id: 'a',
      name: 'A',
      kind: 'csp',
      ports: [
        { name: 'out', dir: 'out', type: 'Bool' },
        { name: 'j', dir: 'out', type: 'json' },
      ],
      behaviour: 'out!true -> SKIP',
    },
    {
      id: 'b',
      name: 'B',
      kind: 'csp',
      ports: [
        { name: 'inp', dir: 'in', type: 'Bool' },
        { name: 'n', dir: 'in', type: '{0..1}' },
      ],
      behaviour: 'inp?x -> SKIP',
    },
    { id: 'l', name: 'L', kind: 'log', ports: [{ name: 'line', dir: 'in', type: 'json' }] },
  ],
});

describe('planConnection', () => {
  it('makes an edge with a fresh id between an output and an input of one type', () => {
    const plan = planConnection(wf, { source: 'a', sourceHandle: 'out', target: 'b', targetHandle: 'inp' });
    expect(plan).toEqual({ ok: true, change: { type: 'edge.add', edge: { id: 'a-b', from: 'a.out', to: 'b.inp' } } });
    const applied = reduce(wf, plan.ok ? plan.change : { type: 'batch', label: '', changes: [] });
    expect(applied.ok).toBe(true);
    const again = planConnection(applied.ok ? applied.workflow : wf, {
      source: 'a',
      sourceHandle: 'j',
      target: 'l',
      targetHandle: 'line',
    });
    expect(again).toMatchObject({ ok: true, change: { edge: { id: 'a-l' } } });
  });

  it('refuses types that disagree, JSON against CSPm data, and a second identical edge', () => {
    expect(planConnection(wf, { source: 'a', sourceHandle: 'out', target: 'b', targetHandle: 'n' })).toEqual({
      ok: false,
      reason: '"a.out" has type Bool but "b.n" has type {0..1}',
    });
    expect(planConnection(wf, { source: 'a', sourceHandle: 'out', target: 'l', targetHandle: 'line' })).toEqual({
      ok: false,
      reason: '"a.out" carries Bool but "l.line" carries json',
    });
    const r = reduce(wf, { type: 'edge.add', edge: { id: 'x', from: 'a.out', to: 'b.inp' } });
    expect(
      planConnection(r.ok ? r.workflow : wf, { source: 'a', sourceHandle: 'out', target: 'b', targetHandle: 'inp' }),
    ).toEqual({ ok: false, reason: '"a.out" is already connected to "b.inp" (edge x)' });
    expect(planConnection(wf, { source: 'a', sourceHandle: null, target: 'b', targetHandle: 'inp' })).toEqual({
      ok: false,
      reason: 'connect a port to a port',
    });
  });

  it('adds a port to a bus from either side, refusing a second membership', () => {
    const bus = reduce(withBus(), {
      type: 'node.add',
      node: { id: 'd', name: 'D', kind: 'csp', ports: [{ name: 'tick', dir: 'in' }], behaviour: 'tick -> SKIP' },
      position: { x: 0, y: 0 },
    });
    if (!bus.ok) throw new Error(bus.reason);
    const plan = planConnection(bus.workflow, {
      source: 'clock',
      sourceHandle: 'bus-out',
      target: 'd',
      targetHandle: 'tick',
    });
    expect(plan).toMatchObject({
      ok: true,
      change: { type: 'bus.update', bus: { members: ['a.tick', 'b.tick', 'c.tick', 'd.tick'] } },
    });
    expect(
      planConnection(bus.workflow, { source: 'a', sourceHandle: 'tick', target: 'clock', targetHandle: 'bus-in' }),
    ).toEqual({ ok: false, reason: 'port "a.tick" is already a member of bus "clock"' });
  });

  it('a port of a collapsed group stands for the member`s port', () => {
    expect(planConnection(wf, { source: 'grp', sourceHandle: 'a:out', target: 'b', targetHandle: 'inp' })).toEqual({
      ok: true,
      change: { type: 'edge.add', edge: { id: 'a-b', from: 'a.out', to: 'b.inp' } },
    });
  });
});
