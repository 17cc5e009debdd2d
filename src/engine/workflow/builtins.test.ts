/**
 * Built-in nodes in the workflow layer: their port signatures and configs are
 * validated with paths, and their generated contracts compile and are checked
 * like any CSPm (the checker sees a built-in through its contract).
 */
import { describe, expect, it } from 'vitest';
import { checkScript } from '../check/script';
import { compileWorkflow } from './compile';
import { loadWorkflowYaml } from './yaml-load';

function load(yaml: string) {
  const r = loadWorkflowYaml(yaml);
  return r;
}

const head = 'version: 1\nname: t\n';

describe('built-in nodes: validation', () => {
  it('refuses a port signature that does not fit the kind, naming the node and what is expected', () => {
    const r = load(`${head}processes:
  - { id: tick, name: Tick, kind: timer, ports: [ { name: in, dir: in }, { name: out, dir: out } ], config: { interval: 10 } }
`);
    expect(r.ok).toBe(false);
    const d = r.diagnostics.find((x) => x.code === 'WF2015');
    expect(d?.path).toBe('processes[0].ports');
    expect(d?.message).toMatch(/a timer node has exactly one output port.*this one has 1 input and 1 output/);
  });

  it('checks map and filter expressions (syntax and unknown names) with the column', () => {
    const r = load(`${head}processes:
  - { id: m, name: M, kind: map, ports: [ { name: a, dir: in, type: json }, { name: b, dir: out, type: json } ], config: { expression: "msg.x + y" } }
  - { id: f, name: F, kind: filter, ports: [ { name: c, dir: in, type: json }, { name: d, dir: out, type: json } ], config: { expression: "msg.x >" } }
`);
    const bad = r.diagnostics.filter((x) => x.code === 'WF2015');
    expect(bad.map((x) => x.path)).toEqual(['processes[0].config.expression', 'processes[1].config.expression']);
    expect(bad[0]!.message).toMatch(/map expression, column 9: .*y/);
    expect(bad[1]!.message).toMatch(/filter expression, column \d+/);
  });

  it('checks the HTTP URL against the egress allow-list before anything runs', () => {
    const node = (url: string, allow: string) =>
      `  - { id: h, name: H, kind: http, ports: [ { name: req, dir: in, type: json }, { name: res, dir: out, type: json } ], config: { url: "${url}", allow: [ ${allow} ] } }\n`;
    const notAllowed = load(`${head}processes:\n${node('https://evil.example.com/x', 'api.example.com')}`);
    expect(notAllowed.diagnostics.find((d) => d.code === 'WF2015')?.message).toMatch(
      /host evil\.example\.com is not in this node's allow-list \(api\.example\.com\)/,
    );
    const hostFromMessage = load(`${head}processes:\n${node('https://{host}/x', 'api.example.com')}`);
    expect(hostFromMessage.diagnostics.find((d) => d.code === 'WF2015')?.message).toMatch(
      /host of the URL cannot come from the message/,
    );
    const notHttp = load(`${head}processes:\n${node('file:///etc/passwd', 'localhost')}`);
    expect(notHttp.diagnostics.find((d) => d.code === 'WF2015')?.message).toMatch(/not an absolute http/);
    const fine = load(`${head}processes:\n${node('http://127.0.0.1:8080/items/{id}?q={q}', '127.0.0.1:8080')}`);
    expect(fine.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const empty = load(`${head}processes:\n${node('http://a.b/', '')}`);
    expect(empty.diagnostics.some((d) => /allow-list/.test(d.message))).toBe(true);
  });

  it('an unknown kind names every kind there is; a built-in without its config says what it holds', () => {
    const r = load(`${head}processes:
  - { id: s, name: S, kind: switch }
  - { id: t, name: T, kind: timer, ports: [ { name: out, dir: out } ] }
`);
    expect(r.diagnostics.map((d) => [d.path, d.message])).toEqual([
      [
        'processes[0].kind',
        'expected kind: csp, script, agent or a built-in (timer, inject, log, map, filter, buffer, merge, split, http)',
      ],
      ['processes[1].config', expect.stringMatching(/^this built-in needs a config: timer \{ interval \}/)],
    ]);
  });

  it('refuses a replicated built-in and an unknown config key', () => {
    const rep = load(`${head}parameters: { N: 2 }
processes:
  - { id: l, name: L, kind: log, replicate: "i in {0..N-1}", ports: [ { name: a, dir: in } ] }
`);
    expect(rep.diagnostics.some((d) => d.code === 'WF2015' && /cannot be replicated/.test(d.message))).toBe(true);
    const typo = load(`${head}processes:
  - { id: t, name: T, kind: timer, ports: [ { name: out, dir: out } ], config: { intervall: 5 } }
`);
    expect(typo.ok).toBe(false);
    expect(typo.diagnostics.map((d) => d.path).join(' ')).toMatch(/processes\[0\]\.config/);
  });
});

/** Compiles and checks the assertions of a workflow; returns the verdicts. */
function verdicts(yaml: string): { verdicts: string[]; assumptions: readonly string[]; cspm: string } {
  const r = load(yaml);
  if (!r.ok || r.workflow === undefined)
    throw new Error(r.diagnostics.map((d) => `${d.path}: ${d.message}`).join('\n'));
  const compiled = compileWorkflow(r.workflow);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const report = checkScript(compiled.cspm, { file: 'wf.csp' });
  expect(report.errors).toEqual([]);
  return { verdicts: report.assertions.map((a) => a.result), assumptions: compiled.assumptions, cspm: compiled.cspm };
}

describe('built-in nodes: generated contracts are checked', () => {
  it('a finite timer into a typed buffer into a log: the timer ends, so the rest waits forever (deadlock)', () => {
    const out = verdicts(`${head}processes:
  - { id: clock, name: Clock, kind: timer, ports: [ { name: tick, dir: out } ], config: { interval: 5, count: 2 } }
  - { id: q, name: Q, kind: buffer, ports: [ { name: tick, dir: in }, { name: out, dir: out } ], config: { capacity: 1 } }
  - { id: log, name: Log, kind: log, ports: [ { name: out, dir: in } ] }
edges:
  - { id: e1, from: clock.tick, to: q.tick }
  - { id: e2, from: q.out, to: log.out }
assertions:
  - { id: a1, text: "SYSTEM :[deadlock free]" }
  - { id: a2, text: "SYSTEM :[divergence free]" }
  - { id: a3, text: "STOP [T= SYSTEM \\\\ {| e2 |}" }
`);
    expect(out.verdicts).toEqual(['failed', 'passed', 'failed']);
    expect(out.cspm).toMatch(/Clock\(k__\) = if k__ == 0 then SKIP/);
  });

  it('a typed filter forwards only values it received (its contract follows the value)', () => {
    const out = verdicts(`${head}declarations: |
  nametype V = {0..3}
  SPEC = src?x -> (SPEC |~| dst!x -> SPEC)
processes:
  - { id: gen, name: Gen, kind: csp, ports: [ { name: src, dir: out, type: V } ], behaviour: "src!1 -> src!2 -> STOP" }
  - { id: f, name: F, kind: filter, ports: [ { name: src, dir: in, type: V }, { name: dst, dir: out, type: V } ], config: { expression: "msg > 1" } }
  - { id: sink, name: Sink, kind: log, ports: [ { name: dst, dir: in, type: V } ] }
edges:
  - { id: a, from: gen.src, to: f.src, channel: ca }
  - { id: b, from: f.dst, to: sink.dst, channel: cb }
channels:
  - { id: ca, name: src, type: V }
  - { id: cb, name: dst, type: V }
assertions:
  - { id: noInvented, text: "SYSTEM [T= (src!1 -> (STOP |~| dst!1 -> STOP |~| (src!2 -> STOP)) |~| src!1 -> src!2 -> dst!2 -> STOP) |~| CHAOS({| src, dst |})" }
  - { id: onlyReceived, text: "CHAOS({| src.1, src.2, dst.1, dst.2 |}) [T= SYSTEM" }
`);
    expect(out.verdicts[1]).toBe('passed');
    expect(out.assumptions.filter((a) => /filter/.test(a))).toEqual([]);
  });

  it('lists an assumption where a contract forgets data (map, http, split; JSON merge)', () => {
    const out = verdicts(`${head}processes:
  - { id: in, name: In, kind: inject, ports: [ { name: a, dir: out, type: json } ] }
  - { id: m, name: M, kind: map, ports: [ { name: a, dir: in, type: json }, { name: b, dir: out, type: json } ], config: { expression: "msg" } }
  - { id: s, name: S, kind: split, ports: [ { name: b, dir: in, type: json }, { name: c, dir: out, type: json } ] }
  - { id: g, name: G, kind: merge, ports: [ { name: c, dir: in, type: json }, { name: d, dir: out, type: json } ] }
  - { id: l, name: L, kind: log, ports: [ { name: d, dir: in, type: json } ] }
edges:
  - { id: e1, from: in.a, to: m.a }
  - { id: e2, from: m.b, to: s.b }
  - { id: e3, from: s.c, to: g.c }
  - { id: e4, from: g.d, to: l.d }
assertions:
  - { id: df, text: "SYSTEM :[deadlock free [F]]" }
  - { id: dv, text: "SYSTEM :[divergence free]" }
`);
    // The inject node may stop injecting (its contract ends with SKIP): the rest then waits forever.
    expect(out.verdicts).toEqual(['failed', 'passed']);
    expect(out.assumptions).toEqual([
      'node m (map) is checked as "any output value after each input"',
      'node s (split) is checked as "any number of outputs after each input"',
      'node g (merge) has ports of different or JSON types: it is checked as "any output value" in place of the value it forwards',
    ]);
  });
});
