/**
 * Errors that keep the open workflow from being checked (YAML, schema,
 * CSPm in behaviours and declarations), each a button that shows its place. The Problems tab lists the same; here they explain why
 * Run does nothing useful.
 */
import type { ReactElement } from 'react';
import type { Diagnostic } from '../../../shared/protocol/methods/diagnostics';
import { useLayout } from '../../state/layout-store';
import { useReveal } from '../../state/reveal-store';
import { useDocument } from '../designer/document';
import { describeLocation, revealTargetOf } from '../problems/reveal-target';
import type { CheckSource } from './source';

/** At most this many listed here (the Problems tab has them all). */
const SHOWN = 5;

export function DocumentErrors({
  source,
  diagnostics,
}: {
  source: CheckSource;
  diagnostics: readonly Diagnostic[];
}): ReactElement | null {
  const workflow = useDocument((s) => s.workflow);
  const seen = new Set<string>();
  const errors = diagnostics.filter((d) => {
    const key = `${d.code}:${d.path ?? ''}:${d.line ?? ''}:${d.column ?? ''}:${d.message}`;
    if (d.severity !== 'error' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (errors.length === 0) return null;
  const open = (d: Diagnostic): void => {
    const target = revealTargetOf(d, workflow, 'workflow');
    if (!target) return;
    useLayout.getState().setCentre('canvas');
    useReveal.getState().reveal(target);
  };
  return (
    <div className="check-errors" role="alert" aria-label="Why nothing can be checked">
      <strong>
        &ldquo;{source.title}&rdquo; has {errors.length} error{errors.length === 1 ? '' : 's'}: nothing can be checked
        until {errors.length === 1 ? 'it is' : 'they are'} fixed.
      </strong>
      <ul>
        {errors.slice(0, SHOWN).map((d, i) => (
          <li key={i}>
            <button type="button" className="link-button" onClick={() => open(d)} title="Show where it is">
              {d.message}
            </button>
            <span className="muted"> {[d.code, describeLocation(d, workflow)].filter((x) => x).join(' · ')}</span>
          </li>
        ))}
      </ul>
      {errors.length > SHOWN && (
        <button type="button" className="link-button" onClick={() => useLayout.getState().showPanel('problems')}>
          All {errors.length} in the Problems tab
        </button>
      )}
    </div>
  );
}
