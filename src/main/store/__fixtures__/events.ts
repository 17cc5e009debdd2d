/** Synthetic run events in the real RunEventRecord shape, deterministic by seq. */
import type { RunEventRecord } from '../runs/records';

export interface EventShape {
  readonly channels: number;
  readonly processes: number;
  readonly startWallMs: number;
  /** Events per wall-clock second (for the per-second counts). */
  readonly perSecond: number;
}

export const DEFAULT_SHAPE: EventShape = {
  channels: 8,
  processes: 12,
  startWallMs: 1_764_000_000_000,
  perSecond: 1000,
};

export function makeEvent(seq: number, shape: EventShape = DEFAULT_SHAPE): RunEventRecord {
  const c = seq % shape.channels;
  const value = (seq * 7919) % 1000;
  const sender = `P${c % shape.processes}`;
  const receiver = `P${(c + 1) % shape.processes}`;
  const wallMs = shape.startWallMs + Math.floor((seq * 1000) / shape.perSecond);
  if (seq % 97 === 0) {
    return {
      seq,
      kind: 'tau',
      event: `h${c}.${value}`,
      channel: `h${c}`,
      processes: [sender],
      hidden: true,
      choice: { index: seq % 3, of: 3 },
      wallMs,
      virtualTime: seq,
    };
  }
  if (seq % 101 === 0) {
    return {
      seq,
      kind: 'deliver',
      event: `reply${c}.Msg`,
      channel: `reply${c}`,
      processes: [receiver],
      payload: { text: `answer number ${value}`, tokens: value },
      outside: { source: 'llm', latencyMs: value },
      wallMs,
      virtualTime: seq,
    };
  }
  return {
    seq,
    kind: 'event',
    event: `ch${c}.${value}`,
    channel: `ch${c}`,
    processes: [sender, receiver],
    payload: value,
    choice: { index: seq % 4, of: 4 },
    state: seq % 10 === 0 ? { [sender]: 'blocked' } : undefined,
    wallMs,
    virtualTime: seq,
  };
}

export function* makeEvents(from: number, to: number, shape?: EventShape): Generator<RunEventRecord> {
  for (let seq = from; seq <= to; seq++) yield makeEvent(seq, shape);
}
