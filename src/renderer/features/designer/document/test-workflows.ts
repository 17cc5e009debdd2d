/** Small workflows for the document tests, built through the model's schema as a file would be. */
import { WorkflowSchema } from '../../../../engine/workflow';
import type { CspNode, ProcessNode, Workflow } from '../../../../engine/workflow';

/** producer.out → consumer.in, plus a lone logger. */
export function pipeline(): Workflow {
  return WorkflowSchema.parse({
    version: 1,
    name: 'Pipeline',
    parameters: { N: 3 },
    processes: [
      {
        id: 'producer',
        name: 'Producer',
        kind: 'csp',
        ports: [{ name: 'out', dir: 'out', type: '{0..2}' }],
        behaviour: 'out!0 -> SKIP',
      },
      {
        id: 'consumer',
        name: 'Consumer',
        kind: 'csp',
        ports: [{ name: 'inp', dir: 'in', type: '{0..2}' }],
        behaviour: 'inp?x -> SKIP',
      },
      { id: 'logger', name: 'Logger', kind: 'log', ports: [{ name: 'line', dir: 'in', type: 'json' }] },
    ],
    channels: [{ id: 'wire', name: 'wire', capacity: 2 }],
    edges: [{ id: 'e1', from: 'producer.out', to: 'consumer.inp', channel: 'wire' }],
    assertions: [{ id: 'dl', text: 'SYSTEM :[deadlock free]' }],
    layout: { producer: { x: 0, y: 0 }, consumer: { x: 300, y: 0 }, logger: { x: 300, y: 200 } },
  });
}

/** Three nodes on a bus. */
export function withBus(): Workflow {
  return WorkflowSchema.parse({
    version: 1,
    name: 'Bus',
    processes: ['a', 'b', 'c'].map((id) => ({
      id,
      name: id.toUpperCase(),
      kind: 'csp',
      ports: [{ name: 'tick', dir: 'out' }],
      behaviour: 'tick -> SKIP',
    })),
    buses: [{ id: 'clock', name: 'clock', members: ['a.tick', 'b.tick', 'c.tick'] }],
    layout: { a: { x: 0, y: 0 }, b: { x: 0, y: 100 }, c: { x: 0, y: 200 }, clock: { x: 200, y: 100 } },
  });
}

export function cspNode(id: string, ports: ProcessNode['ports'] = []): CspNode {
  return { id, name: id, kind: 'csp', ports, behaviour: 'STOP' };
}
