/**
 * Records a run's steps into the store's blocks at the speed the runtime makes
 * them: a step that carries nothing but its event (most of them) is a cached
 * shape id, a branch and a time, with no StepInfo and no record object made.
 * The shape of each (event, process) pair is worked out once, from the step as
 * the UI shows it; steps with a payload, outside values or a delivered result
 * take the full path. Plain steps reach the writer as columns, thousands in
 * one call. The stored steps are the same either way (records.ts, toRecord).
 * `csp run` feeds it from the run's log, the host from the batches its run
 * workers send (step-source.ts): one recording path for every run.
 */
import type { RunWriter } from '../store/runs/writer';
import type { StepColumns } from '../store/runs/blocks';
import { channelOf, toRecord } from './records';
import { NO_SHAPE, type StepSource } from './step-source';

/** Steps gathered as columns before they go to the writer in one call. */
const COLUMN_STEPS = 4096;

export class StepRecorder {
  /** Shape id in the writer's run by shape key. */
  private readonly shapes = new Map<number, number>();
  private readonly cols: StepColumns = {
    shapes: new Int32Array(COLUMN_STEPS),
    branches: new Float64Array(COLUMN_STEPS),
    times: new Float64Array(COLUMN_STEPS),
  };

  constructor(private readonly writer: RunWriter) {}

  /** The last step written. */
  get lastSeq(): number {
    return this.writer.expectedSeq - 1;
  }

  /**
   * Writes steps up to `to` that are not written yet (steps at or before the
   * last one written are skipped: a run that went back and follows its record
   * again); `wallMs` is their wall-clock time. Plain steps go to the writer as
   * columns, a few thousand at a time; a step that carries more goes whole,
   * in its place.
   */
  write(src: StepSource, to: number, wallMs: number): void {
    const cols = this.cols;
    let first = this.lastSeq + 1;
    let n = 0;
    for (let s = first; s <= to; s++) {
      const key = src.shapeKey(s);
      if (key === NO_SHAPE) {
        if (n > 0) this.writer.appendColumns(first, n, cols, wallMs);
        this.writer.append(toRecord(src.step(s), wallMs));
        first = s + 1;
        n = 0;
        continue;
      }
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
      cols.shapes[n] = shape;
      cols.branches[n] = src.branchAt(s);
      cols.times[n] = src.timeAt(s);
      if (++n === COLUMN_STEPS) {
        this.writer.appendColumns(first, n, cols, wallMs);
        first += n;
        n = 0;
      }
    }
    if (n > 0) this.writer.appendColumns(first, n, cols, wallMs);
  }
}
