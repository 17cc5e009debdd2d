/**
 * Step mode's side panel: why the run stopped (a deadlock lists who waits on
 * whom), and the events that can fire next with the processes taking part in
 * each; clicking one fires it (run.step with its index).
 */
import type { ReactElement } from 'react';
import { useDocument } from '../designer/document';
import { breakpointOfHit } from './breakpoint-actions';
import { MessagesPanel } from './MessagesPanel';
import { ProcessInspector } from './ProcessInspector';
import { describeBreakpoint } from './breakpoints';
import { injectFrom, stepRun } from './run-actions';
import { isFinal, stepAt, useRun } from './run-store';
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
      return <BreakpointHit stop={stop} />;
    case 'waiting':
      return <Waiting stop={stop} />;
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

/** Waiting for an outside result; an inject node waits for the person: its buttons are here. */
function Waiting({ stop }: { stop: RunStop }): ReactElement {
  const wf = useDocument((s) => s.workflow);
  const injects = (stop.waitingFor ?? []).filter((w) => w.kind === 'inject');
  const others = (stop.waitingFor ?? []).filter((w) => w.kind !== 'inject');
  const nodeOf = (process: string) =>
    wf?.processes.find((p) => p.kind === 'inject' && (p.name === process || process.startsWith(`${p.name}(`)));
  return (
    <div className="run-stop" role="status" aria-label="Waiting">
      <strong>Waiting at step {stop.seq}</strong>
      {others.length > 0 ? <> for {others.map((w) => `${w.kind} (${w.process})`).join(', ')}</> : null}
      {injects.length > 0 ? (
        <>
          {' '}
          for a message from {injects.map((w) => w.process).join(', ')} (virtual time waits for it). Send one, or end
          the node so time can go on:
          {injects.map((w) => {
            const node = nodeOf(w.process);
            if (!node) return null;
            return (
              <div key={w.process} className="run-inject">
                <button type="button" className="run-control" onClick={() => void injectFrom(node.id)}>
                  Inject from {node.name}
                </button>
                <button type="button" className="run-control" onClick={() => void injectFrom(node.id, true)}>
                  End {node.name}
                </button>
              </div>
            );
          })}
        </>
      ) : (
        '.'
      )}
    </div>
  );
}

/** Which breakpoint stopped the run, and the step that hit it with its whole payload. */
function BreakpointHit({ stop }: { stop: RunStop }): ReactElement {
  const wf = useDocument((s) => s.workflow);
  const step = useRun((s) => stepAt(s, stop.seq));
  const bp = breakpointOfHit(stop.breakpoint);
  return (
    <div className="run-stop" role="status" aria-label="Breakpoint hit">
      <strong>Breakpoint</strong> {bp ? <>on {describeBreakpoint(bp, wf)} </> : null}hit at step {stop.seq}
      {step ? (
        <>
          : <code>{step.event}</code>
          {step.payload !== undefined ? (
            <pre className="run-payload" aria-label="Payload">
              {JSON.stringify(step.payload, null, 2)}
            </pre>
          ) : null}
        </>
      ) : (
        '.'
      )}
    </div>
  );
}

/** The step the run stands at: its event, the processes that took part and its whole payload. */
function CurrentStep(): ReactElement | null {
  const step = useRun((s) => (s.status === 'running' ? undefined : stepAt(s, s.seq)));
  if (!step) return null;
  return (
    <div className="run-current" role="status" aria-label="Current step">
      Step {step.seq}: <code>{step.event}</code> <span className="run-enabled-procs">{step.processes.join(' · ')}</span>
      {step.payload !== undefined ? (
        <pre className="run-payload" aria-label="Payload">
          {JSON.stringify(step.payload, null, 2)}
        </pre>
      ) : null}
    </div>
  );
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
      {stop?.reason !== 'breakpoint' ? <CurrentStep /> : null}
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
      <MessagesPanel />
      <ProcessInspector />
    </aside>
  );
}
