/**
 * Follows a check started on the node (check.run's result names it) through
 * its own event stream, so the metrics see its states per second and how it
 * ended without the check service knowing about metrics.
 */
import type { Host } from '../host';
import type { NodeMetrics } from './metrics';

interface CheckEventData {
  readonly type?: string;
  readonly progress?: { readonly statesPerSecond?: number };
  readonly status?: string;
}

export function watchCheck(host: Host, metrics: NodeMetrics, result: unknown): void {
  const checkId = (result as { checkId?: unknown } | undefined)?.checkId;
  if (typeof checkId !== 'string') return;
  metrics.checkStarted(checkId);
  let stop: () => void = () => undefined;
  let ended = false;
  const sub = host.stream('check.events').subscribe(checkId, 0, {
    event: (_seq, data) => {
      const e = data as CheckEventData;
      if (e.type === 'progress') metrics.checkProgress(checkId, e.progress?.statesPerSecond ?? 0);
      else if (e.type === 'done') {
        ended = true;
        metrics.checkFinished(checkId, e.status ?? 'done');
        stop();
      }
    },
    gap: () => undefined,
  });
  stop = sub.stop;
  if (ended) stop();
}
