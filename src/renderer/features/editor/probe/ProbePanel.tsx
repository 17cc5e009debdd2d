/**
 * The probe panel: pick a process of the script (or type any process
 * expression, `PHIL(0)`), see its initial events, pick one and see where it
 * leads. Terms are CSPm; the path is a breadcrumb that walks back (a click,
 * or Backspace / Alt+Left in the panel). Events are a list of buttons:
 * arrows move between them, Enter takes one.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';
import { hostRequest, useHostQuery } from '../../../hooks';
import type { ProbeSource } from './probe-store';
import { createProbeStore } from './probe-store';

export const useProbe = createProbeStore(hostRequest);

const KIND_LABEL = { event: '', tau: 'internal', tick: 'terminates' } as const;

export function ProbePanel({
  source,
  revision,
  initialProcess,
}: {
  source: ProbeSource;
  revision: number;
  initialProcess?: string;
}): ReactElement {
  const probe = useProbe();
  const listId = useId();
  const processes = useHostQuery(
    'cspm.processes',
    { text: source.text, name: source.name, kind: source.kind },
    { staleTime: 30_000 },
  );
  const names = processes.data?.processes ?? [];
  const [process, setProcess] = useState(initialProcess ?? probe.process ?? '');
  useEffect(() => {
    // Nothing typed yet: suggest SYSTEM when there is one, else the first process.
    if (process === '' && names.length > 0)
      setProcess(names.find((p) => p.name === 'SYSTEM')?.name ?? names[0]?.name ?? '');
  }, [names.length]);

  const here = probe.path[probe.path.length - 1];
  const expansion = here ? probe.expansions[here.state.id] : undefined;
  const events = useRef<HTMLOListElement>(null);
  const stale = probe.revision !== undefined && probe.revision !== revision && probe.probeId !== undefined;

  const open = (): void => {
    if (process.trim() !== '') void probe.open(source, process.trim(), revision);
  };

  const onKeys = (e: KeyboardEvent): void => {
    const back = e.key === 'Backspace' || (e.altKey && e.key === 'ArrowLeft');
    if (back && probe.path.length > 1 && !(e.target instanceof HTMLInputElement)) {
      e.preventDefault();
      probe.back(probe.path.length - 2);
      requestAnimationFrame(() => events.current?.querySelector('button')?.focus());
    }
  };

  const moveFocus = (e: KeyboardEvent<HTMLButtonElement>): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const buttons = [...(events.current?.querySelectorAll('button') ?? [])];
    const at = buttons.indexOf(e.currentTarget);
    buttons[Math.max(0, Math.min(buttons.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  };

  return (
    <section className="script-panel probe" aria-label="Probe" onKeyDown={onKeys}>
      <header className="script-panel-head">
        <h3>Probe</h3>
      </header>
      <form
        className="probe-open"
        onSubmit={(e) => {
          e.preventDefault();
          open();
        }}
      >
        <label htmlFor={`${listId}-input`}>Process</label>
        <input
          id={`${listId}-input`}
          list={`${listId}-names`}
          value={process}
          spellCheck={false}
          placeholder="SYSTEM, PHIL(0), P [| {a} |] Q"
          onChange={(e) => setProcess(e.target.value)}
        />
        <datalist id={`${listId}-names`}>
          {names.map((p) => (
            <option
              key={p.name}
              value={p.parameters.length === 0 ? p.name : `${p.name}(${p.parameters.map(() => '').join(', ')})`}
            >
              {p.type}
            </option>
          ))}
        </datalist>
        <button type="submit" className="button button-small button-primary" disabled={process.trim() === ''}>
          Probe
        </button>
      </form>
      {probe.problems.map((d, i) => (
        <p key={i} className="script-note script-error" role="alert">
          {d.line !== undefined ? `${d.line}:${d.column ?? 1} ` : ''}
          {d.message}
        </p>
      ))}
      {stale && <p className="script-note">The script changed since this probe opened: Probe again to follow it.</p>}
      {here && (
        <>
          <nav className="probe-path" aria-label="Probe path">
            <ol>
              {probe.path.map((step, i) => {
                const last = i === probe.path.length - 1;
                const label = i === 0 ? (probe.process ?? 'start') : (step.via?.event ?? '');
                return (
                  <li key={i}>
                    {last ? (
                      <span aria-current="step">{label}</span>
                    ) : (
                      <button
                        type="button"
                        className="crumb"
                        aria-label={`Back to ${i === 0 ? 'the start' : `after ${label}`}`}
                        onClick={() => probe.back(i)}
                      >
                        {label}
                      </button>
                    )}
                  </li>
                );
              })}
            </ol>
          </nav>
          <div className="probe-state">
            <span className="probe-label">State</span>
            <code data-testid="probe-state">{here.state.term}</code>
          </div>
          {expansion?.error && (
            <p className="script-note script-error" role="alert">
              {expansion.error.message}
            </p>
          )}
          {expansion && expansion.transitions.length === 0 && !expansion.error && (
            <p className="script-note">No events: this state is deadlocked (or has terminated).</p>
          )}
          <ol className="probe-events" ref={events} aria-label="Events">
            {expansion?.transitions.map((t, i) => (
              <li key={`${here.state.id}:${i}`}>
                <button
                  type="button"
                  className={`probe-event probe-${t.kind}`}
                  aria-label={`${t.event} → ${t.target.term}`}
                  onKeyDown={moveFocus}
                  onClick={() => {
                    void probe.choose(i).then(() => events.current?.querySelector('button')?.focus());
                  }}
                >
                  <code className="probe-event-name">{t.event}</code>
                  {KIND_LABEL[t.kind] && <span className="tag">{KIND_LABEL[t.kind]}</span>}
                  <span className="probe-arrow" aria-hidden="true">
                    →
                  </span>
                  <code className="probe-target">{t.target.term}</code>
                </button>
              </li>
            ))}
          </ol>
          {expansion && expansion.more > 0 && <p className="script-note">{expansion.more} more events not shown.</p>}
          {probe.path.length > 1 && (
            <button
              type="button"
              className="button button-small"
              onClick={() => probe.back(probe.path.length - 2)}
              title="Backspace or Alt+Left"
            >
              ← Back
            </button>
          )}
        </>
      )}
      {!here && probe.problems.length === 0 && (
        <p className="script-note">
          Pick a process and press Probe to see its initial events; pick an event to see where it leads.
        </p>
      )}
    </section>
  );
}
