/**
 * A counterexample in the workflow's names: the events to the failure (each
 * with the edge or node it happened on; selecting one lights them on the
 * canvas), how it fails after them, and every component's final state.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';
import { useLayout } from '../../state/layout-store';
import { useDocument } from '../designer/document';
import { componentStates, counterexampleSteps, refusalText } from './model/counterexample';
import type { Counterexample } from './model/counterexample';
import { useCounterexampleActions } from './state/counterexample-actions';
import { useCounterexample } from './state/counterexample-store';

/** Selects a step where its highlight can be seen: the canvas comes back in place of the editor or settings. */
function selectStep(step: number): void {
  const layout = useLayout.getState();
  if (layout.centre === 'editor' || layout.centre === 'settings') layout.setCentre('canvas');
  useCounterexample.getState().select(step);
}

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** What happens after the last event, in words. */
function ending(ce: Counterexample): string {
  switch (ce.kind) {
    case 'deadlock':
      return 'Then nothing can happen: deadlock.';
    case 'divergence':
      return 'Then it can run internal events for ever: divergence.';
    case 'refusal':
      return `Then it can refuse {${(ce.refused ?? []).join(', ')}}, which the specification must accept.`;
    case 'revival':
      return `Then it can refuse {${(ce.refused ?? []).join(', ')}} and accept ${ce.event ?? '?'} in one state, which the specification cannot.`;
    case 'trace':
      return `Then it can perform ${ce.event ?? '?'}, which the specification does not allow.`;
    case 'nondeterminism':
      return `Then it may both accept and refuse ${ce.event ?? '?'}: it is not deterministic.`;
    case 'no-trace':
      return `Then it cannot perform ${ce.event ?? '?'}, the next event of the asked trace.`;
  }
}

function EventList({ ce }: { ce: Counterexample }): ReactElement {
  const workflow = useDocument((s) => s.workflow);
  const steps = useMemo(() => counterexampleSteps(ce, workflow), [ce, workflow]);
  // The store holds the counterexample of the selected check (ChecksServices keeps it so).
  const step = useCounterexample((s) => (s.counterexample === ce ? s.step : undefined));
  const list = useRef<HTMLOListElement>(null);
  // The selected event stays in view (keyboard, or a debugger playing it).
  useEffect(() => {
    list.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [step]);
  const onKeyDown = (e: KeyboardEvent<HTMLOListElement>): void => {
    const ce = useCounterexample.getState();
    const at = ce.step ?? 0;
    const next =
      e.key === 'ArrowDown'
        ? at + 1
        : e.key === 'ArrowUp'
          ? at - 1
          : e.key === 'Home'
            ? 1
            : e.key === 'End'
              ? steps.length
              : undefined;
    if (next === undefined || steps.length === 0) return;
    e.preventDefault();
    selectStep(Math.max(1, Math.min(steps.length, next)));
  };
  if (steps.length === 0)
    return (
      <p className="muted pad">
        {ce.steps !== undefined && ce.steps > 0
          ? `No visible events: it fails after ${plural(ce.steps, 'internal step')}.`
          : 'No events: it fails in the initial state.'}
      </p>
    );
  const refusals = ce.refusals !== undefined;
  return (
    <ol
      ref={list}
      className={`ck-ce-events${refusals ? ' with-refusals' : ''}`}
      role="listbox"
      aria-label="Counterexample events"
      tabIndex={0}
      aria-activedescendant={step ? `ck-ce-step-${step}` : undefined}
      onKeyDown={onKeyDown}
    >
      {steps.map((s) => (
        <li
          key={s.step}
          id={`ck-ce-step-${s.step}`}
          role="option"
          aria-selected={step === s.step}
          aria-label={`${s.step}. ${s.event}${s.where ? ` — ${s.where}` : ''}${s.refused !== undefined ? ` — ${refusalText(s.refused)}` : ''}`}
          className={`ck-ce-event${step === s.step ? ' selected' : ''}`}
          onClick={() => selectStep(s.step)}
        >
          <span className="ck-ce-step">{s.step}</span>
          <code className="ck-ce-name">{s.event}</code>
          <span className="ck-ce-where">{s.where}</span>
          {s.refused !== undefined && (
            <span className={`ck-ce-refused${s.refused === null ? ' muted' : ''}`}>{refusalText(s.refused)}</span>
          )}
        </li>
      ))}
    </ol>
  );
}

function Components({ ce }: { ce: Counterexample }): ReactElement {
  const workflow = useDocument((s) => s.workflow);
  const components = useMemo(() => componentStates(ce, workflow), [ce, workflow]);
  if (components.length === 0) return <p className="muted pad">No parallel components.</p>;
  return (
    <table className="ck-ce-components" aria-label="Components at the end">
      <thead>
        <tr>
          <th scope="col">Process</th>
          <th scope="col">From</th>
          <th scope="col">Final state</th>
          <th scope="col">Its events</th>
        </tr>
      </thead>
      <tbody>
        {components.map((c, i) => (
          <tr key={`${c.name}:${i}`}>
            <th scope="row">
              <code>{c.name}</code>
            </th>
            <td>{c.where}</td>
            <td>
              <code className="ck-ce-state">{c.state}</code>
            </td>
            <td className="ck-ce-trace">
              {c.trace.length === 0 ? <span className="muted">none</span> : c.trace.join(', ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Buttons other features registered for counterexamples (the debugger's player), for the one shown. */
function ContributedActions({ ce }: { ce: Counterexample }): ReactElement | null {
  const actions = useCounterexampleActions((s) => s.actions);
  const source = useCounterexample((s) => (s.counterexample === ce ? s.source : undefined));
  if (!source || actions.length === 0) return null;
  return (
    <div className="ck-ce-actions" role="group" aria-label="Counterexample actions">
      {actions.map((a) => (
        <button
          key={a.id}
          type="button"
          className="button button-small"
          title={a.title}
          disabled={a.enabled ? !a.enabled(ce, source) : false}
          onClick={() => void a.run(ce, source)}
        >
          {a.label}
        </button>
      ))}
    </div>
  );
}

export function CounterexampleView({ ce }: { ce: Counterexample }): ReactElement {
  return (
    <div className="ck-ce">
      <section className="ck-ce-part" aria-label="Events to the failure">
        <div className="ck-ce-head">
          <h3 className="check-section-title">
            Events to the failure ({ce.trace.length})
            {ce.trace.length > 0 && ce.steps !== undefined && ce.steps !== ce.trace.length
              ? `, ${plural(ce.steps, 'step')} with internal ones`
              : ''}
          </h3>
          <ContributedActions ce={ce} />
        </div>
        {ce.refusals !== undefined && ce.trace.length > 0 && (
          <p className="muted ck-ce-note">
            Refusal testing: each event comes with what the process refused in the stable state it was performed from.
          </p>
        )}
        <EventList ce={ce} />
        <p className="ck-ce-ending">{ending(ce)}</p>
      </section>
      <section className="ck-ce-part" aria-label="Components">
        <h3 className="check-section-title">Each component at the end</h3>
        <Components ce={ce} />
      </section>
    </div>
  );
}
