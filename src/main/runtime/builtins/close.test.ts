/**
 * Close through built-in nodes (docs/workflow-semantics.md#buffered-edges-and-close): a node whose inputs have all
 * closed sends what it holds, closes its closable outputs and ends, so a
 * finite pipeline terminates, at run time and in the checker alike.
 */
import { describe, expect, it } from 'vitest';
import { checkScript } from '../../../engine/check/script';
import { compileWorkflow, loadWorkflowYaml } from '../../../engine/workflow';
import { runYaml } from './run-helpers';
import { QueuedInjections } from './sources';

function verdicts(yaml: string): string[] {
  const wf = loadWorkflowYaml(yaml).workflow!;
  const report = checkScript(compileWorkflow(wf).cspm, { file: 'close.csp' });
  expect(report.errors).toEqual([]);
  return report.assertions.map((a) => a.result);
}

const pipeline = `version: 1
name: close
declarations: |
  nametype Item = {0..2}
  nametype Doubled = {0..4}
channels:
  - { id: raw, name: raw, type: Item, capacity: 2, close: true }
  - { id: done, name: done, type: Doubled, capacity: 1, close: true }
processes:
  - { id: producer, name: Producer, kind: csp, ports: [ { name: out, dir: out, type: Item } ], behaviour: "out!0 -> out!1 -> out!2 -> out_close -> SKIP" }
  - { id: twice, name: Twice, kind: map, ports: [ { name: in, dir: in, type: Item }, { name: res, dir: out, type: Doubled } ], config: { expression: "msg * 2" } }
  - { id: sink, name: Sink, kind: log, ports: [ { name: res, dir: in, type: Doubled } ] }
edges:
  - { id: raw, from: producer.out, to: twice.in, channel: raw }
  - { id: done, from: twice.res, to: sink.res, channel: done }
assertions:
  - { id: df, text: "SYSTEM :[deadlock free [F]]" }
  - { id: ends, text: "SKIP [F= SYSTEM \\\\ Events" }
`;

describe('close through built-ins', () => {
  it('a producer closes; the map passes the close on after its last value; everything terminates', async () => {
    for (let seed = 1; seed <= 8; seed++) {
      const r = await runYaml(pipeline, { seed });
      expect(r.stop.reason, `seed ${seed}: ${r.stop.error ?? ''}`).toBe('terminated');
      expect(r.log).toEqual(['Sink: 0', 'Sink: 2', 'Sink: 4']);
      const events = r.steps.map((s) => s.event);
      expect(events.indexOf('done_close')).toBeGreaterThan(events.lastIndexOf('done.4'));
      expect(events).toContain('done_closed');
    }
    expect(verdicts(pipeline)).toEqual(['passed', 'passed']);
  });

  it('a buffer node drains before it closes; a merge ends only when both inputs closed', async () => {
    const yaml = `version: 1
name: close2
channels:
  - { id: a, name: ca, json: {}, capacity: 1, close: true }
  - { id: b, name: cb, json: {}, capacity: 1, close: true }
  - { id: m, name: cm, json: {}, capacity: 1, close: true }
  - { id: o, name: co, json: {}, capacity: 1, close: true }
processes:
  - { id: one, name: One, kind: inject, ports: [ { name: a, dir: out, type: json } ] }
  - { id: two, name: Two, kind: timer, ports: [ { name: b, dir: out, type: json } ], config: { interval: 10, count: 3 } }
  - { id: join, name: Join, kind: merge, ports: [ { name: a, dir: in, type: json }, { name: b, dir: in, type: json }, { name: m, dir: out, type: json } ] }
  - { id: q, name: Q, kind: buffer, ports: [ { name: m, dir: in, type: json }, { name: o, dir: out, type: json } ], config: { capacity: 5 } }
  - { id: sink, name: Sink, kind: log, ports: [ { name: o, dir: in, type: json } ] }
edges:
  - { id: a, from: one.a, to: join.a, channel: a }
  - { id: b, from: two.b, to: join.b, channel: b }
  - { id: m, from: join.m, to: q.m, channel: m }
  - { id: o, from: q.o, to: sink.o, channel: o }
assertions:
  - { id: df, text: "SYSTEM :[deadlock free [F]]" }
`;
    for (let seed = 1; seed <= 8; seed++) {
      const injections = new QueuedInjections();
      injections.add('one', 'x');
      injections.add('one', 'y');
      const r = await runYaml(yaml, { seed, injections });
      expect(r.stop.reason, `seed ${seed}: ${r.stop.error ?? ''}`).toBe('terminated');
      // Payloads cross the JSON buffered edges (their buffers run as payload-carrying FIFOs).
      expect([...r.log].sort()).toEqual([
        'Sink: "x"',
        'Sink: "y"',
        'Sink: {"tick":1,"time":10}',
        'Sink: {"tick":2,"time":20}',
        'Sink: {"tick":3,"time":30}',
      ]);
      const events = r.steps.map((s) => s.event);
      // The merge closes its output only after both inputs closed; the buffer closes only when drained.
      expect(events.indexOf('cm_close')).toBeGreaterThan(
        Math.max(events.indexOf('ca_closed'), events.indexOf('cb_closed')),
      );
      // The buffer node writes everything it holds into the edge before closing it; the reader sees the close last.
      expect(events.indexOf('co_close')).toBeGreaterThan(events.lastIndexOf('co'));
      expect(events.indexOf('co_closed')).toBeGreaterThan(events.lastIndexOf('co_out'));
      expect(events.indexOf('ca_closed')).toBeGreaterThan(-1);
    }
    expect(verdicts(yaml)).toEqual(['passed']);
  });
});
