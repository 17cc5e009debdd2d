/**
 * useStream: the one hook for every protocol stream (host log, check events,
 * run events...). It subscribes with credit while mounted, hands events over
 * in batches once per animation frame, unsubscribes on unmount, and resumes
 * from the last seq after a reconnect (see ./stream-follower.ts).
 *
 *   useStream({ stream: 'check.events', runId: checkId }, {
 *     onEvents: (batch) => setRows((rows) => [...rows, ...batch.map((e) => e.data)]),
 *   });
 */
import { useEffect, useRef } from 'react';
import type { StreamName } from '../../shared/protocol';
import { useConnection } from '../state/connection-store';
import { StreamFollower } from './stream-follower';
import type { StreamHandlers, StreamTarget } from './stream-follower';

export type { StreamBatchItem, StreamHandlers } from './stream-follower';

export function useStream<S extends StreamName>(
  target: StreamTarget<S> & { enabled?: boolean },
  handlers: StreamHandlers<S>,
): void {
  const client = useConnection((s) => s.client);
  const instanceId = useConnection((s) => s.hello?.host.instanceId);
  const follower = useRef<StreamFollower<S> | undefined>(undefined);
  const enabled = target.enabled ?? true;
  const { stream, runId, window } = target;

  // A new follower per stream identity; callbacks are swapped in without resubscribing.
  useEffect(() => {
    if (!enabled) return;
    const f = new StreamFollower<S>(
      { stream, ...(runId !== undefined ? { runId } : {}), ...(window !== undefined ? { window } : {}) },
      handlers,
    );
    follower.current = f;
    return () => {
      f.close();
      if (follower.current === f) follower.current = undefined;
    };
    // Handlers are refreshed below on every render; resubscribing for them would lose events.
  }, [enabled, stream, runId, window]);

  useEffect(() => {
    follower.current?.setHandlers(handlers);
  });

  useEffect(() => {
    follower.current?.connect(client, instanceId);
  }, [client, instanceId, enabled, stream, runId, window]);
}
