/**
 * Host data through react-query, keyed by the session so a reconnect refetches.
 * Nothing fetched here is copied into zustand (STYLE.md 9).
 */
import { useQuery } from '@tanstack/react-query';
import type { UseQueryResult } from '@tanstack/react-query';
import type { Result } from '../shared/protocol';
import { useConnection } from './state/connection-store';

export function useHostInfo(): UseQueryResult<Result<'host.info'>> {
  const client = useConnection((s) => s.client);
  const sessionId = useConnection((s) => s.hello?.sessionId);
  return useQuery({
    queryKey: ['host.info', sessionId],
    enabled: client !== undefined,
    queryFn: ({ signal }) => {
      if (!client) throw new Error('not connected');
      return client.request('host.info', {}, { signal });
    },
    staleTime: 30_000,
  });
}
