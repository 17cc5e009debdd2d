/**
 * RunEventRecord: one step of a run as the store keeps it (docs/workflow-semantics.md#steps-and-time).
 * The runtime writes these through RunWriter; the UI and the CLI read them back as
 * StoredRunEvent. Everything here is plain JSON so it crosses the protocol unchanged.
 */
import { badInput } from '../errors';

/**
 * What kind of step (or terminal record) this is:
 * - 'event'     a visible synchronisation (buffer events included)
 * - 'tau'       one τ of a CSP node; `event` is the hidden event's text, `hidden` true
 * - 'done'      ✓ of a node (`event` is '✓' or the node's tick text)
 * - 'tick'      a timer tick offered to the network
 * - 'deliver'   delivery of one outside result (LLM reply, HTTP response, timer)
 * - 'error'     a node failed; `payload` carries the serialised error
 * - 'violation' the contract monitor stopped the run (trace or refusal violation)
 * - 'edit'      the user edited a message in flight while paused; `processes[0]` holds it,
 *               `payload` is { index, value, was } (a replay repeats it)
 * The numeric codes are stored; never renumber, only append.
 */
export const RUN_EVENT_KINDS = ['event', 'tau', 'done', 'tick', 'deliver', 'error', 'violation', 'edit'] as const;
export type RunEventKind = (typeof RUN_EVENT_KINDS)[number];
export const KIND_CODE: Readonly<Record<RunEventKind, number>> = Object.fromEntries(
  RUN_EVENT_KINDS.map((k, i) => [k, i]),
) as Record<RunEventKind, number>;

export interface RunEventRecord {
  /** 1, 2, ... with no gaps within a run. */
  readonly seq: number;
  readonly kind: RunEventKind;
  /** The event in CSPm syntax, e.g. 'c.B.2' (docs/workflow-semantics.md#data-on-channels). */
  readonly event: string;
  /** The channel the event is on (compiled CSPm name), if any. */
  readonly channel?: string | null;
  /** Names of the processes (nodes) that took part. */
  readonly processes?: readonly string[];
  /** The message value as JSON (section 2 mapping), or the raw JSON payload of a JSON channel. */
  readonly payload?: unknown;
  readonly hidden?: boolean;
  /** The scheduler choice this step resolved, e.g. { index: 2, of: 5 }. */
  readonly choice?: unknown;
  /** The outside value this step consumed (LLM reply, now(), random(), CPU interrupt). */
  readonly outside?: unknown;
  /** Process state changes caused by the step, e.g. { "P1": "blocked" }. */
  readonly state?: unknown;
  /** Wall-clock time in ms since the epoch when the step happened. */
  readonly wallMs: number;
  /** Virtual time of the run at the step (section 5: time is virtual unless --wall-clock). */
  readonly virtualTime: number;
}

/** A record read back from the store: optional fields are filled in. */
export interface StoredRunEvent {
  readonly seq: number;
  readonly kind: RunEventKind;
  readonly event: string;
  readonly channel: string | null;
  readonly processes: string[];
  readonly payload: unknown;
  readonly hidden: boolean;
  readonly choice: unknown;
  readonly outside: unknown;
  readonly state: unknown;
  readonly wallMs: number;
  readonly virtualTime: number;
}

/** Seq numbers live in the low 40 bits of a run_events rowid (about 10^12 steps per run). */
export const SEQ_BITS = 2 ** 40;
export function rowBase(runId: number): number {
  return runId * SEQ_BITS;
}

/** Cheap shape checks for the hot path; they name the field and the seq. */
export function checkRecord(rec: RunEventRecord, expectedSeq: number, runId: number): void {
  if (rec.seq !== expectedSeq) {
    throw badInput(
      `run ${runId}: expected step seq ${expectedSeq}, got ${String(rec.seq)} (steps are numbered 1..n with no gaps)`,
    );
  }
  if (KIND_CODE[rec.kind] === undefined)
    throw badInput(`run ${runId} seq ${rec.seq}: unknown kind ${JSON.stringify(rec.kind)}`);
  if (typeof rec.event !== 'string')
    throw badInput(`run ${runId} seq ${rec.seq}: event must be a string in CSPm syntax`);
  if (!Number.isFinite(rec.wallMs) || !Number.isFinite(rec.virtualTime)) {
    throw badInput(`run ${runId} seq ${rec.seq}: wallMs and virtualTime must be finite numbers`);
  }
}

export function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
