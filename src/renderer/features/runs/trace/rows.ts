/**
 * One row of the trace, whether it came from the live run (a `run.events`
 * step held by the run store) or from the store (`run.trace`). The two shapes
 * differ a little (a live step has no channel or wall time), so views read
 * this one.
 */
import type { StoredStep } from '../../../../shared/protocol/methods/run';
import type { RunStep } from '../run-store';

export interface TraceRow {
  readonly seq: number;
  readonly kind: string;
  readonly event: string;
  readonly channel: string | null;
  readonly processes: readonly string[];
  readonly hidden: boolean;
  /** The payload itself; absent when there is none or when it is too large for a page (see payloadBytes). */
  readonly payload?: unknown;
  readonly hasPayload: boolean;
  /** Set instead of payload for payloads over 64 KiB: read them with run.payload in pages. */
  readonly payloadBytes?: number;
  /** Virtual time of the step, ms. */
  readonly time: number;
  readonly wallMs?: number;
}

/** The channel of an event's CSPm text: what comes before the first dot (`fork.1.2` → `fork`). */
export function channelOf(kind: string, event: string): string | null {
  if (kind !== 'event') return null;
  const dot = event.indexOf('.');
  return dot < 0 ? event : event.slice(0, dot);
}

export function fromRunStep(step: RunStep): TraceRow {
  return {
    seq: step.seq,
    kind: step.kind,
    event: step.event,
    channel: channelOf(step.kind, step.event),
    processes: step.processes,
    hidden: step.hidden,
    hasPayload: step.payload !== undefined,
    ...(step.payload !== undefined ? { payload: step.payload } : {}),
    time: step.time ?? 0,
  };
}

export function fromStoredStep(step: StoredStep): TraceRow {
  return {
    seq: step.seq,
    kind: step.kind,
    event: step.event,
    channel: step.channel,
    processes: step.processes,
    hidden: step.hidden,
    hasPayload: step.payload !== undefined || step.payloadBytes !== undefined,
    ...(step.payload !== undefined ? { payload: step.payload } : {}),
    ...(step.payloadBytes !== undefined ? { payloadBytes: step.payloadBytes } : {}),
    time: step.time,
    wallMs: step.wallMs,
  };
}

/** How far a row's preview goes before the details pane takes over (the details show it all). */
const PREVIEW_CHARS = 160;

/** One line for the table cell; the details pane shows the payload in full. */
export function payloadPreview(row: TraceRow): string {
  if (row.payloadBytes !== undefined) return `(${formatBytes(row.payloadBytes)}: select the row to read it in pages)`;
  if (!row.hasPayload) return '';
  const text = JSON.stringify(row.payload) ?? String(row.payload);
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
}

/** The payload as the details pane shows and copies it: indented JSON, whole. */
export function payloadText(payload: unknown): string {
  return JSON.stringify(payload, null, 2) ?? String(payload);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Virtual time as the table shows it: ms under a second, else seconds. */
export function formatTime(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
