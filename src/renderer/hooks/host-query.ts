/**
 * Host data through react-query over the connection's ProtocolClient. Keys are
 * `[method, params, sessionId]`, so a reconnect refetches and two components
 * asking the same thing share one request. Nothing fetched is copied into zustand.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient, UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import type { MethodName, ParamsIn, ProtocolClient, Result } from '../../shared/protocol';
import { ProtocolError } from '../../shared/protocol';
import { useConnection } from '../state/connection-store';

export interface HostQueryOptions {
  enabled?: boolean;
  staleTime?: number;
  /** Refetch every n ms while mounted (e.g. a list others may change). */
  refetchInterval?: number;
}

/** The client of the live connection, or a ProtocolError a person can read. */
export function currentClient(): ProtocolClient {
  const client = useConnection.getState().client;
  if (!client)
    throw new ProtocolError(
      'unavailable',
      'not connected to the host (it reconnects by itself; try again in a moment)',
    );
  return client;
}

/** One request through the current connection (for commands and event handlers). */
export function hostRequest<M extends MethodName>(
  method: M,
  params: ParamsIn<M>,
  signal?: AbortSignal,
): Promise<Result<M>> {
  return currentClient().request(method, params, signal ? { signal } : {});
}

export function useHostQuery<M extends MethodName>(
  method: M,
  params: ParamsIn<M>,
  options: HostQueryOptions = {},
): UseQueryResult<Result<M>, ProtocolError> {
  const client = useConnection((s) => s.client);
  const sessionId = useConnection((s) => s.hello?.sessionId);
  return useQuery<Result<M>, ProtocolError>({
    queryKey: [method, params, sessionId],
    enabled: client !== undefined && (options.enabled ?? true),
    queryFn: ({ signal }) => {
      if (!client) throw new ProtocolError('unavailable', 'not connected to the host');
      return client.request(method, params, { signal });
    },
    ...(options.staleTime !== undefined ? { staleTime: options.staleTime } : {}),
    ...(options.refetchInterval !== undefined ? { refetchInterval: options.refetchInterval } : {}),
  });
}

/** Invalidates every cached answer of these methods (e.g. after a mutation). */
export function invalidateMethods(queryClient: QueryClient, methods: readonly MethodName[]): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (q) => methods.includes(q.queryKey[0] as MethodName) });
}

/** A host call that changes data; `invalidates` lists the methods whose answers it makes stale. */
export function useHostMutation<M extends MethodName>(
  method: M,
  options: { invalidates?: readonly MethodName[] } = {},
): UseMutationResult<Result<M>, ProtocolError, ParamsIn<M>> {
  const queryClient = useQueryClient();
  return useMutation<Result<M>, ProtocolError, ParamsIn<M>>({
    mutationFn: (params) => hostRequest(method, params),
    onSuccess: () => invalidateMethods(queryClient, options.invalidates ?? []),
  });
}
