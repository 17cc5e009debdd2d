/**
 * A stored record (the store's steps, read back by text) → the engine's RunLog
 * (rows of event ids and actors), for replaying a run after the app restarted.
 * Events are found by their CSPm text and processes by name, so the record
 * does not depend on ids a later version might number differently; a record
 * that does not fit the network (the source changed) is an error naming the step.
 */
import { TAU, TICK } from '../../engine/csp/terms';
import { RunLog, STEP_DELIVER } from '../../engine/runtime/network/log';
import type { NetworkSpec } from '../../engine/runtime/network/network';
import type { RecordedOutside, RecordedStep } from '../store/runs/replay';

export type RecordLog = { readonly ok: true; readonly log: RunLog } | { readonly ok: false; readonly error: string };

export function logFromRecord(
  spec: NetworkSpec,
  steps: readonly RecordedStep[],
  beforeFirst: readonly RecordedOutside[],
): RecordLog {
  const names = spec.components.map((c) => c.name);
  const index = new Map(names.map((n, i) => [n, i]));
  // One component with no alphabet: its ✓ is the system's ✓.
  const lone = spec.components.length === 1 && spec.components[0]!.alphabet === null;
  const log = new RunLog();
  for (const o of beforeFirst) log.attach({ seq: 0, ...o });
  let ticksOfOnly = 0;
  for (const step of steps) {
    const { seq } = step;
    const where = `step ${seq} of the record (${step.event})`;
    if (seq !== log.length + 1)
      return { ok: false, error: `${where}: expected step ${log.length + 1}; the record has a gap` };
    const actorOf = (name: string | undefined): number | string => {
      const c = name === undefined ? undefined : index.get(name);
      return c ?? `${where}: no process ${JSON.stringify(name)} in this network (was the source changed?)`;
    };
    let event: number;
    let actor = -1;
    if (step.kind === 'deliver') {
      const c = actorOf(step.processes[0]);
      if (typeof c === 'string') return { ok: false, error: c };
      event = STEP_DELIVER;
      actor = c;
      // The delivered result is the step's payload; a tick's due time is the step's virtual time.
      log.attach({
        seq,
        node: names[c]!,
        kind: step.event.replace(/^deliver /, ''),
        value: step.payload,
        at: step.time,
      });
    } else if (step.kind === 'done') {
      event = TICK;
      if (lone || step.processes.length !== 1) actor = -1;
      else if (names.length === 1)
        actor = ticksOfOnly++ === 0 ? 0 : -1; // the node's ✓, then the system's
      else {
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
      if (step.payload !== undefined) log.payloads.set(seq, step.payload);
    } else return { ok: false, error: `${where}: a ${step.kind} record is not a step a run takes` };
    for (const o of step.outside ?? []) log.attach({ seq, ...o });
    log.push(event, actor, step.branch, step.time);
  }
  return { ok: true, log };
}
