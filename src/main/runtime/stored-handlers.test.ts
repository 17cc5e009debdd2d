/**
 * Reading stored runs through the protocol (a real SQLite store): the runs
 * list of a workflow, trace pages with filters and text search, large payloads
 * in pages, comparing two runs, and exports whose chunks add up to the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeHost, type StoreHost } from '../host/test-helpers';
import { toRecord } from './records';
import { bucketRates } from './stored-handlers';
import { TraceExport } from '../store/runs/export';
import type { StepInfo } from '../../engine/runtime/network/run';

const TEXT =
  'channel a, b : {0..2}\nP = a?x -> b!x -> P\nQ = (a!1 -> Q |~| a!2 -> Q) [] b?x -> Q\nSYSTEM = P [ {|a, b|} || {|a, b|} ] Q\n';

let h: StoreHost;
beforeAll(async () => {
  h = await storeHost();
});
afterAll(async () => {
  await h.close();
});

/** A finished stored run of TEXT: `steps` free steps with `seed`, of the given workflow version. */
async function recorded(seed: number, steps: number, workflowVersionId?: number): Promise<number> {
  const started = await h.client.request('run.start', {
    text: TEXT,
    name: 'pq.csp',
    seed,
    ...(workflowVersionId !== undefined ? { workflowVersionId } : {}),
  });
  await h.client.request('run.continue', { runId: started.runId, maxSteps: steps });
  await h.client.request('run.stop', { runId: started.runId });
  return started.storeRunId!;
}

const stepAt = (seq: number, event: string, payload?: unknown): StepInfo => ({
  seq,
  kind: 'event',
  event,
  hidden: false,
  processes: ['Left', 'Right'],
  branch: 0,
  ...(payload !== undefined ? { payload } : {}),
});

