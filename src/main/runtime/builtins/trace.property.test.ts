/**
 * Property: a run of a random pipeline of built-in nodes is a trace of the
 * compiled system (the checker's view, where each built-in is its generated
 * contract), never breaks a contract, and replays to the identical trace.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { networkFromCspm } from '../../../engine/runtime/network/load';
import { NetworkRun } from '../../../engine/runtime/network/run';
import { firstNonTrace } from '../../../engine/runtime/network/trace-check';
import { compileWorkflow, loadWorkflowYaml } from '../../../engine/workflow';
import { networkOfYaml } from './run-helpers';
import { QueuedInjections } from './sources';

type Stage = { kind: 'map' | 'filter' | 'split' | 'buffer' | 'merge'; capacity: number };

const stageArb: fc.Arbitrary<Stage> = fc.record({
  kind: fc.constantFrom('map', 'filter', 'split', 'buffer', 'merge'),
  capacity: fc.integer({ min: 1, max: 3 }),
});
const edgeArb = fc.record({ buffered: fc.boolean(), capacity: fc.integer({ min: 1, max: 2 }), close: fc.boolean() });
const payloadArb = fc.oneof(
  fc.integer({ min: -5, max: 9 }),
  fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }),
);

/** A pipeline inject → stages → log; `typed` ports carry the CSPm type {0..3} (the contracts then follow values). */
function workflow(
  stages: readonly Stage[],
  edges: readonly { buffered: boolean; capacity: number; close: boolean }[],
  typed = false,
): string {
  const type = typed ? '"{0..3}"' : 'json';
  const nodes: string[] = [`  - { id: n0, name: N0, kind: inject, ports: [ { name: p0, dir: out, type: ${type} } ] }`];
  const sideEdges: string[] = [];
  const sideChannels: string[] = [];
  stages.forEach((s, i) => {
    const inp = `{ name: p${i}, dir: in, type: ${type} }`;
    const out = `{ name: p${i + 1}, dir: out, type: ${type} }`;
    // A merge also takes a second input from its own inject node (over a closable buffer when the
    // stage's capacity is odd), so multi-input closes are exercised too.
    const side = s.kind === 'merge' ? `, { name: q${i}, dir: in, type: ${type} }` : '';
    if (s.kind === 'merge') {
      nodes.push(`  - { id: m${i}, name: M${i}, kind: inject, ports: [ { name: q${i}, dir: out, type: ${type} } ] }`);
      const closable = s.capacity % 2 === 1;
      if (closable)
        sideChannels.push(
          `  - { id: s${i}, name: s${i}, ${typed ? `type: ${type}` : 'json: {}'}, capacity: 1, close: true }`,
        );
      sideEdges.push(`  - { id: s${i}, from: m${i}.q${i}, to: n${i + 1}.q${i}${closable ? `, channel: s${i}` : ''} }`);
    }
    const config =
      s.kind === 'map'
        ? ', config: { expression: "msg" }'
        : s.kind === 'filter'
          ? ', config: { expression: "type(msg) == \'array\' || msg % 2 == 0" }'
          : s.kind === 'buffer'
            ? `, config: { capacity: ${s.capacity} }`
            : '';
    nodes.push(`  - { id: n${i + 1}, name: N${i + 1}, kind: ${s.kind}, ports: [ ${inp}${side}, ${out} ]${config} }`);
  });
  const last = stages.length;
  nodes.push(`  - { id: n${last + 1}, name: Sink, kind: log, ports: [ { name: p${last}, dir: in, type: ${type} } ] }`);
  const channels: string[] = [];
  const edgeLines: string[] = [];
  for (let i = 0; i <= last; i++) {
    const e = edges[i % edges.length]!;
    const data = typed ? `type: ${type}` : 'json: {}';
    if (e.buffered)
      channels.push(
        `  - { id: c${i}, name: c${i}, ${data}, capacity: ${e.capacity}${e.close ? ', close: true' : ''} }`,
      );
    edgeLines.push(`  - { id: c${i}, from: n${i}.p${i}, to: n${i + 1}.p${i}${e.buffered ? `, channel: c${i}` : ''} }`);
  }
  channels.push(...sideChannels);
  edgeLines.push(...sideEdges);
  return [
    'version: 1',
    'name: random pipeline',
    ...(channels.length > 0 ? ['channels:', ...channels] : []),
    'processes:',
    ...nodes,
    'edges:',
    ...edgeLines,
    '',
  ].join('\n');
}

describe('built-in pipelines against the checker', () => {
  it('property: runs are traces of the compiled system, keep every contract and replay exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stageArb, { minLength: 1, maxLength: 3 }),
        fc.array(edgeArb, { minLength: 1, maxLength: 5 }),
        fc.array(payloadArb, { maxLength: 5 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.boolean(),
        async (stages, edges, rawPayloads, seed, typed) => {
          const yaml = workflow(stages, edges, typed);
          // Typed ports carry {0..3}: integers only (an array would be an error at the first send).
          const payloads = typed
            ? rawPayloads.map((p) => (Array.isArray(p) ? (p[0] ?? 0) % 4 : Math.abs(p) % 4))
            : rawPayloads;
          const injections = new QueuedInjections();
          for (const p of payloads) injections.add('n0', p);
          stages.forEach((st, i) => {
            if (st.kind === 'merge') injections.add(`m${i}`, typed ? i % 4 : 10 + i);
          });
          const net = networkOfYaml(yaml, { injections });
          const run = new NetworkRun(net.spec, { seed });
          let stop = run.run(400);
          while (stop.reason === 'waiting') {
            await run.waitForOutside();
            stop = run.run(400 - run.seq);
          }
          expect(['terminated', 'deadlock', 'steps'], `${stop.reason}: ${stop.error ?? ''}\n${yaml}`).toContain(
            stop.reason,
          );
          // The same run through the checker's semantics of the compiled CSPm (contracts in place of code).
          const compiled = networkFromCspm(compileWorkflow(loadWorkflowYaml(yaml).workflow!).cspm, {
            file: 'pipeline.csp',
          });
          if (!compiled.ok) throw new Error(compiled.errors.join('\n'));
          const system = compiled.script.processes.get('SYSTEM')!;
          const n = net.spec.components.length;
          const bad = firstNonTrace(
            compiled.spec.factory,
            system,
            run.steps(),
            (t) => compiled.spec.events.parse(t)!,
            (s) => s.processes.length === n,
          );
          expect(bad, `step ${bad} is not a trace of the system\n${yaml}`).toBeUndefined();
          expect(NetworkRun.replay(networkOfYaml(yaml).spec, run.log).steps()).toEqual(run.steps());
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
