/**
 * Steps per second by channel of a stored run, as it was recorded: the host
 * averages the per-second counts the store kept at ingestion into at most 240
 * points (run.rates), so a run of hours draws as fast as one of seconds.
 */
import { useHostQuery } from '../../../hooks';
import type { Point } from './samples';

export function useRecordedRates(storeRunId: number | undefined): {
  points: Point[];
  channels: string[];
  bucketSeconds: number;
} {
  const q = useHostQuery('run.rates', { storeRunId: storeRunId ?? 0 }, { enabled: storeRunId !== undefined });
  const data = q.data;
  if (!data) return { points: [], channels: [], bucketSeconds: 1 };
  return {
    points: data.points.map((p) => ({ t: p.t, ...p.rates }) as Point),
    channels: data.channels,
    bucketSeconds: data.bucketSeconds,
  };
}

export function recordedTitle(bucketSeconds: number): string {
  return `Recorded steps per second by channel${bucketSeconds > 1 ? ` (${bucketSeconds} s averages)` : ''}`;
}
