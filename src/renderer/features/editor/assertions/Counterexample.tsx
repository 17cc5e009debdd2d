/**
 * A failed assertion's counterexample as `csp check` reports it: the trace
 * (visible events, ✓ included), then what goes wrong after it (a deadlock,
 * the refused events, a divergence, an event the specification does not
 * allow, or one both accepted and refused), and each parallel component's
 * own trace and final state as CSPm.
 */
import type { ReactElement } from 'react';
import type { AssertionReport } from '../../../../shared/protocol/methods/check';

const KIND: Record<string, string> = {
  deadlock: 'Deadlock after this trace',
  refusal: 'After this trace it refuses what the specification must accept',
  revival: 'After this trace one state refuses some events and accepts another, which no specification state does',
  divergence: 'After this trace it can diverge (do τ for ever)',
  trace: 'This trace ends with an event the specification does not allow',
  nondeterminism: 'After this trace an event is both accepted and refused',
  'no-trace': 'The trace cannot be performed; this is its longest performable prefix',
};

export function Counterexample({ report }: { report: AssertionReport }): ReactElement | null {
  const c = report.counterexample;
  if (!c) return null;
  return (
    <section className="counterexample" aria-label={`Counterexample of assertion ${report.index}`}>
      <h4>{KIND[c.kind] ?? c.kind}</h4>
      {c.trace.length === 0 ? (
        <p className="script-note">The empty trace: it happens at the start.</p>
      ) : (
        <ol className="trace" aria-label="Trace">
          {c.trace.map((e, i) => (
            <li key={i}>
              <code>{e}</code>
            </li>
          ))}
        </ol>
      )}
      {c.event !== undefined && (
        <p>
          Event: <code>{c.event}</code>
        </p>
      )}
      {c.refused && c.refused.length > 0 && (
        <p>
          Refuses: <code>{`{${c.refused.join(', ')}}`}</code>
        </p>
      )}
      {report.assumptions.length > 0 && (
        <div className="assumptions">
          Rests on:
          <ul>
            {report.assumptions.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ul>
        </div>
      )}
      {c.components.length > 0 && (
        <details className="components">
          <summary>Components ({c.components.length})</summary>
          <ul>
            {c.components.map((k, i) => (
              <li key={i}>
                <strong>{k.name}</strong>
                {k.trace.length > 0 && (
                  <div>
                    trace <code>{`<${k.trace.join(', ')}>`}</code>
                  </div>
                )}
                <div>
                  state <code>{k.state}</code>
                </div>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
