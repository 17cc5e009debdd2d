/**
 * The open document's assertions (own and built-in) as the host numbers them
 * (`check.assertions`), asked once the document has been still for a moment,
 * so typing never floods the host. Keyed by document and revision: "Run
 * all" asks for the revision on screen and reuses the panel's answer when it
 * is the same.
 */
import { useQuery } from '@tanstack/react-query';
import type { UseQueryResult } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ProtocolError, Result } from '../../../../shared/protocol';
import { queryClient } from '../../../app/query-client';
import { hostRequest } from '../../../hooks';
import { useConnection } from '../../../state/connection-store';
import type { CheckSource } from '../source';
import { sourceText } from '../source';

export type Listed = Result<'check.assertions'>;

/** Quiet time after an edit before the list is asked again. */
const SETTLE_MS = 400;

function listOptions(source: CheckSource) {
  return {
    queryKey: ['check.assertions', source.key, source.revision] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      hostRequest('check.assertions', { text: sourceText(source), name: source.fileName, kind: source.kind }, signal),
    staleTime: Infinity,
    gcTime: 60_000,
  };
}

/** The list for `source` now (from the cache when the panel already asked for this revision). */
export function fetchAssertions(source: CheckSource): Promise<Listed> {
  return queryClient.fetchQuery(listOptions(source));
}

export function useAssertions(source: CheckSource | undefined): UseQueryResult<Listed, ProtocolError> {
  const connected = useConnection((s) => s.client !== undefined);
  const [settled, setSettled] = useState(source);
  useEffect(() => {
    if (source?.key !== settled?.key) {
      setSettled(source);
      return;
    }
    const timer = setTimeout(() => setSettled(source), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [source, settled?.key]);
  const target = settled ?? source;
  return useQuery<Listed, ProtocolError>({
    ...(target ? listOptions(target) : { queryKey: ['check.assertions', 'none'], queryFn: () => never() }),
    enabled: target !== undefined && connected,
    // While a newer revision is asked, the list on screen stays (no flicker while typing).
    placeholderData: (previous: Listed | undefined, query: { queryKey: readonly unknown[] } | undefined) =>
      query?.queryKey[1] === target?.key ? previous : undefined,
  });
}

function never(): Promise<Listed> {
  return Promise.reject(new Error('no document is open'));
}
