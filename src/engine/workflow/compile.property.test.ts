/**
 * Property: every valid generated network (nodes, typed ports, fan-in and
 * fan-out edges, buffers with close, buses, hidden channels, replicated
 * nodes) survives the YAML round trip and compiles to CSPm that the CSPm
 * front end and evaluator accept with zero diagnostics.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { load } from '../cspm';
import { loadScript } from '../eval';
import { compileWorkflow } from './compile';
import { WORKFLOW_VERSION, WorkflowSchema } from './model';
import { loadWorkflowYaml } from './yaml-load';
import { saveWorkflowYaml } from './yaml-save';

/** Port name prefix → type: ports with one name always share one type. */
const TYPES = { e: undefined, b: 'Bool', n: '{0..2}', m: 'Msg' } as const;
type Tag = keyof typeof TYPES;
const VALUE: Record<Tag, string> = { e: '', b: '!true', n: '!1', m: '!Ping' };

const network = fc
  .record({
    nodes: fc.array(
      fc.record({
        ports: fc.uniqueArray(
          fc.record({
            tag: fc.constantFrom<Tag>('e', 'b', 'n', 'm'),
            k: fc.integer({ min: 0, max: 2 }),
            dir: fc.constantFrom<'in' | 'out'>('in', 'out'),
          }),
          { selector: (p) => `${p.tag}${p.k}`, maxLength: 4 },
        ),
        replicated: fc.boolean(),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    links: fc.array(
      fc.record({ a: fc.nat(), b: fc.nat(), buffered: fc.boolean(), close: fc.boolean(), hidden: fc.boolean() }),
      { maxLength: 5 },
    ),
    bus: fc.boolean(),
  })
  .map(({ nodes, links, bus }) => {
    const processes = nodes.map((n, i) => {
      const name = `Node${i}`;
      // The same port name on several nodes must keep one direction for edges to pair up; the type comes from the tag.
      const ports = n.ports.map((p) => ({
        name: `${p.tag}${p.k}`,
        dir: p.dir,
        ...(TYPES[p.tag] ? { type: TYPES[p.tag] } : {}),
      }));
      const rec = n.replicated ? `(i)` : '';
      const branches = ports.map((p) => {
        const tag = p.name[0] as Tag;
        const comm = p.dir === 'in' ? (tag === 'e' ? p.name : `${p.name}?x`) : `${p.name}${VALUE[tag]}`;
        return `(${comm} -> ${name}${rec})`;
      });
      return {
        id: `n${i}`,
        name,
        kind: 'csp' as const,
        ports,
        ...(n.replicated ? { replicate: 'i in {0..1}' } : {}),
        behaviour: branches.length === 0 ? 'SKIP' : branches.join(' [] '),
      };
    });
    const outs = processes.flatMap((p) => p.ports.filter((x) => x.dir === 'out').map((x) => ({ node: p.id, port: x })));
    const ins = processes.flatMap((p) => p.ports.filter((x) => x.dir === 'in').map((x) => ({ node: p.id, port: x })));
    const edges: { id: string; from: string; to: string; channel?: string }[] = [];
    const channels: Record<string, unknown>[] = [];
    const used = new Set<string>();
    links.forEach((l, i) => {
      const from = outs.length > 0 ? outs[l.a % outs.length]! : undefined;
      const candidates = from ? ins.filter((x) => x.port.type === from.port.type) : [];
      const to = candidates.length > 0 ? candidates[l.b % candidates.length]! : undefined;
      if (!from || !to) return;
      const buffered = l.buffered;
      const fromRef = `${from.node}.${from.port.name}`;
      const toRef = `${to.node}.${to.port.name}`;
      used.add(fromRef);
      used.add(toRef);
      const id = `link${i}`;
      if (buffered || l.hidden) {
        channels.push({
          id,
          name: id,
          ...(from.port.type ? { type: from.port.type } : {}),
          ...(buffered ? { capacity: 2, ...(l.close ? { close: true } : {}) } : {}),
          ...(l.hidden ? { hidden: true } : {}),
        });
        edges.push({ id, from: fromRef, to: toRef, channel: id });
      } else edges.push({ id, from: fromRef, to: toRef });
    });
    // A bus over the first untyped port name left unconnected on two or more non-replicated nodes.
    const buses: Record<string, unknown>[] = [];
    if (bus) {
      const free = processes
        .filter((p) => !p.replicate)
        .flatMap((p) =>
          p.ports.filter((x) => !x.type && !used.has(`${p.id}.${x.name}`)).map((x) => `${p.id}.${x.name}`),
        );
      const members = [...new Map(free.map((m) => [m.split('.')[0], m])).values()];
      if (members.length >= 2) buses.push({ id: 'tick', name: 'tick', members });
    }
    // Buffered edges carry close events only when the ports are on a buffered edge with close; replicated ends cannot be buffered.
    const fixedChannels = channels.filter((c) => {
      const e = edges.find((x) => x.channel === c['id'])!;
      const rep = (ref: string) => processes.find((p) => p.id === ref.split('.')[0])?.replicate !== undefined;
      if (c['capacity'] !== undefined && (rep(e.from) || rep(e.to))) {
        delete e.channel;
        return false;
      }
      return true;
    });
    return WorkflowSchema.parse({
      // A loaded file is migrated to the newest version, so that is what an equal document holds.
      version: WORKFLOW_VERSION,
      name: 'Generated',
      declarations: 'datatype Msg = Ping | Pong\n',
      channels: fixedChannels,
      processes,
      edges,
      buses,
      assertions: [{ id: 'dl', text: 'SYSTEM :[deadlock free [F]]' }],
    });
  });

describe('compileWorkflow on generated networks', () => {
  it('generates edges, buffers, closes, buses, hidden channels and replicated nodes', () => {
    const sample = fc.sample(network, { numRuns: 200, seed: 42 });
    const count = (f: (wf: (typeof sample)[number]) => boolean) => sample.filter(f).length;
    expect(count((wf) => wf.edges.length >= 2)).toBeGreaterThan(20);
    expect(count((wf) => wf.channels.some((c) => c.capacity !== undefined))).toBeGreaterThan(10);
    expect(count((wf) => wf.channels.some((c) => c.close === true))).toBeGreaterThan(5);
    expect(count((wf) => wf.channels.some((c) => c.hidden === true))).toBeGreaterThan(5);
    expect(count((wf) => wf.buses.length > 0)).toBeGreaterThan(5);
    expect(count((wf) => wf.processes.some((p) => p.replicate !== undefined) && wf.edges.length > 0)).toBeGreaterThan(
      10,
    );
  });

  it('round-trips through YAML and compiles to CSPm with zero front-end and evaluator diagnostics', () => {
    fc.assert(
      fc.property(network, (wf) => {
        const yaml = saveWorkflowYaml(wf);
        const loaded = loadWorkflowYaml(yaml);
        expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(loaded.workflow).toEqual(wf);
        const c = compileWorkflow(loaded.workflow!);
        expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const front = load(c.cspm, { file: 'generated.csp' });
        expect(front.diagnostics).toEqual([]);
        expect(loadScript(front.ast).diagnostics).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });
});
