/** Messages between the run service (host thread) and a run worker. */
import type { BreakpointSpec } from '../../engine/runtime/network/breakpoints';
import type { OutsideEntry } from '../../engine/runtime/network/log';
import type { EnabledItem } from '../../engine/runtime/network/scheduler';
import type { ProcessState, QueueDepth, StepInfo, StopInfo } from '../../engine/runtime/network/run';

export interface InitJob {
  readonly file?: string;
  readonly text?: string;
  readonly name: string;
  readonly process?: string;
  readonly seed: number;
  /** Secrets kept by the app (Settings), by name: they win over environment variables of the same name. */
  readonly secrets?: Readonly<Record<string, string>>;
  /** Timers wait real time between ticks (default: virtual time). */
  readonly wallClock?: boolean;
  /** Pause flag: the host sets element 0 to 1 to pause a free run. */
  readonly pause: SharedArrayBuffer;
  /** A fork's history: rows to replay, and the outside values they consumed. */
  readonly history?: { readonly rows: readonly (readonly [number, number, number])[]; readonly outside: readonly OutsideEntry[] };
}

export type Command =
  | { readonly cmd: 'init'; readonly job: InitJob }
  | { readonly cmd: 'enabled' }
  | { readonly cmd: 'step'; readonly index?: number; readonly branch?: number }
  | { readonly cmd: 'run'; readonly maxSteps: number }
  | { readonly cmd: 'goto'; readonly seq: number }
  | { readonly cmd: 'stepBack' }
  | { readonly cmd: 'state' }
  | { readonly cmd: 'history'; readonly seq: number }
  | { readonly cmd: 'bp.list' }
  | { readonly cmd: 'bp.add'; readonly spec: BreakpointSpec }
  | { readonly cmd: 'bp.update'; readonly id: string; readonly enabled: boolean }
  | { readonly cmd: 'bp.remove'; readonly id: string }
  | { readonly cmd: 'inject'; readonly node: string; readonly payload?: unknown; readonly end?: boolean };

export interface Request {
  readonly id: number;
  readonly command: Command;
}

/** A stop as it crosses threads (the breakpoint by id). */
export type WireStop = Omit<StopInfo, 'breakpoint' | 'reason'> & { readonly reason: StopInfo['reason'] | 'paused'; readonly breakpoint?: string };

export type FromWorker =
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly error: string }
  | { readonly type: 'steps'; readonly steps: readonly StepInfo[] }
  | { readonly type: 'log'; readonly line: string }
  | { readonly type: 'states'; readonly seq: number; readonly processes: readonly ProcessState[] }
  | { readonly type: 'metrics'; readonly seq: number; readonly elapsedMs: number; readonly stepsPerSecond: number; readonly queues: readonly QueueDepth[] };

export interface StateResult {
  readonly seq: number;
  readonly processes: readonly (ProcessState & { readonly script?: unknown })[];
  readonly stop: WireStop;
}

export interface InitResult {
  readonly processes: StateResult['processes'];
  readonly enabled: readonly EnabledItem[];
  readonly seq: number;
}
