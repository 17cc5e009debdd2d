/**
 * Messages between the run service (host thread) and a run worker. Commands
 * are a typed map: each command's parameters and result, so the service's
 * `call` returns the result type of the command it sent and the worker's
 * handler table must return it (no casts on either side).
 */
import type { Breakpoint, BreakpointSpec } from '../../engine/runtime/network/breakpoints';
import type { OutsideEntry } from '../../engine/runtime/network/log';
import type { EnabledItem } from '../../engine/runtime/network/scheduler';
import type { MessageInFlight } from '../../engine/runtime/network/messages';
import type { ExploredEdge, ExploredState, ExploreFinding } from '../../engine/runtime/network/explore';
import type { ProcessState, QueueDepth, StepInfo, StopInfo } from '../../engine/runtime/network/run';
import type { SourceDiagnostic } from '../source/diagnostics';
import type { SourceKind } from '../source/reader';
import type { RunPolicy } from './policy';
import type { StepBatch } from './step-batch';
import type { RecordColumns, RecordedOutside, RunSource } from '../store/runs/replay';
import type { RunCall } from '../store/runs/metrics';
import type { ThreadReport } from './thread-usage';

/** Control word the host sets to 1 to pause a free run. */
export const PAUSE_FLAG = 0;
/**
 * Control word counting the step batches the host has taken in (recorded and
 * handed to subscribers). A free run waits while more than a few it sent are
 * not taken yet, so a run faster than its host never piles batches up in the
 * host's message queue (memory without bound, and an event loop that drains
 * them all at once instead of answering anyone).
 */
export const BATCHES_TAKEN = 1;
export const CONTROL_BYTES = 8;

/** A fork's history: rows to replay ([event, actor, branch, virtual time]), the outside values they consumed, payloads by step. */
export interface RunHistory {
  readonly rows: readonly (readonly [number, number, number, number])[];
  readonly outside: readonly OutsideEntry[];
  readonly payloads: readonly (readonly [number, unknown])[];
}

export interface InitJob {
  readonly file?: string;
  readonly text?: string;
  readonly name: string;
  /** workflow or cspm; default: by the extension of file or name. */
  readonly kind?: SourceKind;
  readonly process?: string;
  readonly seed: number;
  /** Secrets kept by the app (Settings), by name: they win over environment variables of the same name. */
  readonly secrets?: Readonly<Record<string, string>>;
  /** Timers wait real time between ticks (default: virtual time). */
  readonly wallClock?: boolean;
  /** The run's control words (Int32 at PAUSE_FLAG and BATCHES_TAKEN, CONTROL_BYTES long). */
  readonly pause: SharedArrayBuffer;
  /** A fork: these steps are replayed, then the run goes on by itself. */
  readonly history?: RunHistory;
  /** A stored run opened again: the run starts at step 0 and follows this record. */
  readonly record?: { readonly columns: RecordColumns; readonly beforeFirst: readonly RecordedOutside[] };
  /** Kinds of outside requests never sent to the world (a replay calls no live LLM or HTTP endpoint). */
  readonly offline?: readonly string[];
  /** What the host allows the run: script heap, egress, quotas (absent: no limits beyond the defaults). */
  readonly policy?: RunPolicy;
}

/** Where the run stands against its record. */
export interface RecordState {
  /** Steps in the run's record (the steps taken, plus those ahead after going back or opening a stored run). */
  readonly length: number;
  /** The step after which the run last left its record, if it has. */
  readonly forkedAt?: number;
  /** Outside requests are answered from the record only. */
  readonly offline: boolean;
}

/** A stop as it crosses threads (the breakpoint by id). */
export type WireStop = Omit<StopInfo, 'breakpoint' | 'reason'> & {
  readonly reason: StopInfo['reason'] | 'paused';
  readonly breakpoint?: string;
};

export interface StateResult {
  readonly seq: number;
  readonly processes: readonly ProcessState[];
  readonly stop: WireStop;
  readonly record: RecordState;
}

/** The run started, or the source could not be run (its diagnostics, at their place). */
export type InitResult =
  | {
      readonly ok: true;
      readonly processes: readonly ProcessState[];
      readonly enabled: readonly EnabledItem[];
      readonly seq: number;
      /** What ran, as the store keeps it for a replay. */
      readonly source: RunSource;
      /** Outside values the nodes consumed before step 1. */
      readonly beforeFirst: readonly RecordedOutside[];
      readonly record: RecordState;
    }
  | { readonly ok: false; readonly diagnostics: readonly SourceDiagnostic[] };

