/**
 * Editing a message in flight (NetworkRun.editMessage) on the shipped
 * examples: a typed buffered edge (its buffer process rebuilt with the new
 * contents) and a buffer node holding JSON (a code node's outbox). The edit is
 * a step of its own: replayed from the run's log and from the record the store
 * keeps, kept by a fork after it, undone by going back before it.
 */
import { describe, expect, it } from 'vitest';
import { NetworkRun, type StepInfo } from '../../engine/runtime/network/run';
import type { NetworkSpec } from '../../engine/runtime/network/network';
import { networkFromFile, networkFromSource } from './network-input';
import { logFromRecord } from './record-log';
import { toRecord } from './records';
import type { RecordedStep } from '../store/runs/replay';
import { networkFromCspm } from '../../engine/runtime/network/load';
import { AgentNode } from './agents/agent-node';
import { ReplayProvider } from './agents/provider';
import { UsageMeter } from './agents/routing';

async function example(name: string): Promise<NetworkSpec> {
  const file = new URL(`../../../resources/examples/${name}.yaml`, import.meta.url).pathname;
  const net = await networkFromFile(file, { attach: { seed: 1 } });
  if (!net.ok) throw new Error(net.diagnostics.map((d) => d.message).join('\n'));
  return net.spec;
}

/** Steps with the first enabled item whose text starts with `prefix` until `done` holds (at most 50 steps). */
function stepUntil(run: NetworkRun, done: () => boolean): void {
  for (let i = 0; i < 50 && !done(); i++) run.choose(0);
  if (!done()) throw new Error('the run never got there');
}

const texts = (steps: readonly StepInfo[]): string[] => steps.map((s) => s.event);

describe('editing a value queued on a typed buffered edge', () => {
  it('lists the queue, edits it as a step, and the reader gets the new value', async () => {
    const spec = await example('bounded-buffer-pipeline');
    const run = new NetworkRun(spec, { seed: 1 });
    stepUntil(run, () => run.messages().filter((m) => m.queue === 'raw').length === 2);
    const queued = run.messages().filter((m) => m.queue === 'raw');
    expect(queued).toEqual([
      { holder: 'BUF_raw', index: 0, value: 0, queue: 'raw', channel: 'raw_out', offered: true },
      { holder: 'BUF_raw', index: 1, value: 1, queue: 'raw', channel: 'raw_out', offered: false },
    ]);
    const at = run.seq;
    const step = run.editMessage('BUF_raw', 0, 2);
    expect(step).toMatchObject({
      seq: at + 1,
      kind: 'edit',
      event: 'edit raw',
      processes: ['BUF_raw'],
      payload: { index: 0, value: 2, was: 0 },
    });
    expect(
      run
        .messages()
        .filter((m) => m.queue === 'raw')
        .map((m) => m.value),
    ).toEqual([2, 1]);
    expect(run.run(1_000).reason).toBe('terminated');
    const after = texts(run.steps(at + 2));
    // The worker took 2 first and sent (2 + 1) % 3 on.
    expect(after.filter((e) => e.startsWith('raw_out.'))).toEqual(['raw_out.2', 'raw_out.1', 'raw_out.2']);
    expect(after.filter((e) => e.startsWith('done.'))).toEqual(['done.0', 'done.2', 'done.0']);

    // Replayed from the log: the same steps, the edit included.
    const again = NetworkRun.replay(spec, run.log);
    expect(again.steps()).toEqual(run.steps());

    // Going back before the edit restores the old value; forward again repeats it.
    run.goto(at);
    expect(
      run
        .messages()
        .filter((m) => m.queue === 'raw')
        .map((m) => m.value),
    ).toEqual([0, 1]);
    run.goto(at + 1);
    expect(
      run
        .messages()
        .filter((m) => m.queue === 'raw')
        .map((m) => m.value),
    ).toEqual([2, 1]);

    // A fork after the edit keeps it.
    const fork = run.fork(at + 1);
    expect(
      fork
        .messages()
        .filter((m) => m.queue === 'raw')
        .map((m) => m.value),
    ).toEqual([2, 1]);
    expect(fork.steps(at + 1, at + 1)[0]).toMatchObject({ kind: 'edit', payload: { value: 2 } });
  });

  it('replays the edit from the record the store keeps (as after a restart)', async () => {
    const spec = await example('bounded-buffer-pipeline');
    const run = new NetworkRun(spec, { seed: 3 });
    stepUntil(run, () => run.messages().some((m) => m.queue === 'raw'));
    run.editMessage('BUF_raw', 0, 1);
    run.run(1_000);
    // As the store keeps and gives back each step (toRecord's kind, payload and outside values).
    const stored: RecordedStep[] = run.steps().map((s) => {
      const r = toRecord(s, 0);
      return {
        seq: r.seq,
        kind: r.kind,
        event: r.event,
        processes: r.processes ?? [],
        branch: s.branch,
        time: r.virtualTime,
        ...(r.payload !== undefined ? { payload: r.payload } : {}),
        ...(s.outside !== undefined ? { outside: s.outside } : {}),
      };
    });
    expect(stored.some((r) => r.kind === 'edit')).toBe(true);
    const built = logFromRecord(await example('bounded-buffer-pipeline'), stored, []);
    if (!built.ok) throw new Error(built.error);
    const opened = NetworkRun.fromRecord(spec, built.log, {});
    expect(opened.run(1_000).reason).toBe('terminated');
    expect(opened.steps()).toEqual(run.steps());
  });

  it('refuses a value of another type, a message that is not there, an unknown holder', async () => {
    const spec = await example('bounded-buffer-pipeline');
    const run = new NetworkRun(spec, { seed: 1 });
    stepUntil(run, () => run.messages().some((m) => m.queue === 'raw'));
    const at = run.seq;
    expect(() => run.editMessage('BUF_raw', 0, 7)).toThrow(
      "BUF_raw, message 0: 7 is not a value of channel raw_out's type",
    );
    expect(() => run.editMessage('BUF_raw', 0, 'x y')).toThrow('"x y" has no CSPm form');
    expect(() => run.editMessage('BUF_raw', 4, 1)).toThrow(
      /BUF_raw holds 1 message \(0\.\.0\): there is no message 4 \(delivered meanwhile\?\)/,
    );
    expect(() => run.editMessage('BUF_nope', 0, 1)).toThrow(
      'no process "BUF_nope" in this run (messages are held by BUF_raw)',
    );
    // Nothing moved, and the record is untouched.
    expect(run.seq).toBe(at);
    expect(run.log.length).toBe(at);
  });

  it('an edit after going back starts a new timeline; a refused one does not', async () => {
    const spec = await example('bounded-buffer-pipeline');
    const run = new NetworkRun(spec, { seed: 1 });
    stepUntil(run, () => run.messages().some((m) => m.queue === 'raw'));
    const at = run.seq;
    run.run(3);
    const length = run.log.length;
    run.goto(at);
    expect(() => run.editMessage('BUF_raw', 0, 9)).toThrow(/not a value/);
    expect(run.log.length).toBe(length);
    expect(run.forkedAt).toBeUndefined();
    run.editMessage('BUF_raw', 0, 2);
    expect(run.forkedAt).toBe(at);
    expect(run.log.length).toBe(at + 1);
  });
});

