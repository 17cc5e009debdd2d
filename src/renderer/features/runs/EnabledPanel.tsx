/**
 * Step mode's side panel: why the run stopped (a deadlock lists who waits on
 * whom), and the events that can fire next with the processes taking part in
 * each; clicking one fires it (run.step with its index).
 */
import type { ReactElement } from 'react';
import { stepRun } from './run-actions';
import { isFinal, useRun } from './run-store';
import type { RunStop } from './run-store';

function kindWord(kind: string, hidden: boolean): string {
  if (kind === 'tau') return 'internal step';
  if (kind === 'tick') return 'time passes';
  if (kind === 'deliver') return 'outside result';
  return hidden ? 'hidden event' : 'event';
}

function StopNote({ stop }: { stop: RunStop }): ReactElement | null {
  switch (stop.reason) {
    case 'deadlock':
      return (
        <div className="run-stop error" role="alert">
          <strong>Deadlock at step {stop.seq}.</strong> Nothing can fire. Who waits on whom:
          <ul className="run-waits">
            {(stop.waiting ?? []).map((w) => (
              <li key={w.process}>
                <code>{w.process}</code> waits on{' '}
                {w.waitsOn.length === 0
                  ? 'nobody (it refuses everything)'
                  : w.waitsOn.map((o, i) => (
                      <span key={o.on}>
                        {i > 0 ? ', ' : ''}
                        <code>{o.on}</code> for <code>{o.events.join(' | ')}</code>
                        {o.ended ? ' (terminated)' : ''}
                      </span>
                    ))}
              </li>
            ))}
          </ul>
        </div>
      );
    case 'terminated':
      return (
        <div className="run-stop ok" role="status">
          <strong>Finished</strong> at step {stop.seq}: every process terminated.
        </div>
      );
    case 'error':
    case 'violation':
      return (
        <div className="run-stop error" role="alert">
          <strong>{stop.reason === 'error' ? 'Error' : 'Contract violated'}</strong>
          {stop.process ? (
            <>
              {' '}
              in <code>{stop.process}</code>
            </>
          ) : null}{' '}
          at step {stop.seq}: {stop.error ?? ''}
        </div>
      );
    case 'breakpoint':
      return (
        <div className="run-stop" role="status">
          <strong>Breakpoint</strong> hit at step {stop.seq}.
        </div>
      );
    case 'waiting':
      return (
        <div className="run-stop" role="status">
          Waiting for {(stop.waitingFor ?? []).map((w) => `${w.kind} (${w.process})`).join(', ') || 'an outside result'}
          .
        </div>
      );
    case 'record-end':
      return (
        <div className="run-stop" role="status">
          End of the record at step {stop.seq}: going on leaves it (a fork).
        </div>
      );
    default:
      return null;
  }
}

export function EnabledPanel(): ReactElement {
  const status = useRun((s) => s.status);
  const stop = useRun((s) => s.stop);
  const current = useRun((s) => s.enabledSeq === s.seq);
  const enabled = useRun((s) => s.enabled);
  const final = isFinal(stop);
  return (
    <aside className="run-enabled" role="region" aria-label="Enabled events">
      <h2 className="run-enabled-title">Enabled events</h2>
      {stop && status !== 'running' ? <StopNote stop={stop} /> : null}
      {status === 'running' ? (
        <p className="run-enabled-note">Running… Pause (F6) to choose the next event yourself.</p>
      ) : !current ? (
        <p className="run-enabled-note">Reading what can fire…</p>
      ) : enabled.length === 0 || final ? (
        <p className="run-enabled-note">Nothing can fire. Step back (Shift+F10) or restart.</p>
      ) : (
        <>
          <p className="run-enabled-note">Click one to fire it, or Step (F10) to let the seed choose.</p>
          <ul className="run-enabled-list">
            {enabled.map((item, index) => (
              <li key={`${index}:${item.text}`}>
                <button
                  type="button"
                  className="run-enabled-item"
                  aria-label={`Fire ${item.text}`}
                  title={`Fire ${item.text} (${kindWord(item.kind, item.hidden)}${item.branches > 1 ? `, ${item.branches} ways` : ''})`}
                  onClick={() => void stepRun(index)}
                >
                  <code className="run-enabled-event">{item.text}</code>
                  <span className="run-enabled-procs">
                    {item.processes.join(' · ') || kindWord(item.kind, item.hidden)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
