/**
 * Built-in nodes at run time: each runs under its generated contract (the
 * monitor checks every event and every quiescent offer against it), moves
 * payloads as documented, fails with a clear error at the node, and replays
 * exactly from its record.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { NetworkRun } from '../../../engine/runtime/network/run';
import { networkOfYaml, runYaml } from './run-helpers';
import { LiveInjections, QueuedInjections } from './sources';
import { loadQuickJS } from '../script-node';

const head = 'version: 1\nname: t\n';
const payloadsOn = (steps: { event: string; payload?: unknown }[], channel: string): unknown[] =>
  steps.filter((s) => s.event === channel || s.event.startsWith(`${channel}.`)).map((s) => s.payload);

describe('timer, map, filter, log', () => {
  const yaml = `${head}processes:
  - { id: clock, name: Clock, kind: timer, ports: [ { name: t, dir: out, type: json } ], config: { interval: 250, count: 4 } }
  - { id: double, name: Double, kind: map, ports: [ { name: t, dir: in, type: json }, { name: v, dir: out, type: json } ], config: { expression: "{ n: msg.tick * 2, at: msg.time }" } }
  - { id: big, name: Big, kind: filter, ports: [ { name: v, dir: in, type: json }, { name: w, dir: out, type: json } ], config: { expression: "msg.n > 4" } }
  - { id: sink, name: Sink, kind: log, ports: [ { name: w, dir: in, type: json } ], config: { label: seen } }
edges:
  - { id: ticks, from: clock.t, to: double.t }
  - { id: values, from: double.v, to: big.v }
  - { id: kept, from: big.w, to: sink.w }
`;

  it('ticks in virtual time, maps, filters and logs; the timer ends after its count', async () => {
    const r = await runYaml(yaml);
    expect(payloadsOn(r.steps, 'ticks')).toEqual([1, 2, 3, 4].map((n) => ({ tick: n, time: n * 250 })));
    expect(payloadsOn(r.steps, 'values')).toEqual([1, 2, 3, 4].map((n) => ({ n: 2 * n, at: 250 * n })));
    expect(payloadsOn(r.steps, 'kept')).toEqual([
      { n: 6, at: 750 },
      { n: 8, at: 1000 },
    ]);
    expect(r.log).toEqual(['seen: {"n":6,"at":750}', 'seen: {"n":8,"at":1000}']);
    expect(r.steps.filter((s) => s.kind === 'deliver').map((s) => s.event)).toEqual(Array(4).fill('deliver tick'));
    expect(r.steps.some((s) => s.kind === 'tick' && s.processes.some((p) => p.startsWith('Clock')))).toBe(true);
    // The clock ended; the others wait for input forever: a deadlock with a wait-for graph, not a hang.
    expect(r.stop.reason).toBe('deadlock');
    expect(r.stop.waiting?.map((w) => w.process)).toEqual(expect.arrayContaining(['Double', 'Big', 'Sink']));
    expect(r.stop.waiting?.find((w) => w.process === 'Double')?.waitsOn).toEqual([
      { on: 'Clock', events: ['ticks'], ended: true },
    ]);
    r.run.dispose();
  });

  it('virtual time is one clock: ticks of several timers come in time order, whatever the seed', async () => {
    const yaml = `${head}processes:
  - { id: fast, name: Fast, kind: timer, ports: [ { name: a, dir: out, type: json } ], config: { interval: 100, count: 5 } }
  - { id: slow, name: Slow, kind: timer, ports: [ { name: b, dir: out, type: json } ], config: { interval: 250, count: 2 } }
  - { id: join, name: Join, kind: merge, ports: [ { name: a, dir: in, type: json }, { name: b, dir: in, type: json }, { name: c, dir: out, type: json } ] }
  - { id: sink, name: Sink, kind: log, ports: [ { name: c, dir: in, type: json } ] }
edges:
  - { id: ea, from: fast.a, to: join.a }
  - { id: eb, from: slow.b, to: join.b }
  - { id: ec, from: join.c, to: sink.c }
`;
    for (let seed = 1; seed <= 6; seed++) {
      const r = await runYaml(yaml, { seed });
      const times = r.steps.filter((s) => s.event === 'deliver tick').map((s) => (s.payload as { time: number }).time);
      expect(times).toEqual([100, 200, 250, 300, 400, 500, 500]);
      const logged = r.log.map((l) => (JSON.parse(l.slice(l.indexOf(':') + 2)) as { time: number }).time);
      expect(logged).toEqual([...logged].sort((x, y) => x - y));
    }
  });

  it('replays the recorded run to the identical trace, payloads included, without asking for ticks', async () => {
    const r = await runYaml(yaml, { seed: 7 });
    const net = networkOfYaml(yaml, { wallClock: true }); // a replay must not wait: every tick comes from the record
    const replay = NetworkRun.replay(net.spec, r.run.log);
    expect(replay.steps()).toEqual(r.steps);
    expect(replay.status().reason).toBe('deadlock');
  });

  it('a map whose result does not fit the channel type fails at that send, naming the node', async () => {
    const r = await runYaml(`${head}declarations: "nametype Small = {0..3}"
processes:
  - { id: clock, name: Clock, kind: timer, ports: [ { name: t, dir: out, type: json } ], config: { interval: 1 } }
  - { id: m, name: M, kind: map, ports: [ { name: t, dir: in, type: json }, { name: v, dir: out, type: Small } ], config: { expression: "msg.tick + 1" } }
  - { id: sink, name: Sink, kind: log, ports: [ { name: v, dir: in, type: Small } ] }
edges:
  - { id: e1, from: clock.t, to: m.t }
  - { id: e2, from: m.v, to: sink.v }
`);
    expect(payloadsOn(r.steps, 'e2')).toEqual([undefined, undefined]);
    expect(r.steps.filter((s) => s.event.startsWith('e2.')).map((s) => s.event)).toEqual(['e2.2', 'e2.3']);
    expect(r.stop).toMatchObject({ reason: 'error', process: 'M' });
    expect(r.stop.error).toMatch(/send on port "v": 4 is not a value of channel e2's type/);
  });

  it('an expression error at run time stops the run with the message and the column', async () => {
    const r = await runYaml(`${head}processes:
  - { id: clock, name: Clock, kind: timer, ports: [ { name: t, dir: out, type: json } ], config: { interval: 1, payload: { a: null } } }
  - { id: m, name: M, kind: map, ports: [ { name: t, dir: in, type: json }, { name: v, dir: out, type: json } ], config: { expression: "msg.a.b" } }
  - { id: sink, name: Sink, kind: log, ports: [ { name: v, dir: in, type: json } ] }
edges:
  - { id: e1, from: clock.t, to: m.t }
  - { id: e2, from: m.v, to: sink.v }
`);
    expect(r.stop).toMatchObject({ reason: 'error', process: 'M' });
    expect(r.stop.error).toMatch(/map expression on \{"a":null\}: .*column/);
  });
});

describe('split, merge, buffer', () => {
  it('split sends each element; merge joins two inputs; a buffer holds up to its capacity', async () => {
    const yaml = `${head}processes:
  - { id: src, name: Src, kind: inject, ports: [ { name: a, dir: out, type: json } ] }
  - { id: other, name: Other, kind: inject, ports: [ { name: b, dir: out, type: json } ] }
  - { id: parts, name: Parts, kind: split, ports: [ { name: a, dir: in, type: json }, { name: p, dir: out, type: json } ] }
  - { id: join, name: Join, kind: merge, ports: [ { name: p, dir: in, type: json }, { name: b, dir: in, type: json }, { name: j, dir: out, type: json } ] }
  - { id: q, name: Q, kind: buffer, ports: [ { name: j, dir: in, type: json }, { name: k, dir: out, type: json } ], config: { capacity: 3 } }
  - { id: sink, name: Sink, kind: log, ports: [ { name: k, dir: in, type: json } ] }
edges:
  - { id: e1, from: src.a, to: parts.a }
  - { id: e2, from: parts.p, to: join.p }
  - { id: e3, from: other.b, to: join.b }
  - { id: e4, from: join.j, to: q.j }
  - { id: e5, from: q.k, to: sink.k }
`;
    const injections = new QueuedInjections();
    injections.add('src', [1, [2, 3], { x: 4 }]);
    injections.add('src', 'alone');
    injections.add('other', 'side');
    const r = await runYaml(yaml, { injections, seed: 3 });
    expect(payloadsOn(r.steps, 'e2')).toEqual([1, [2, 3], { x: 4 }, 'alone']);
    const out = payloadsOn(r.steps, 'e5');
    expect([...out].sort()).toEqual([1, [2, 3], { x: 4 }, 'alone', 'side'].sort());
    expect(out.filter((v) => v !== 'side')).toEqual([1, [2, 3], { x: 4 }, 'alone']); // order kept per input
    expect(r.stop.reason).toBe('deadlock'); // both injectors ended; the rest waits
    expect(r.stop.error).toBeUndefined();
  });

  it('a buffer in front of a consumer that never reads takes exactly `capacity` messages', async () => {
    const injections = new QueuedInjections();
    for (let i = 0; i < 5; i++) injections.add('src', i);
    const r = await runYaml(
      `${head}processes:
  - { id: src, name: Src, kind: inject, ports: [ { name: a, dir: out, type: json } ] }
  - { id: q, name: Q, kind: buffer, ports: [ { name: a, dir: in, type: json }, { name: b, dir: out, type: json } ], config: { capacity: 2 } }
  - { id: lazy, name: Lazy, kind: csp, ports: [ { name: b, dir: in, type: json } ], behaviour: STOP }
edges:
  - { id: e1, from: src.a, to: q.a }
  - { id: e2, from: q.b, to: lazy.b }
`,
      { injections },
    );
    expect(payloadsOn(r.steps, 'e1')).toEqual([0, 1]);
    expect(r.run.queueDepths()).toEqual([{ id: 'q', depth: 2, capacity: 2 }]);
    expect(r.run.processStates().find((p) => p.name === 'Q')).toMatchObject({
      state: 'blocked on {e2}',
      script: { received: 2, sent: 0, queued: 2, capacity: 2 },
    });
    expect(r.stop.reason).toBe('deadlock');
    const waiting = r.stop.waiting!.find((w) => w.process === 'Src');
    expect(waiting?.offers).toEqual(['e1']);
  });
});

describe('inject', () => {
  it('sends what is injected while the run goes on, its own payload when none is given, and ends on request', async () => {
    const injections = new LiveInjections();
    const net = networkOfYaml(
      `${head}processes:
  - { id: button, name: Button, kind: inject, ports: [ { name: a, dir: out, type: json } ], config: { payload: { pressed: true } } }
  - { id: sink, name: Sink, kind: log, ports: [ { name: a, dir: in, type: json } ] }
edges:
  - { id: e1, from: button.a, to: sink.a }
`,
      { injections },
    );
    const run = new NetworkRun(net.spec, { seed: 1 });
    expect(run.run(100).reason).toBe('waiting');
    expect(() => injections.inject('buton', {})).toThrow(/no inject node "buton" in this run \(inject nodes: button\)/);
    injections.inject('button', { payload: 42 });
    await run.waitForOutside();
    expect(run.run(100).reason).toBe('waiting');
    injections.inject('button', {});
    await run.waitForOutside();
    run.run(100);
    injections.inject('button', { end: true });
    await run.waitForOutside();
    const stop = run.run(100);
    expect(payloadsOn(run.steps(), 'e1')).toEqual([42, { pressed: true }]);
    expect(stop.reason).toBe('deadlock'); // the sink waits for a button that has ended
    expect(run.steps().some((s) => s.kind === 'tick' && s.processes.includes('Button'))).toBe(true);
  });

  it('once: sends its payload at the start without being asked', async () => {
    const r = await runYaml(`${head}processes:
  - { id: go, name: Go, kind: inject, ports: [ { name: a, dir: out } ], config: { once: true } }
  - { id: sink, name: Sink, kind: csp, ports: [ { name: a, dir: in } ], behaviour: a -> SKIP }
edges:
  - { id: e1, from: go.a, to: sink.a }
`);
    // The payload goes first; then the node asks for more injections, gets none (no --inject) and ends.
    expect(r.steps[0]!.event).toBe('e1');
    expect(r.steps.filter((s) => s.event === 'deliver inject').map((s) => s.payload)).toEqual([{ end: true }]);
    expect(r.stop.reason).toBe('terminated');
  });
});

describe('the shipped sensor-alerts example', () => {
  it('runs under every generated contract with no violation for many seeds', async () => {
    const yaml = readFileSync(new URL('../../../../resources/examples/sensor-alerts.yaml', import.meta.url), 'utf8');
    for (let seed = 1; seed <= 12; seed++) {
      const injections = new QueuedInjections();
      injections.add('operator', { temp: 99 });
      injections.add('operator', undefined);
      const r = await runYaml(yaml, { injections, seed, maxSteps: 300 });
      expect(r.stop.reason, `seed ${seed}: ${r.stop.error ?? ''}`).toBe('steps');
      expect(r.log.filter((l) => l.startsWith('ALERT'))).toEqual(
        expect.arrayContaining([
          'ALERT: {"temp":99}',
          'ALERT: {"temp":35,"manual":true}',
          'ALERT: {"sample":4,"temp":32}',
        ]),
      );
      expect(
        r.steps
          .filter((s) => s.event.startsWith('readings.'))
          .every((s) => s.event === ((s.payload as { temp: number }).temp >= 30 ? 'readings.Hot' : 'readings.Normal')),
      ).toBe(true);
    }
  });
});

describe('JSON channels with a payload schema', () => {
  it('a payload that does not match the channel schema is an error at that send, saying where', async () => {
    const injections = new QueuedInjections();
    injections.add('src', { temp: 21, unit: 'C' });
    injections.add('src', { temp: 'warm', unit: 'C' });
    const r = await runYaml(
      `${head}channels:
  - { id: readings, name: readings, json: { schema: { type: object, required: [ temp ], properties: { temp: { type: number } } } } }
processes:
  - { id: src, name: Src, kind: inject, ports: [ { name: a, dir: out, type: json } ] }
  - { id: sink, name: Sink, kind: log, ports: [ { name: a, dir: in, type: json } ] }
edges:
  - { id: readings, from: src.a, to: sink.a, channel: readings }
`,
      { injections },
    );
    expect(payloadsOn(r.steps, 'readings')).toEqual([{ temp: 21, unit: 'C' }]);
    expect(r.stop).toMatchObject({ reason: 'error', process: 'Src' });
    expect(r.stop.error).toMatch(
      /send on port "a": the payload does not match the channel's JSON Schema \(\$\.temp: "warm" does not match \{"type":"number"\}\)/,
    );
  });
});

describe('breakpoints on payloads', () => {
  it('stops at the first event whose JSON payload meets an expression; typed events are tested on their data', async () => {
    const yaml = readFileSync(new URL('../../../../resources/examples/sensor-alerts.yaml', import.meta.url), 'utf8');
    const net = networkOfYaml(yaml, { injections: new QueuedInjections() });
    const run = new NetworkRun(net.spec, { seed: 4 });
    run.breakpoints.add({ kind: 'event', pattern: 'alerts', payload: 'msg.temp > 36' });
    let stop = run.run(500);
    while (stop.reason === 'waiting') {
      await run.waitForOutside();
      stop = run.run(500 - run.seq);
    }
    expect(stop.reason).toBe('breakpoint');
    const last = run.steps(run.seq, run.seq)[0]!;
    expect(last).toMatchObject({ event: 'alerts', payload: { sample: 6, temp: 38 } });
    expect(() => run.breakpoints.add({ kind: 'event', pattern: '*', payload: 'msg.temp >' })).toThrow(
      /breakpoint payload condition, column \d+/,
    );

    const typed = new NetworkRun(
      networkOfYaml(`${head}declarations: "nametype Small = {0..9}"
processes:
  - { id: g, name: G, kind: csp, ports: [ { name: v, dir: out, type: Small } ], behaviour: "v!1 -> v!4 -> v!7 -> STOP" }
  - { id: sink, name: Sink, kind: log, ports: [ { name: v, dir: in, type: Small } ] }
edges:
  - { id: e, from: g.v, to: sink.v }
`).spec,
    );
    typed.breakpoints.add({ kind: 'event', pattern: 'e.*', payload: 'msg % 2 == 0' });
    expect(typed.run(100).reason).toBe('breakpoint');
    expect(typed.steps(typed.seq, typed.seq)[0]!.event).toBe('e.4');
  });
});

describe('virtual time seen by scripts', () => {
  it("a script's now() is the run's virtual time: the time of the tick it just received", async () => {
    await loadQuickJS();
    const r = await runYaml(`${head}processes:
  - { id: clock, name: Clock, kind: timer, ports: [ { name: t, dir: out, type: json } ], config: { interval: 40, count: 3 } }
  - id: s
    name: S
    kind: script
    ports: [ { name: t, dir: in, type: json } ]
    script: |
      ctx.state.seen = [];
      for (;;) { const tick = await recv('t'); ctx.state.seen.push([tick.time, now()]); }
edges:
  - { id: e, from: clock.t, to: s.t }
`);
    expect(r.run.processStates().find((p) => p.name === 'S')?.script).toEqual({
      seen: [
        [40, 40],
        [80, 80],
        [120, 120],
      ],
    });
  });
});
