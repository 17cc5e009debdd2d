/** The line under the script: its problems at a glance, and how long the last check of the text took. */
import type { ReactElement } from 'react';
import { useLayout } from '../../../state/layout-store';
import { useScriptDiagnostics } from './script-diagnostics';
import { useScript } from './script-store';

export function ScriptStatus(): ReactElement {
  const list = useScriptDiagnostics((s) => s.list);
  const evaluated = useScriptDiagnostics((s) => s.evaluated);
  const latency = useScriptDiagnostics((s) => s.latencyMs);
  const analysed = useScriptDiagnostics((s) => s.revision);
  const revision = useScript((s) => s.revision);
  const errors = list.filter((d) => d.severity === 'error').length;
  const warnings = list.filter((d) => d.severity === 'warning').length;
  const current = analysed === revision;
  return (
    <footer className="script-status" aria-label="Script status">
      <button
        type="button"
        className={`status-link${errors > 0 ? ' has-errors' : ''}`}
        onClick={() => useLayout.getState().showPanel('problems')}
        data-testid="script-problems"
      >
        {errors === 0 && warnings === 0
          ? '✓ No problems'
          : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`}
      </button>
      <span className="script-status-note" data-testid="script-check-state">
        {!current ? 'checking…' : evaluated ? 'parsed, typed and evaluated' : 'parsed and typed'}
        {latency !== undefined && current ? ` · ${Math.round(latency)} ms` : ''}
      </span>
    </footer>
  );
}