describe('stored runs over the protocol', () => {
  it('lists the runs of a workflow with outcome, duration, steps, seed and workflow version', async () => {
    const saved = h.store.workflows.save({ path: '/tmp/pq.csp', name: 'PQ', content: TEXT, kind: 'cspm' });
    const first = await recorded(3, 40, saved.version.id);
    const second = await recorded(4, 25, saved.version.id);
    await recorded(5, 10);
    const { runs, next } = await h.client.request('run.list', { workflowId: saved.workflowId });
    expect(next).toBeNull();
    expect(runs.map((r) => r.storeRunId)).toEqual([second, first]);
    expect(runs[1]).toMatchObject({
      storeRunId: first,
      seed: '3',
      steps: 40,
      outcome: 'stopped',
      status: 'finished',
      workflowVersion: 1,
      workflowVersionId: saved.version.id,
      replayable: true,
      label: 'pq.csp',
    });
    expect(runs[1]!.durationMs).toBeGreaterThanOrEqual(0);
    const page = await h.client.request('run.list', { limit: 2 });
    expect(page.runs).toHaveLength(2);
    expect((await h.client.request('run.list', { beforeId: page.next! })).runs[0]!.storeRunId).toBe(first);
  }, 120_000);

  it('pages a trace forward and backward, filters by channel and process, and finds value text', async () => {
    const id = await recorded(7, 200);
    const all = (await h.client.request('run.trace', { storeRunId: id, limit: 1000 })).events;
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const forward = await h.client.request('run.trace', { storeRunId: id, afterSeq: 50, limit: 10 });
    expect(forward.events.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 51 + i));
    expect(forward.next).toBe(60);
    const backward = await h.client.request('run.trace', { storeRunId: id, beforeSeq: 50, limit: 3 });
    expect(backward.events.map((e) => e.seq)).toEqual([49, 48, 47]);
    const onB = await h.client.request('run.trace', { storeRunId: id, channel: 'b', limit: 1000 });
    expect(onB.events.map((e) => e.seq)).toEqual(all.filter((e) => e.channel === 'b').map((e) => e.seq));
    const ofQ = await h.client.request('run.trace', { storeRunId: id, process: 'Q', limit: 1000 });
    expect(ofQ.events.map((e) => e.seq)).toEqual(all.filter((e) => e.processes.includes('Q')).map((e) => e.seq));
    const found = await h.client.request('run.trace', { storeRunId: id, text: 'b 2', limit: 1000 });
    expect(found.events.map((e) => e.event)).toEqual(all.filter((e) => e.event === 'b.2').map((e) => e.event));
    expect(found.searchedUpTo).toBe(200);
    const missing = await h.client.request('run.trace', { storeRunId: 99_999 }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'not_found' });
  }, 120_000);

  it('a payload over 64 KiB comes as its size and is read back whole in pages', async () => {
    const big = { text: 'x'.repeat(200_000), n: 1 };
    const writer = h.store.runs.start({ mode: 'free', label: 'big' });
    writer.appendMany([stepAt(1, 'a', { small: true }), stepAt(2, 'a', big)].map((s) => toRecord(s, 0)));
    writer.finish({ outcome: 'stopped' });
    const page = await h.client.request('run.trace', { storeRunId: writer.runId });
    expect(page.events[0]!.payload).toEqual({ small: true });
    expect(page.events[1]!.payload).toBeUndefined();
    const total = JSON.stringify(big).length;
    expect(page.events[1]!.payloadBytes).toBe(total);
    let text = '';
    for (let offset = 0; offset < total;) {
      const part = await h.client.request('run.payload', { storeRunId: writer.runId, seq: 2, offset, length: 70_000 });
      expect(part.total).toBe(total);
      text += part.text;
      offset += part.text.length;
    }
    expect(JSON.parse(text)).toEqual(big);
  });

  it('compares two runs: the first step where they differ, or none', async () => {
    const a = await recorded(11, 60);
    const same = await recorded(11, 60);
    const other = await recorded(12, 60);
    expect((await h.client.request('run.compare', { a, b: same })).divergence).toBeNull();
    const c = await h.client.request('run.compare', { a, b: other });
    const ta = (await h.client.request('run.trace', { storeRunId: a, limit: 1000 })).events;
    const tb = (await h.client.request('run.trace', { storeRunId: other, limit: 1000 })).events;
    const first =
      ta.findIndex((e, i) => e.event !== tb[i]!.event || e.processes.join() !== tb[i]!.processes.join()) + 1;
    expect(first).toBeGreaterThan(0);
    expect(c.divergence?.seq).toBe(first);
    expect(c.divergence?.a?.event).toBe(ta[first - 1]!.event);
    expect(c.divergence?.b?.event).toBe(tb[first - 1]!.event);
    const shorter = await recorded(11, 30);
    expect((await h.client.request('run.compare', { a, b: shorter })).divergence).toMatchObject({ seq: 31, b: null });
  }, 120_000);

  it('exports JSON, CSV and a Mermaid sequence diagram; chunks concatenate to the file, even through a payload larger than a chunk', async () => {
    const id = await recorded(2, 30);
    const steps = (await h.client.request('run.trace', { storeRunId: id, limit: 1000 })).events;
    const whole = async (format: 'json' | 'csv' | 'mermaid'): Promise<string> => {
      let text = '';
      let cursor: { afterSeq: number; offset: number } | null = { afterSeq: 0, offset: 0 };
      while (cursor !== null) {
        const chunk: { text: string; next: { afterSeq: number; offset: number } | null } = await h.client.request(
          'run.export',
          { storeRunId: id, format, ...cursor },
        );
        text += chunk.text;
        cursor = chunk.next;
      }
      return text;
    };
    const json = JSON.parse(await whole('json')) as {
      run: { id: number; steps: number };
      events: { seq: number; event: string; processes: string[] }[];
    };
    expect(json.run).toMatchObject({ id, steps: 30 });
    expect(json.events.map((e) => [e.seq, e.event, e.processes])).toEqual(
      steps.map((e) => [e.seq, e.event, e.processes]),
    );
    const csv = (await whole('csv')).trimEnd().split('\n');
    expect(csv[0]).toBe('seq,kind,event,channel,processes,payload,branch,virtual_time_ms,wall_ms');
    expect(csv).toHaveLength(31);
    expect(csv[1]!.split(',').slice(0, 3)).toEqual(['1', steps[0]!.kind, steps[0]!.event]);
    const mermaid = await whole('mermaid');
    expect(mermaid.startsWith('sequenceDiagram\n')).toBe(true);
    const alias = (name: string): string =>
      new RegExp(`participant (p\\d+) as ${name}\n`).exec(mermaid)?.[1] ?? 'missing';
    expect(alias('P')).not.toBe(alias('Q'));
    const firstSync = steps.find((e) => e.kind === 'event')!;
    expect(mermaid).toContain(
      `${alias(firstSync.processes[0]!)}->>${alias(firstSync.processes[1]!)}: ${firstSync.event}`,
    );
    expect(mermaid.split('\n').filter((l) => l.includes('->>') || l.includes('Note over'))).toHaveLength(30);

    // A tiny chunk budget splits inside a step; the pieces still add up (a quote, a comma and a newline in a payload too).
    const writer = h.store.runs.start({ mode: 'free', label: 'split' });
    const odd = { say: 'he said "hi", then\nleft', long: 'y'.repeat(5000) };
    writer.appendMany([stepAt(1, 'a', odd), stepAt(2, 'b')].map((s) => toRecord(s, 0)));
    writer.finish({ outcome: 'stopped' });
    const exporter = new TraceExport(h.store.db, h.store.runs.steps);
    for (const format of ['json', 'csv'] as const) {
      let text = '';
      let cursor: { afterSeq: number; offset: number } | null = { afterSeq: 0, offset: 0 };
      let chunks = 0;
      while (cursor !== null) {
        const c = exporter.chunk(writer.runId, format, cursor, 700);
        expect(c.text.length).toBeLessThanOrEqual(700);
        text += c.text;
        cursor = c.next;
        chunks++;
      }
      expect(chunks).toBeGreaterThan(5);
      expect(text).toBe(exporter.chunk(writer.runId, format, { afterSeq: 0, offset: 0 }, 1e9).text);
      if (format === 'json')
        expect((JSON.parse(text) as { events: { payload: unknown }[] }).events[0]!.payload).toEqual(odd);
      else expect(text).toContain(`"${JSON.stringify(odd).replace(/"/g, '""')}"`);
    }
  }, 120_000);

  it("gives a stored run's steps per second by channel, as recorded, in at most the points asked for", async () => {
    const id = await recorded(6, 300);
    const { points, channels, bucketSeconds } = await h.client.request('run.rates', { storeRunId: id });
    expect(channels.sort()).toEqual(['a', 'b']);
    expect(bucketSeconds).toBe(1);
    // Within one-second buckets the rates add up to the steps on each channel (the τ of Q's |~| have none).
    for (const { channel, count } of h.store.runs.query.channelTotals(id))
      expect(points.reduce((n, p) => n + (p.rates[channel] ?? 0), 0)).toBe(count);
    await expect(h.client.request('run.rates', { storeRunId: 999_999 })).rejects.toThrow(/999999/);
  });
});

describe('bucketRates', () => {
  it('averages per-second counts into equal buckets, the busiest channel first, empty seconds as 0', () => {
    const rows = [
      { channel: 'x', second: 0, count: 10 },
      { channel: 'y', second: 0, count: 40 },
      { channel: 'x', second: 3, count: 30 },
      { channel: 'y', second: 4, count: 5 },
    ];
    expect(bucketRates(rows, 2)).toEqual({
      bucketSeconds: 3,
      channels: ['y', 'x'],
      points: [
        { t: 0, rates: { y: 13.3, x: 3.3 } },
        { t: 3, rates: { y: 2.5, x: 15 } },
      ],
    });
    expect(bucketRates([], 240)).toEqual({ bucketSeconds: 1, channels: [], points: [] });
  });
});
