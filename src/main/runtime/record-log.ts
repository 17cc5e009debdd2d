/**
 * A stored record (the store's steps, read back by text) → the engine's RunLog
 * (rows of event ids and actors), for replaying a run after the app restarted.
 * Events are found by their CSPm text and processes by name, so the record
 * does not depend on ids a later version might number differently; a record
 * that does not fit the network (the source changed) is an error naming the step.
 * The record comes as columns (RecordColumns: each shape once), so an event's
 * text is parsed once per shape, not once per step.
 */
import { TAU, TICK } from '../../engine/csp/terms';
import { EDIT_KIND, RunLog, STEP_DELIVER, STEP_EDIT } from '../../engine/runtime/network/log';
import type { NetworkSpec } from '../../engine/runtime/network/network';
import type { RecordColumns, RecordedOutside, RecordedStep } from '../store/runs/replay';

export type RecordLog = { readonly ok: true; readonly log: RunLog } | { readonly ok: false; readonly error: string };

type Shape = RecordColumns['shapes'][number];

/** Steps as objects (tests, small records) → columns. */
export function columnsOf(steps: readonly RecordedStep[]): RecordColumns {
  const shapes: Shape[] = [];
  const ids = new Map<string, number>();
  const cols = {
    steps: new Int32Array(steps.length),
    branches: new Int32Array(steps.length),
    times: new Float64Array(steps.length),
    extras: [] as [number, { payload?: unknown; outside?: readonly RecordedOutside[] }][],
  };
  steps.forEach((s, i) => {
    const key = `${s.kind}\u0001${s.event}\u0001${s.processes.join('\u0002')}`;
    let id = ids.get(key);
    if (id === undefined) {
      ids.set(key, (id = shapes.length));
      shapes.push({ kind: s.kind, event: s.event, processes: s.processes });
    }
    cols.steps[i] = id;
    cols.branches[i] = s.branch;
    cols.times[i] = s.time;
    if (s.payload !== undefined || s.outside !== undefined)
      cols.extras.push([
        s.seq,
        { ...(s.payload !== undefined ? { payload: s.payload } : {}), ...(s.outside ? { outside: s.outside } : {}) },
      ]);
  });
  return { shapes, ...cols };
}

export function logFromRecord(
  spec: NetworkSpec,
  record: RecordColumns | readonly RecordedStep[],
  beforeFirst: readonly RecordedOutside[],
): RecordLog {
  if (Array.isArray(record)) {
    const steps = record as readonly RecordedStep[];
    const gap = steps.findIndex((s, i) => s.seq !== i + 1);
    if (gap >= 0)
      return {
        ok: false,
        error: `step ${steps[gap]!.seq} of the record (${steps[gap]!.event}): expected step ${gap + 1}; the record has a gap`,
      };
  }
  const cols = Array.isArray(record) ? columnsOf(record as readonly RecordedStep[]) : (record as RecordColumns);
  const names = spec.components.map((c) => c.name);
  const index = new Map(names.map((n, i) => [n, i]));
  // One component with no alphabet: its ✓ is the system's ✓.
  const lone = spec.components.length === 1 && spec.components[0]!.alphabet === null;
  const log = new RunLog();
  for (const o of beforeFirst) log.attach({ seq: 0, ...o });
  const extras = new Map(cols.extras);
  /** Event and actor by shape, for shapes whose step is always the same row (most). */
  const fixed = new Map<number, readonly [number, number]>();
  let ticksOfOnly = 0;
  for (let i = 0; i < cols.steps.length; i++) {
    const seq = i + 1;
    const shapeId = cols.steps[i]!;
    const step = cols.shapes[shapeId];
    const extra = extras.get(seq);
    const time = cols.times[i]!;
    if (step === undefined) return { ok: false, error: `step ${seq} of the record: unknown shape ${shapeId}` };
    let row = fixed.get(shapeId);
    if (row === undefined) {
      const where = `step ${seq} of the record (${step.event})`;
      const actorOf = (name: string | undefined): number | string => {
        const c = name === undefined ? undefined : index.get(name);
        return c ?? `${where}: no process ${JSON.stringify(name)} in this network (was the source changed?)`;
      };
      let event: number;
      let actor = -1;
      let cache = true;
      if (step.kind === 'deliver' || step.kind === 'edit') {
        const c = actorOf(step.processes[0]);
        if (typeof c === 'string') return { ok: false, error: c };
        event = step.kind === 'edit' ? STEP_EDIT : STEP_DELIVER;
        actor = c;
      } else if (step.kind === 'done') {
        event = TICK;
        if (lone || step.processes.length !== 1) actor = -1;
        else if (names.length === 1) {
          actor = ticksOfOnly++ === 0 ? 0 : -1; // the node's ✓, then the system's
          cache = false;
        } else {
          const c = actorOf(step.processes[0]);
          if (typeof c === 'string') return { ok: false, error: c };
          actor = c;
        }
      } else if (step.kind === 'tau' && step.event === 'τ') {
        const c = actorOf(step.processes[0]);
        if (typeof c === 'string') return { ok: false, error: c };
        event = TAU;
        actor = c;
      } else if (step.kind === 'event' || step.kind === 'tau') {
        const id = spec.events.parse(step.event);
        if (id === undefined || id === TAU || id === TICK)
          return { ok: false, error: `${where}: not an event of this network (was the source changed?)` };
        event = id;
      } else return { ok: false, error: `${where}: a ${step.kind} record is not a step a run takes` };
      row = [event, actor];
      if (cache) fixed.set(shapeId, row);
    }
    const [event, actor] = row;
    if (event === STEP_EDIT) {
      if (extra?.payload === undefined)
        return { ok: false, error: `step ${seq} of the record: an edit without its edit` };
      log.attach({ seq, node: names[actor]!, kind: EDIT_KIND, value: extra.payload });
    } else if (event === STEP_DELIVER)
      // The delivered result is the step's payload; a tick's due time is the step's virtual time.
      log.attach({
        seq,
        node: names[actor]!,
        kind: step.event.replace(/^deliver /, ''),
        value: extra?.payload,
        at: time,
      });
    else if (extra?.payload !== undefined) log.payloads.set(seq, extra.payload);
    for (const o of extra?.outside ?? []) log.attach({ seq, ...o });
    log.push(event, actor, cols.branches[i]!, time);
  }
  return { ok: true, log };
}
