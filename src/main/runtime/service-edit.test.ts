/**
 * run.messages and run.editMessage through a real host, a real worker thread
 * and a real SQLite store: the edit is stored as a step of its own, the run
 * goes on with the edited value, and a new host over the same store (as after
 * an app restart) replays the stored run with the edit, event for event.
 * Refusals say what and where: a value of another type, a message listed at
 * an earlier step, a run that is running.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../store';
import { closeOpenHosts, hostOn } from './__fixtures__/host-on';

const dir = mkdtempSync(join(tmpdir(), 'csp-service-edit-'));
const PIPELINE = readFileSync(
  new URL('../../../resources/examples/bounded-buffer-pipeline.yaml', import.meta.url),
  'utf8',
);

/** Hosts not closed yet: closed after all tests even when one failed or timed out (no worker left running). */

afterAll(async () => {
  await closeOpenHosts();
  rmSync(dir, { recursive: true, force: true });
});

/** A request's error message (it must fail). */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error('expected the request to be refused');
}

/** The stored steps of a run, as the trace shows them. */
function storedSteps(store: Store, runId: number): { event: string; kind: string; payload: unknown }[] {
  const out: { event: string; kind: string; payload: unknown }[] = [];
  let after = 0;
  for (;;) {
    const page = store.runs.query.page(runId, { afterSeq: after, limit: 1000 });
    out.push(...page.events.map((e) => ({ event: e.event, kind: e.kind, payload: e.payload ?? undefined })));
    if (page.next === null) return out;
    after = page.next;
  }
}

