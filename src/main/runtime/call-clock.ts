/**
 * The latency of agent (LLM) and HTTP calls. The engine is pure (no clock), so
 * the run worker wraps each code node's OutsideSource: a request of a timed
 * kind is timed around the call the node asked for. Only a live call is timed:
 * on a replay the scheduler hands back the recorded result and never calls the
 * wrapped `start`, so a replay measures nothing and reports what the store kept.
 *
 * A timing waits, per node, for the deliver step that hands its result to the
 * node (a node has one call under way at a time, so they come in order); that
 * step's seq is what the store keeps it by (store/runs/metrics.ts).
 */
import type { NetworkSpec } from '../../engine/runtime/network/network';
import type { OutsideSource } from '../../engine/runtime/network/code';
import type { StepInfo } from '../../engine/runtime/network/run';
import type { RunCall } from '../store/runs/metrics';

/** Outside kinds that are calls to a service: an agent's chat completion, an HTTP request. */
export const TIMED_KINDS: ReadonlySet<string> = new Set(['llm-reply', 'http']);

interface Timing {
  readonly kind: string;
  readonly startedMs: number;
  readonly endedMs: number;
  readonly failed: boolean;
}

/** A delivered value that says the call failed (the scheduler turns a rejection into `{ error }`). */
function isFailure(value: unknown): boolean {
  return value !== null && typeof value === 'object' && typeof (value as { error?: unknown }).error === 'string';
}

export class CallClock {
  /** Timings of answered calls not yet matched with their deliver step, by node. */
  private readonly waiting = new Map<string, Timing[]>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** The spec with every code node's outside requests of a timed kind timed. */
  timeSpec(spec: NetworkSpec): NetworkSpec {
    return {
      ...spec,
      components: spec.components.map((c) => {
        const code = c.code;
        return code === undefined ? c : { ...c, code: (outside) => code(this.wrap(c.name, outside)) };
      }),
    };
  }

  wrap(node: string, outside: OutsideSource): OutsideSource {
    return {
      value: (kind, produce) => outside.value(kind, produce),
      request: (kind, start, options) =>
        outside.request(kind, TIMED_KINDS.has(kind) ? () => this.timed(node, kind, start) : start, options),
      schedule: (kind, at, value) => outside.schedule(kind, at, value),
      virtualNow: () => outside.virtualNow(),
      nextRecorded: () => outside.nextRecorded(),
    };
  }

  /** The calls answered by these steps' deliveries (steps of a replay have none waiting: they match nothing). */
  take(steps: readonly StepInfo[]): RunCall[] {
    const out: RunCall[] = [];
    for (const s of steps) {
      if (s.kind !== 'deliver') continue;
      const node = s.processes[0];
      const kind = s.event.replace(/^deliver /, '');
      if (node === undefined || !TIMED_KINDS.has(kind)) continue;
      const queue = this.waiting.get(node);
      const i = queue?.findIndex((t) => t.kind === kind) ?? -1;
      if (i < 0) continue;
      const [t] = queue!.splice(i, 1);
      out.push({ seq: s.seq, node, ...t! });
    }
    return out;
  }

  /** The run went back: a call answered for the abandoned timeline belongs to no step. */
  clear(): void {
    this.waiting.clear();
  }

  private timed(node: string, kind: string, start: () => Promise<unknown>): Promise<unknown> {
    const startedMs = this.now();
    const done = (failed: boolean): void => {
      let queue = this.waiting.get(node);
      if (queue === undefined) this.waiting.set(node, (queue = []));
      queue.push({ kind, startedMs, endedMs: Math.max(startedMs, this.now()), failed });
    };
    return start().then(
      (value) => {
        done(isFailure(value));
        return value;
      },
      (e: unknown) => {
        done(true);
        throw e;
      },
    );
  }
}
