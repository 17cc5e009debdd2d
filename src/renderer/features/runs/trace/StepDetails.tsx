/**
 * The selected step in full: event, processes, times, and its payload as
 * indented JSON, never truncated, with a Copy button. A payload too large for
 * a trace page (over 64 KiB) is read from the store in pages (run.payload):
 * the first page at once, the rest on "Load more".
 */
import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { hostRequest } from '../../../hooks';
import { toastError, toastInfo } from '../../../state/toast-store';
import { formatBytes, formatTime, payloadText } from './rows';
import type { TraceRow } from './rows';

const PAYLOAD_PAGE = 256 * 1024;

function useLargePayload(storeRunId: number | undefined, row: TraceRow | undefined) {
  const [text, setText] = useState('');
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string>();
  const large = row?.payloadBytes !== undefined && storeRunId !== undefined;
  const seq = row?.seq;
  const load = (offset: number): void => {
    if (!large || seq === undefined || storeRunId === undefined) return;
    hostRequest('run.payload', { storeRunId, seq, offset, length: PAYLOAD_PAGE })
      .then((page) => {
        setText((t) => (offset === 0 ? page.text : t + page.text));
        setTotal(page.total);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  useEffect(() => {
    setText('');
    setTotal(0);
    setError(undefined);
    load(0);
    // load reads the same inputs.
  }, [large, storeRunId, seq]);
  return { large, text, total, error, more: () => load(text.length) };
}

export function StepDetails({
  row,
  storeRunId,
}: {
  row: TraceRow | undefined;
  storeRunId: number | undefined;
}): ReactElement {
  const big = useLargePayload(storeRunId, row);
  if (!row)
    return (
      <aside className="trace-details" aria-label="Step details">
        <p className="trace-faint">Select a step to see it in full.</p>
      </aside>
    );
  const text = big.large ? big.text : row.hasPayload ? payloadText(row.payload) : '';
  const copy = async (): Promise<void> => {
    try {
      let all = text;
      // Copy means the whole payload, also the pages not read yet.
      if (big.large && storeRunId !== undefined && all.length < big.total) {
        all = '';
        while (all.length < big.total || all.length === 0) {
          const page = await hostRequest('run.payload', {
            storeRunId,
            seq: row.seq,
            offset: all.length,
            length: 512 * 1024,
          });
          if (page.text.length === 0) break;
          all += page.text;
        }
      }
      await navigator.clipboard.writeText(all);
      toastInfo(`Copied the payload of step ${row.seq} (${formatBytes(all.length)}).`);
    } catch (e) {
      toastError(`Could not copy the payload: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <aside className="trace-details" aria-label="Step details">
      <dl className="trace-facts">
        <dt>Step</dt>
        <dd>{row.seq}</dd>
        <dt>Event</dt>
        <dd className="trace-mono">{row.event}</dd>
        <dt>Kind</dt>
        <dd>
          {row.kind}
          {row.hidden ? ' (hidden)' : ''}
        </dd>
        <dt>Processes</dt>
        <dd>{row.processes.join(', ') || '—'}</dd>
        <dt>Time</dt>
        <dd>
          {formatTime(row.time)}
          {row.wallMs !== undefined ? ` · ${new Date(row.wallMs).toLocaleTimeString()}` : ''}
        </dd>
      </dl>
      {row.hasPayload ? (
        <section className="trace-payload-full" aria-label="Payload">
          <header>
            <strong>Payload</strong>
            {big.large && (
              <span className="trace-faint">
                {' '}
                {formatBytes(big.text.length)} of {formatBytes(big.total)}
              </span>
            )}
            <button type="button" className="button button-small" onClick={() => void copy()}>
              Copy payload
            </button>
          </header>
          {big.error && <p role="alert">{big.error}</p>}
          <pre className="trace-mono" aria-label={`Payload of step ${row.seq}`}>
            {text}
          </pre>
          {big.large && big.text.length < big.total && (
            <button type="button" className="button button-small" onClick={big.more}>
              Load more
            </button>
          )}
        </section>
      ) : (
        <p className="trace-faint">No payload.</p>
      )}
    </aside>
  );
}
