/** Facts about the host (status bar, settings). */
import type { UseQueryResult } from '@tanstack/react-query';
import type { ProtocolError, Result } from '../../shared/protocol';
import { useHostQuery } from './host-query';

export function useHostInfo(): UseQueryResult<Result<'host.info'>, ProtocolError> {
  return useHostQuery('host.info', {}, { staleTime: 30_000 });
}
