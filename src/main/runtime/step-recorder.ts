/**
 * Records a run's steps into the store's blocks at the speed the runtime makes
 * them: a step that carries nothing but its event (most of them) is a cached
 * shape id, a branch and a time, with no StepInfo and no record object made.
 * The shape of each (event, process) pair is worked out once, from the step as
 * the UI shows it; steps with a payload, outside values or a delivered result
 * take the full path. The stored steps are the same either way (records.ts,
 * toRecord). `csp run` feeds it from the run's log, the host from the batches
 * its run workers send (step-source.ts): one recording path for every run.
 */
import type { RunWriter } from '../store/runs/writer';
import { channelOf, toRecord } from './records';
import { NO_SHAPE, type StepSource } from './step-source';

export class StepRecorder {
  /** Shape id in the writer's run by shape key. */
  private readonly shapes = new Map<number, number>();
  private written: number;

  constructor(private readonly writer: RunWriter) {
    this.written = writer.expectedSeq - 1;
  }

  /** The last step written. */
  get lastSeq(): number {
    return this.written;
  }

  /**
   * Writes steps up to `to` that are not written yet (steps at or before the
   * last one written are skipped: a run that went back and follows its record
   * again); `wallMs` is their wall-clock time.
   */
  write(src: StepSource, to: number, wallMs: number): void {
    for (let s = this.written + 1; s <= to; s++) {
      const key = src.shapeKey(s);
      if (key === NO_SHAPE) {
        this.writer.append(toRecord(src.step(s), wallMs));
      } else {
        let shape = this.shapes.get(key);
        if (shape === undefined) {
          const step = src.step(s);
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
        this.writer.appendStep(s, shape, src.branchAt(s), src.timeAt(s), wallMs);
      }
      this.written = s;
    }
  }
}