type NoParams = Record<never, never>;

/** Explore from here, as it crosses threads: what was found (the graph stays in the worker, read by state and as DOT). */
export interface ExploreSummary {
  readonly seq: number;
  readonly components: readonly string[];
  readonly states: number;
  readonly edges: number;
  readonly depth: number;
  readonly findings: readonly ExploreFinding[];
  readonly truncated: boolean;
  readonly cancelled: boolean;
  readonly maxDepth: number;
}

/** Every command: what it takes and what it answers. */
export interface Commands {
  init: { params: { readonly job: InitJob }; result: InitResult };
  enabled: { params: NoParams; result: { readonly seq: number; readonly enabled: readonly EnabledItem[] } };
  step: {
    params: { readonly index?: number; readonly branch?: number };
    result: { readonly step?: StepInfo; readonly stop: WireStop };
  };
  run: { params: { readonly maxSteps: number }; result: { readonly stop: WireStop } };
  goto: { params: { readonly seq: number }; result: { readonly seq: number } };
  stepBack: { params: NoParams; result: { readonly seq: number } };
  state: { params: NoParams; result: StateResult };
  history: { params: { readonly seq: number }; result: RunHistory };
  'bp.list': { params: NoParams; result: { readonly breakpoints: readonly Breakpoint[] } };
  'bp.add': { params: { readonly spec: BreakpointSpec }; result: Breakpoint };
  'bp.update': { params: { readonly id: string; readonly enabled: boolean }; result: Breakpoint };
  'bp.remove': { params: { readonly id: string }; result: { readonly ok: true } };
  explore: { params: { readonly maxDepth: number; readonly maxStates: number }; result: ExploreSummary };
  exploreState: {
    params: { readonly id: number };
    result: {
      readonly state: ExploredState;
      readonly out: readonly ExploredEdge[];
      readonly outCount: number;
      readonly path: readonly ExploredEdge[];
    };
  };
  exploreDot: { params: { readonly offset: number }; result: { readonly text: string; readonly next: number | null } };
  exploreCancel: { params: NoParams; result: { readonly ok: boolean } };
  inject: {
    params: { readonly node: string; readonly payload?: unknown; readonly end?: boolean };
    result: { readonly ok: true };
  };
  messages: { params: NoParams; result: { readonly seq: number; readonly messages: readonly MessageInFlight[] } };
  editMessage: {
    params: { readonly seq: number; readonly holder: string; readonly index: number; readonly value: unknown };
    result: { readonly step: StepInfo; readonly stop: WireStop };
  };
}

export type CommandName = keyof Commands;
/** A command message: its name in `cmd` plus its parameters. */
export type Command<C extends CommandName = CommandName> = { [K in C]: { readonly cmd: K } & Commands[K]['params'] }[C];
export type CommandResult<C extends CommandName> = Commands[C]['result'];

export interface Request {
  readonly id: number;
  readonly command: Command;
}

export type FromWorker =
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly error: string }
  /** Steps taken, as columns (step-batch.ts). */
  | { readonly type: 'steps'; readonly batch: StepBatch }
  /** Agent and HTTP calls answered by deliver steps of the last batch (call-clock.ts), sent after it. */
  | { readonly type: 'calls'; readonly calls: readonly RunCall[] }
  /** The run left its record after step `seq` (sent before the steps of the new timeline). */
  | { readonly type: 'forked'; readonly seq: number }
  | { readonly type: 'log'; readonly line: string }
  /** Progress of an exploration (explore): states and transitions found, the deepest step. */
  | { readonly type: 'explore'; readonly states: number; readonly edges: number; readonly depth: number }
  | { readonly type: 'states'; readonly seq: number; readonly processes: readonly ProcessState[] }
  /** The worker's own thread id (Linux) and JS heap in use, once a second (thread-usage.ts). */
  | ({ readonly type: 'usage' } & ThreadReport)
  | {
      readonly type: 'metrics';
      readonly seq: number;
      readonly elapsedMs: number;
      readonly stepsPerSecond: number;
      readonly queues: readonly QueueDepth[];
    };
