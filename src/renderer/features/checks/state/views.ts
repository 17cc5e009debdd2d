/**
 * Check views in react-query's cache: `check.run` seeds one (./actions.ts),
 * `check.events` advance it (ChecksServices), and `check.result` refetches it
 * after a gap or a reconnect. Components read them through `useCheckViews`.
 */
import { useQueries } from '@tanstack/react-query';
import type { QueryClient, UseQueryResult } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ProtocolError } from '../../../../shared/protocol';
import { queryClient } from '../../../app/query-client';
import { hostRequest } from '../../../hooks';
import type { CheckView } from '../model/check-view';
import { lostView, resultView } from '../model/check-view';
import type { RunHandle } from '../model/row-state';

export const viewKey = (checkId: string): readonly [string, string] => ['check.view', checkId];

export function seedView(view: CheckView, client: QueryClient = queryClient): void {
  client.setQueryData(viewKey(view.checkId), view);
}

export function updateView(checkId: string, f: (v: CheckView) => CheckView, client: QueryClient = queryClient): void {
  client.setQueryData<CheckView>(viewKey(checkId), (v) => (v ? f(v) : v));
}

/** Asks the host for the check's status and reports, merged into what is known. */
async function fetchView(checkId: string, signal: AbortSignal): Promise<CheckView> {
  const known = queryClient.getQueryData<CheckView>(viewKey(checkId));
  if (!known) throw new Error(`check ${checkId} was never started here`);
  try {
    return resultView(known, await hostRequest('check.result', { checkId }, signal));
  } catch (error) {
    if (error instanceof ProtocolError && error.code === 'not_found') return lostView(known);
    throw error;
  }
}

/** Refetches a view from the host (after a gap in its stream, or a reconnect). */
export function refreshView(checkId: string): void {
  void queryClient.invalidateQueries({ queryKey: viewKey(checkId) });
}

/** The views of these runs, by check id (runs whose view is not known yet are absent). */
export function useCheckViews(runs: readonly RunHandle[]): ReadonlyMap<string, CheckView> {
  // A stable combine: the map is rebuilt only when a view (or the list of runs) changes.
  const combine = useCallback(
    (results: UseQueryResult<CheckView>[]) => {
      const map = new Map<string, CheckView>();
      results.forEach((q, i) => {
        const run = runs[i];
        if (run && q.data) map.set(run.checkId, q.data);
      });
      return map;
    },
    [runs],
  );
  return useQueries({
    queries: runs.map((r) => ({
      queryKey: viewKey(r.checkId),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchView(r.checkId, signal),
      // Seeded and kept current by the stream: fetched again only when invalidated.
      staleTime: Infinity,
      gcTime: 30 * 60_000,
    })),
    combine,
  });
}
