/**
 * Where StepRecorder reads steps from: a run's own log (`csp run`, in the
 * thread that runs it) or a batch of columns sent by a run worker (a run
 * started from the studio, recorded by the host). Both give the same answers,
 * so both record through the same code into the store's blocks.
 *
 * A step's shape key says which (event, acting process) pair it is; every step
 * with the same key is drawn and stored the same apart from its seq, branch and
 * virtual time. A step that carries more (a payload, outside values, a delivered
 * result) has key NO_SHAPE and is read whole.
 */
import { STEP_DELIVER, STEP_EDIT } from '../../engine/runtime/network/log';
import type { NetworkRun, StepInfo } from '../../engine/runtime/network/run';

export const NO_SHAPE = -1;

export interface StepSource {
  shapeKey(seq: number): number;
  branchAt(seq: number): number;
  timeAt(seq: number): number;
  /** The step as the UI shows it. */
  step(seq: number): StepInfo;
}

/** The key of an (event, actor) pair: actor is -1 for a synchronisation of several processes. */
export function shapeKeyOf(event: number, actor: number): number {
  return event * 65_536 + actor + 1;
}

/** Steps straight from a run's log. */
export function logSource(run: NetworkRun): StepSource {
  const log = run.log;
  return {
    shapeKey(seq) {
      const event = log.eventAt(seq);
      if (event === STEP_DELIVER || event === STEP_EDIT) return NO_SHAPE;
      const plain = log.payloads.size === 0 && log.outside.length === 0;
      if (!plain && (log.payloads.has(seq) || log.hasOutsideAt(seq))) return NO_SHAPE;
      return shapeKeyOf(event, log.actorAt(seq));
    },
    branchAt: (seq) => log.branchAt(seq),
    timeAt: (seq) => log.timeAt(seq),
    step: (seq) => run.steps(seq, seq)[0]!,
  };
}