describe('run.editMessage', () => {
  it('edits a queued value, stores the edit, and a new host replays it from the store', async () => {
    const dataDir = join(dir, 'store');
    let storeRunId: number;
    let editedAt = 0;
    let live: { event: string; kind: string; payload: unknown }[];
    {
      const h = await hostOn(dataDir);
      try {
        const started = await h.client.request('run.start', { text: PIPELINE, name: 'pipeline.yaml', seed: 1 });
        const runId = started.runId;
        storeRunId = started.storeRunId!;
        // Step until the raw edge holds two values.
        let listed = await h.client.request('run.messages', { runId });
        for (let i = 0; i < 20 && listed.messages.filter((m) => m.queue === 'raw').length < 2; i++) {
          await h.client.request('run.step', { runId, index: 0 });
          listed = await h.client.request('run.messages', { runId });
        }
        expect(listed.messages.filter((m) => m.queue === 'raw')).toEqual([
          { holder: 'BUF_raw', index: 0, value: 0, queue: 'raw', channel: 'raw_out', offered: true },
          { holder: 'BUF_raw', index: 1, value: 1, queue: 'raw', channel: 'raw_out', offered: false },
        ]);
        const at = listed.seq;
        editedAt = at;

        expect(
          await refusal(
            h.client.request('run.editMessage', { runId, seq: at, holder: 'BUF_raw', index: 1, value: { temp: 1 } }),
          ),
        ).toMatch(/BUF_raw, message 1: \{"temp":1\} has no CSPm form/);
        expect(
          await refusal(h.client.request('run.editMessage', { runId, seq: at, holder: 'BUF_raw', index: 1, value: 5 })),
        ).toBe("BUF_raw, message 1: 5 is not a value of channel raw_out's type");
        expect(
          await refusal(
            h.client.request('run.editMessage', { runId, seq: at - 1, holder: 'BUF_raw', index: 1, value: 2 }),
          ),
        ).toMatch(new RegExp(`the run is at step ${at}, not at step ${at - 1} where the message was listed`));

        const edited = await h.client.request('run.editMessage', {
          runId,
          seq: at,
          holder: 'BUF_raw',
          index: 1,
          value: 0,
        });
        expect(edited.step).toMatchObject({
          seq: at + 1,
          kind: 'edit',
          event: 'edit raw',
          payload: { index: 1, value: 0, was: 1 },
        });
        // A fork from after the edit keeps it: its history (and its stored copy) holds the edit step.
        const fork = await h.client.request('run.fork', { runId });
        expect(fork.seq).toBe(at + 1);
        const forked = await h.client.request('run.messages', { runId: fork.runId });
        expect(forked.messages.filter((m) => m.queue === 'raw').map((m) => m.value)).toEqual([0, 0]);
        await h.client.request('run.stop', { runId: fork.runId });
        expect(storedSteps(h.store, fork.storeRunId!).find((s) => s.kind === 'edit')?.payload).toEqual({
          index: 1,
          value: 0,
          was: 1,
        });

        const stop = await h.client.request('run.continue', { runId, maxSteps: 1000 });
        expect(stop.stop.reason).toBe('terminated');
        await h.client.request('run.stop', { runId });
        live = storedSteps(h.store, storeRunId);
        expect(live.find((s) => s.kind === 'edit')).toEqual({
          event: 'edit raw',
          kind: 'edit',
          payload: { index: 1, value: 0, was: 1 },
        });
        expect(live.filter((s) => s.event.startsWith('raw_out.')).map((s) => s.event)).toEqual([
          'raw_out.0',
          'raw_out.0',
          'raw_out.2',
        ]);
      } finally {
        await h.close();
      }
    }
    // A new host over the same store: run.open replays the edit with the rest.
    const h = await hostOn(dataDir);
    try {
      const opened = await h.client.request('run.open', { storeRunId });
      const events: { kind: string; event: string; payload?: unknown }[] = [];
      await h.client.subscribe('run.events', {
        runId: opened.runId,
        window: 1000,
        onEvent: (e) => {
          if (e.type === 'steps') events.push(...e.steps);
        },
      });
      const stop = await h.client.request('run.continue', { runId: opened.runId, maxSteps: 1000 });
      expect(stop.stop.reason).toBe('terminated');
      for (let i = 0; i < 500 && events.length < live.length; i++) await new Promise((r) => setTimeout(r, 10));
      expect(
        events.map((s) => ({ event: s.event, kind: s.kind === 'tick' ? 'done' : s.kind, payload: s.payload })),
      ).toEqual(live.map((s) => ({ ...s, kind: s.kind === 'tau' ? 'event' : s.kind })));
      await h.client.request('run.stop', { runId: opened.runId });

      // Opened again, back before the edit, another edit: the replay leaves its record there (a fork).
      const again = await h.client.request('run.open', { storeRunId });
      await h.client.request('run.goto', { runId: again.runId, seq: editedAt });
      const other = await h.client.request('run.editMessage', {
        runId: again.runId,
        seq: editedAt,
        holder: 'BUF_raw',
        index: 1,
        value: 2,
      });
      expect(other.step).toMatchObject({ seq: editedAt + 1, kind: 'edit', payload: { value: 2, was: 1 } });
      const state = await h.client.request('run.state', { runId: again.runId });
      expect(state.record?.forkedAt).toBe(editedAt);
      await h.client.request('run.stop', { runId: again.runId });
    } finally {
      await h.close();
    }
  }, 120_000);

  it('refuses while the run is running, and says so', async () => {
    const h = await hostOn(join(dir, 'running'));
    try {
      const text = `version: 1
name: busy
channels:
  - { id: q, name: q, type: "{0..1}", capacity: 2 }
processes:
  - { id: p, name: P, kind: csp, ports: [ { name: out, dir: out, type: "{0..1}" } ], behaviour: "out!0 -> out!1 -> P" }
  - { id: c, name: C, kind: csp, ports: [ { name: in, dir: in, type: "{0..1}" } ], behaviour: "in?x -> C" }
edges:
  - { id: q, from: p.out, to: c.in, channel: q }
`;
      const { runId } = await h.client.request('run.start', { text, name: 'busy.yaml', seed: 1 });
      const running = h.client.request('run.continue', { runId, maxSteps: 1e9 });
      // Give the free run time to start its first chunk, then edit while it runs.
      await new Promise((r) => setTimeout(r, 300));
      const listed = await h.client.request('run.messages', { runId });
      const message = await refusal(
        h.client.request('run.editMessage', { runId, seq: listed.seq, holder: 'BUF_q', index: 0, value: 1 }),
      );
      expect(message).toBe('the run is running: pause it (run.pause) before editing a message in flight');
      await h.client.request('run.pause', { runId });
      expect((await running).stop.reason).toBe('paused');
      await h.client.request('run.stop', { runId });
    } finally {
      await h.close();
    }
  }, 60_000);
});
