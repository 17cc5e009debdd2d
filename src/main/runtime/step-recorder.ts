/**
 * Records a run's steps straight from its RunLog into the store's blocks, at
 * the speed the runtime makes them: a step that carries nothing but its event
 * (most of them) is a cached shape id, a branch and a time, with no StepInfo
 * and no record object made. The shape of each (event, process) pair is worked
 * out once, from the step as the UI shows it; steps with a payload, outside
 * values or a delivered result take the full path. The stored steps are the
 * same either way (records.ts, toRecord).
 */
import { STEP_DELIVER } from '../../engine/runtime/network/log';
import type { NetworkRun } from '../../engine/runtime/network/run';
import type { RunWriter } from '../store/runs/writer';
import { channelOf, toRecord } from './records';

export class StepRecorder {
  /** Shape id by event id and acting component (actor + 1, so -1 fits). */
  private readonly shapes = new Map<number, number>();
  private written: number;

  constructor(
    private readonly writer: RunWriter,
    private readonly run: NetworkRun,
  ) {
    this.written = writer.expectedSeq - 1;
  }

  /** Writes the steps taken since the last call; `wallMs` is their wall-clock time. */
  writeUpTo(seq: number, wallMs: number): void {
    const log = this.run.log;
    const plain = log.payloads.size === 0 && log.outside.length === 0;
    for (let s = this.written + 1; s <= seq; s++) {
      const event = log.eventAt(s);
      if (event !== STEP_DELIVER && (plain || (!log.payloads.has(s) && log.outsideAt(s).length === 0))) {
        const key = event * 65_536 + log.actorAt(s) + 1;
        let shape = this.shapes.get(key);
        if (shape === undefined) {
          const step = this.run.steps(s, s)[0]!;
          const r = toRecord(step, wallMs);
          shape = this.writer.shape({
            kind: r.kind,
            event: r.event,
            channel: channelOf(r.event),
            processes: step.processes,
            hidden: r.hidden === true,
          });
          this.shapes.set(key, shape);
        }
        this.writer.appendStep(s, shape, log.branchAt(s), log.timeAt(s), wallMs);
      } else {
        this.writer.append(toRecord(this.run.steps(s, s)[0]!, wallMs));
      }
    }
    if (seq > this.written) this.written = seq;
  }
}