describe('editing a JSON message held by a buffer node', () => {
  it('edits the queued payload and the log sink receives it', async () => {
    const spec = await example('sensor-alerts');
    const run = new NetworkRun(spec, { seed: 1 });
    // Step the first enabled item until the buffer node (Queue) holds a message for the pager.
    for (let i = 0; i < 200 && !run.messages().some((m) => m.holder === 'Queue'); i++) {
      const items = run.enabled();
      if (items.length === 0) break;
      // Prefer anything but the pager taking the message out of the queue.
      const k = items.findIndex((it) => !it.text.startsWith('alerts'));
      run.choose(k >= 0 ? k : 0);
    }
    const held = run.messages().find((m) => m.holder === 'Queue');
    expect(held).toMatchObject({ holder: 'Queue', index: 0, queue: 'queue', port: 'out', offered: true });
    const edited = { temp: 99, edited: true };
    const step = run.editMessage('Queue', 0, edited);
    expect(step).toMatchObject({
      kind: 'edit',
      event: 'edit queue',
      payload: { index: 0, value: edited, was: held!.value },
    });
    expect(run.messages().find((m) => m.holder === 'Queue')!.value).toEqual(edited);
    // The pager takes it: the alerts step carries the edited payload.
    const k = run.enabled().findIndex((it) => it.text.startsWith('alerts'));
    expect(k).toBeGreaterThanOrEqual(0);
    expect(run.choose(k).payload).toEqual(edited);
    // Replay (code nodes: rebuilt from step 0 with their sandboxes) gives the same.
    const again = NetworkRun.replay(spec, run.log);
    expect(again.steps()).toEqual(run.steps());
    // Going back before the edit restores the old payload.
    run.goto(step.seq - 1);
    expect(run.messages().find((m) => m.holder === 'Queue')!.value).toEqual(held!.value);
    again.dispose();
    run.dispose();
  });
});

const OFFERS = `version: 1
name: offers
declarations: |
  datatype Kind = Big | Small
channels:
  - id: offers
    name: offers
    capacity: 2
    json:
      checkType: Kind
      abstraction:
        - { match: { type: object, properties: { n: { type: number, minimum: 10 } }, required: [ n ] }, as: Big }
      fallback: Small
processes:
  - id: seller
    name: Seller
    kind: script
    ports: [ { name: out, dir: out, type: json } ]
    script: |
      await send('out', { n: 1 });
      await send('out', { n: 2 });
      await send('out', { n: 3 });
  - id: sink
    name: Sink
    kind: log
    ports: [ { name: in, dir: in, type: json } ]
edges:
  - { id: offers, from: seller.out, to: sink.in, channel: offers }
`;

