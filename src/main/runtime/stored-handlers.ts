/**
 * Host handlers of the run.* methods that read stored runs (the debugger's
 * runs history, trace table, sequence chart, compare and exports): answered
 * from the store, whether or not the run is open. Store errors (an unknown
 * run, a bad query) become protocol errors with the store's message.
 */
import { ProtocolError } from '../../shared/protocol';
import type { runMethods, RunSummary, StoredStep } from '../../shared/protocol/methods/run';
import type { HandlerMap } from '../host/handlers/types';
import type { RunInfo, Store, StoredRunEvent } from '../store';
import { StoreError } from '../store/errors';

/** Payloads larger than this (JSON characters) are sent as payloadBytes; run.payload pages them. */
export const INLINE_PAYLOAD_CHARS = 64 * 1024;

type StoredMethod = 'run.list' | 'run.trace' | 'run.payload' | 'run.compare' | 'run.rates' | 'run.export';

export function guard<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof StoreError)
      throw new ProtocolError(error.code === 'NOT_FOUND' ? 'not_found' : 'invalid_params', error.message);
    throw error;
  }
}

export function toStoredStep(e: StoredRunEvent): StoredStep {
  const payloadText = e.payload === null ? '' : JSON.stringify(e.payload);
  const choice = e.choice as { branch?: unknown } | null;
  return {
    seq: e.seq,
    kind: e.kind,
    event: e.event,
    channel: e.channel,
    processes: e.processes,
    hidden: e.hidden,
    ...(e.payload === null
      ? {}
      : payloadText.length > INLINE_PAYLOAD_CHARS
        ? { payloadBytes: payloadText.length }
        : { payload: e.payload }),
    branch: typeof choice?.branch === 'number' ? choice.branch : 0,
    ...(e.outside !== null ? { outside: e.outside } : {}),
    time: e.virtualTime,
    wallMs: e.wallMs,
  };
}

function summaries(
  store: Store,
  runs: readonly RunInfo[],
  liveRunOf: (storeRunId: number) => string | undefined,
): RunSummary[] {
  const versions = store.runs.versionNumbers(
    runs.flatMap((r) => (r.workflowVersionId !== null ? [r.workflowVersionId] : [])),
  );
  return runs.map((r) => {
    const replay = store.runs.replayInfo(r.id);
    const live = liveRunOf(r.id);
    return {
      storeRunId: r.id,
      label: r.label,
      mode: r.mode,
      status: r.status,
      outcome: r.outcome,
      seed: r.seed,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      durationMs: r.endedAt === null ? null : r.endedAt - r.startedAt,
      steps: r.lastSeq,
      bytes: r.bytes,
      pinned: r.pinned,
      workflowId: r.workflowId,
      workflowVersionId: r.workflowVersionId,
      workflowVersion: r.workflowVersionId === null ? null : (versions.get(r.workflowVersionId) ?? null),
      replayable: replay !== undefined,
      ...(replay?.parent !== undefined ? { parent: { storeRunId: replay.parent.runId, seq: replay.parent.seq } } : {}),
      ...(live !== undefined ? { liveRunId: live } : {}),
    };
  });
}

