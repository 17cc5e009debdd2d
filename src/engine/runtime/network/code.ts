/**
 * Code nodes (scripts, agents, built-ins) as the scheduler sees them. The
 * scheduler is synchronous: a code node runs until it is quiescent inside
 * `fire` (docs/workflow-semantics.md#steps-and-time, "quiescence first"), so between steps every node is
 * blocked on channel operations, ended, or failed. What a node does with the
 * world outside (now(), random(), replies) goes through an OutsideSource, which
 * records values and, on replay, hands the recorded ones back in order.
 */
import type { EventId } from '../../csp/terms';

/** `waiting`: quiescent until an outside result it asked for is delivered (an LLM reply, an HTTP response). */
export type CodeNodeStatus = 'blocked' | 'waiting' | 'ended' | 'failed';

export interface CodeNode {
  /** Events the node offers now (ascending); empty unless blocked. */
  offers(): readonly EventId[];
  status(): CodeNodeStatus;
  /** Why the node failed (a thrown error, a CPU or memory limit, a bad value). */
  error(): string | undefined;
  /**
   * `event` happened with this node taking part; `payload` is what the sender
   * attached (JSON channels) or undefined. Runs the node until quiescent.
   */
  fire(event: EventId, payload: unknown): void;
  /** The payload this node sends with `event` (it offered it as a sender), if any. */
  payloadFor(event: EventId): unknown;
  /** The node's inspectable state for the debugger (a script's ctx.state), JSON. */
  inspect(): unknown;
  /** An outside result it asked for (OutsideSource.request) is delivered; it runs until quiescent. */
  deliver?(kind: string, value: unknown): void;
  /**
   * Present on nodes that cannot end by themselves (agents): the scheduler calls
   * it instead of `fire` when the event just taken leaves the node's contract
   * nothing but ✓, and the node ends (status 'ended').
   */
  endByContract?(): void;
  /**
   * Messages the node holds that no receiver has taken yet (an outbox, a
   * pending send), in the order they go: what the debugger may edit.
   */
  heldMessages?(): readonly HeldMessage[];
  /**
   * Replaces held message `index` (as heldMessages numbers them) with `value`;
   * returns why it cannot (a value outside the channel's type, no such message)
   * and then changes nothing. The node is quiescent before and after.
   */
  editMessage?(index: number, value: unknown): string | undefined;
  /** Frees what the node holds outside the JS heap (a sandbox); called when a run is rebuilt or closed. */
  dispose?(): void;
}

/** A message a code node holds, waiting for its receiver. */
export interface HeldMessage {
  /** Its number in heldMessages (0: the next to go). */
  readonly index: number;
  /** The output port it goes out on. */
  readonly port: string;
  /** The value as JSON. */
  readonly value: unknown;
  /** The events it goes out on (one per channel of its port). */
  readonly events: readonly EventId[];
  /** Whether it is offered now (the head of an outbox, a pending send). */
  readonly offered: boolean;
}

/** Outside values of one node: recorded on a live run, handed back on replay. */
export interface OutsideSource {
  value<T>(kind: string, produce: () => T): T;
  /**
   * Asks the world for a result that arrives later (an LLM reply). On a live run
   * `start` is called and its value, once settled, becomes a "deliver" item;
   * on a replay `start` is never called and the recorded value is delivered
   * at the recorded step. The value must be JSON.
   */
  request(kind: string, start: () => Promise<unknown>, options?: RequestOptions): void;
  /**
   * A result due at virtual time `at` (ms since the run started), such as a
   * timer's tick. Virtual time is discrete-event time: it moves to the earliest
   * due result only when nothing else can happen, so results come in time
   * order (ties in the order asked) and code between them takes no time. The
   * value is recorded and, on replay, handed back like any outside result.
   */
  schedule(kind: string, at: number, value: unknown): void;
  /** The run's virtual time in ms (moved by scheduled results); what a script's now() reads. */
  virtualNow(): number;
  /**
   * While the run follows a record (a replay, or going forward again after
   * going back): the next recorded outside value of this node for the step
   * being taken, not taken off the record, or null when there is none. Undefined on a
   * live run. A script uses it to stop at a recorded CPU interrupt exactly where
   * the live run stopped (the wall-clock backstop is not repeatable).
   */
  nextRecorded(): { readonly kind: string; readonly value: unknown } | null | undefined;
}

export interface RequestOptions {
  /**
   * The result comes from the user (an injection from the UI), not from a
   * service: it is not "under way" until the user acts, so virtual time does
   * not wait for it, and a replay may still ask for it after leaving its record.
   */
  readonly fromUser?: boolean;
}

export interface OutsideRecord {
  readonly node: string;
  readonly kind: string;
  readonly value: unknown;
}

/** Creates a fresh node (runs and replays each get their own). */
export type CodeNodeFactory = (outside: OutsideSource) => CodeNode;