describe("editing a script's pending send and a JSON buffered edge with an abstraction", () => {
  it('edits what a script waits to send; a queued payload keeps its abstraction unless it goes next and the contract allows it', async () => {
    const net = await networkFromSource({ text: OFFERS, name: 'offers.yaml' }, { attach: { seed: 1 } });
    if (!net.ok) throw new Error(net.diagnostics.map((d) => d.message).join('\n'));
    const run = new NetworkRun(net.spec, { seed: 1 });
    const fire = (prefix: string): StepInfo => {
      const k = run.enabled().findIndex((it) => it.text.startsWith(prefix));
      if (k < 0) throw new Error(`nothing enabled starts with ${prefix}: ${run.enabled().map((it) => it.text)}`);
      return run.choose(k);
    };
    // The script waits to send { n: 1 }: a message it holds, going next.
    expect(run.messages()).toEqual([
      { holder: 'Seller', index: 0, value: { n: 1 }, port: 'out', channel: 'offers', offered: true },
    ]);
    // Its contract (the default: anything) allows the other abstraction too.
    expect(run.editMessage('Seller', 0, { n: 40, edited: true }).payload).toEqual({
      index: 0,
      value: { n: 40, edited: true },
      was: { n: 1 },
    });
    expect(fire('offers.')).toMatchObject({ event: 'offers.Big', payload: { n: 40, edited: true } });
    fire('offers.');
    const queued = run.messages().filter((m) => m.queue === 'offers');
    expect(queued.map((m) => m.value)).toEqual([{ n: 40, edited: true }, { n: 2 }]);
    const holder = queued[0]!.holder;
    // Behind the head, the abstraction must stay (Small here); the data may change.
    expect(() => run.editMessage(holder, 1, { n: 99 })).toThrow(
      `${holder}, message 1: {"n":99} would go out as offers_out.Big instead of offers_out.Small, which the checks and the contract monitor rely on (keep its abstraction)`,
    );
    expect(run.editMessage(holder, 1, { n: 3, note: 'small still' }).payload).toMatchObject({ index: 1 });
    // The head may change only to what the buffer's contract (its compiled buffer process) allows now: Big, not Small.
    expect(() => run.editMessage(holder, 0, { n: 0 })).toThrow(/which the node's contract does not allow now/);
    expect(fire('offers_out.')).toMatchObject({ event: 'offers_out.Big', payload: { n: 40, edited: true } });
    expect(fire('offers_out.')).toMatchObject({ event: 'offers_out.Small', payload: { n: 3, note: 'small still' } });
    // The whole run replays from its log, sandboxes and edits included.
    const again = NetworkRun.replay(net.spec, run.log);
    expect(again.steps()).toEqual(run.steps());
    again.dispose();
    run.dispose();
  });
});

describe("editing an agent's reply that waits for its receiver", () => {
  it('the reply is a message in flight: edited within its channel type, refused outside it, replayed', async () => {
    const text = `datatype Kind = Refund | Question
channel req, refunds : Kind
USER = req!Refund -> STOP
AGENT = CHAOS({| req, refunds |})
DESK = refunds?k -> DESK
SYSTEM = USER [ {|req|} || {|req, refunds|} ] (AGENT [ {|req, refunds|} || {|refunds|} ] DESK)
`;
    const net = networkFromCspm(text);
    if (!net.ok) throw new Error(net.errors.join('\n'));
    const base = net.spec;
    const spec: NetworkSpec = {
      ...base,
      components: base.components.map((c) =>
        c.name !== 'AGENT'
          ? c
          : {
              ...c,
              code: (outside) =>
                new AgentNode({
                  name: 'AGENT',
                  system: 'Route the request.',
                  ports: [
                    { name: 'in', dir: 'in', channels: ['req'], json: false },
                    { name: 'refunds', dir: 'out', channels: ['refunds'], json: false },
                  ],
                  events: base.events,
                  outside,
                  provider: new ReplayProvider(['"Refund"']),
                  routing: { structured: true, rules: [], replyPort: 'refunds' },
                  meter: new UsageMeter({}),
                }),
            },
      ),
    };
    const run = new NetworkRun(spec, { seed: 1 });
    run.choose(0); // req.Refund
    await run.waitForOutside();
    expect(run.choose(0).event).toBe('deliver llm-reply');
    expect(run.messages()).toEqual([
      { holder: 'AGENT', index: 0, value: 'Refund', port: 'refunds', channel: 'refunds', offered: true },
    ]);
    expect(() => run.editMessage('AGENT', 0, 'Complaint')).toThrow(
      `AGENT, message 0: port "refunds": "Complaint" is not a value of channel refunds's type`,
    );
    expect(run.editMessage('AGENT', 0, 'Question').payload).toEqual({ index: 0, value: 'Question', was: 'Refund' });
    expect(run.choose(0).event).toBe('refunds.Question');
    const again = NetworkRun.replay(spec, run.log);
    expect(again.steps()).toEqual(run.steps());
    again.dispose();
    run.dispose();
  });
});