export const storedRunHandlers: HandlerMap<StoredMethod & keyof typeof runMethods> = {
  'run.list': ({ workflowId, beforeId, limit }, { host }) =>
    guard(() => {
      const store = host.requireStore();
      const runs = store.runs.list({
        limit,
        ...(workflowId !== undefined ? { workflowId } : {}),
        ...(beforeId !== undefined ? { beforeId } : {}),
      });
      return {
        runs: summaries(store, runs, (id) => host.services.runs.liveRunOf(id)),
        next: runs.length === limit ? (runs.at(-1)?.id ?? null) : null,
      };
    }),
  'run.trace': (p, { host }) =>
    guard(() => {
      const runs = host.requireStore().runs;
      const lastSeq = runs.query.lastSeq(p.storeRunId);
      if (p.text !== undefined) {
        if (p.beforeSeq !== undefined || p.time !== undefined)
          throw new ProtocolError(
            'invalid_params',
            'a text search pages forward only (afterSeq), without a time window',
          );
        const found = runs.search.search(p.storeRunId, {
          text: p.text,
          limit: p.limit,
          ...(p.afterSeq !== undefined ? { afterSeq: p.afterSeq } : {}),
        });
        const kept = found.events.filter(
          (e) =>
            (p.channel === undefined || e.channel === p.channel) &&
            (p.process === undefined || e.processes.includes(p.process)),
        );
        return { events: kept.map(toStoredStep), next: found.next, lastSeq, searchedUpTo: found.searchedUpTo };
      }
      const page = runs.query.page(p.storeRunId, {
        limit: p.limit,
        ...(p.afterSeq !== undefined ? { afterSeq: p.afterSeq } : {}),
        ...(p.beforeSeq !== undefined ? { beforeSeq: p.beforeSeq } : {}),
        ...(p.channel !== undefined ? { channel: p.channel } : {}),
        ...(p.process !== undefined ? { process: p.process } : {}),
        ...(p.time !== undefined ? { time: p.time } : {}),
      });
      return { events: page.events.map(toStoredStep), next: page.next, lastSeq };
    }),
  'run.payload': ({ storeRunId, seq, offset, length }, { host }) =>
    guard(() => {
      const text = host.requireStore().runs.payloadText(storeRunId, seq) ?? '';
      return { text: text.slice(offset, offset + length), offset, total: text.length };
    }),
  'run.compare': ({ a, b }, { host }) =>
    guard(() => {
      const c = host.requireStore().runs.compare(a, b);
      const d = c.divergence;
      return {
        aSteps: c.aSteps,
        bSteps: c.bSteps,
        divergence:
          d === null
            ? null
            : { seq: d.seq, a: d.a === null ? null : toStoredStep(d.a), b: d.b === null ? null : toStoredStep(d.b) },
      };
    }),
  'run.rates': ({ storeRunId, points }, { host }) =>
    guard(() => {
      const store = host.requireStore();
      store.runs.get(storeRunId);
      return bucketRates(store.runs.query.channelSeconds(storeRunId), points);
    }),
  'run.export': ({ storeRunId, format, afterSeq, offset }, { host }) =>
    guard(() => {
      const runs = host.requireStore().runs;
      runs.get(storeRunId);
      return runs.exports.chunk(storeRunId, format, { afterSeq, offset });
    }),
};

/**
 * Per-second counts by channel → at most `points` buckets of equal length, each the average steps
 * per second of every channel over its seconds (seconds without steps count as 0).
 */
export function bucketRates(
  rows: readonly { channel: string; second: number; count: number }[],
  points: number,
): { bucketSeconds: number; channels: string[]; points: { t: number; rates: Record<string, number> }[] } {
  // From the first second with steps (the run's clock may have started before its first step).
  const first = rows.reduce((m, r) => Math.min(m, r.second), Number.POSITIVE_INFINITY);
  const span = rows.reduce((m, r) => Math.max(m, r.second - first + 1), 0);
  const bucketSeconds = Math.max(1, Math.ceil(span / points));
  const totals = new Map<string, number>();
  const buckets: Map<string, number>[] = Array.from({ length: Math.ceil(span / bucketSeconds) }, () => new Map());
  for (const r of rows) {
    const b = buckets[Math.floor((r.second - first) / bucketSeconds)]!;
    b.set(r.channel, (b.get(r.channel) ?? 0) + r.count);
    totals.set(r.channel, (totals.get(r.channel) ?? 0) + r.count);
  }
  const channels = [...totals].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  return {
    bucketSeconds,
    channels,
    points: buckets.map((b, i) => {
      // The last bucket may be shorter than the others.
      const seconds = Math.min(bucketSeconds, span - i * bucketSeconds);
      const rates: Record<string, number> = {};
      for (const c of channels) rates[c] = Math.round(((b.get(c) ?? 0) / seconds) * 10) / 10;
      return { t: first + i * bucketSeconds, rates };
    }),
  };
}
