/**
 * Buffered edges that carry JSON. A buffered edge compiles to a buffer
 * process (docs/workflow-semantics.md#buffered-edges-and-close) whose events carry at most the payload's
 * abstraction, so a CSP buffer would hand the reader `null`. Such a buffer
 * runs as a code node instead: the same FIFO (a BufferNode), its compiled
 * buffer process kept as the contract the monitor enforces, and the payload
 * travelling with each value from `c` to `c_out`.
 */
import type { NetworkSpec } from '../../../engine/runtime/network/network';
import { splitPortRef, type Workflow } from '../../../engine/workflow';
import { edgeName, type SourceMap } from '../../../engine/workflow/source-map';
import type { BuiltinPort } from './base';
import { BufferNode } from './transforms';

/** The network with a payload-carrying FIFO in place of each JSON buffered edge's buffer process. */
export function attachEdgeBuffers(spec: NetworkSpec, wf: Workflow, map: SourceMap): NetworkSpec {
  const byComponent = new Map<string, { ports: BuiltinPort[]; capacity: number }>();
  for (const [proc, entry] of Object.entries(map.names)) {
    if (entry.kind !== 'buffer') continue;
    const edge = wf.edges.find((e) => e.id === entry.edge);
    if (edge === undefined) continue;
    const { node, port } = splitPortRef(edge.from);
    if (wf.processes.find((p) => p.id === node)?.ports.find((p) => p.name === port)?.type !== 'json') continue;
    const channel = wf.channels.find((c) => c.id === (edge.channel ?? edge.id));
    const write = edgeName(map, edge.id, 'write');
    const read = edgeName(map, edge.id, 'read');
    const close = edgeName(map, edge.id, 'close');
    const closed = edgeName(map, edge.id, 'closed');
    if (channel?.capacity === undefined || write === undefined || read === undefined) continue;
    const rules = channel.json?.abstraction;
    const abstraction =
      rules !== undefined
        ? {
            abstraction: {
              rules,
              ...(channel.json?.fallback !== undefined ? { fallback: channel.json.fallback } : {}),
            },
          }
        : {};
    const component = spec.components.find((c) => c.name === proc); // workflow-net names buffers after their process
    if (component === undefined) continue;
    byComponent.set(component.name, {
      capacity: channel.capacity,
      ports: [
        {
          name: 'in',
          dir: 'in',
          channels: [write],
          json: true,
          bare: false,
          ...abstraction,
          ...(close !== undefined ? { closeEvents: [close] } : {}),
        },
        {
          name: 'out',
          dir: 'out',
          channels: [read],
          json: true,
          bare: false,
          ...abstraction,
          ...(closed !== undefined ? { closeEvents: [closed] } : {}),
        },
      ],
    });
  }
  if (byComponent.size === 0) return spec;
  return {
    ...spec,
    components: spec.components.map((c) => {
      const b = byComponent.get(c.name);
      if (b === undefined || c.code !== undefined) return c;
      return { ...c, code: (outside) => new BufferNode({ ports: b.ports, events: spec.events, outside }, b.capacity) };
    }),
  };
}
