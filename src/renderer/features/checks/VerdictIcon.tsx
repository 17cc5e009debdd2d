/** The state of a check as a shape and a colour (never colour alone): ✓ passed, ✗ failed, ! error, ⊘ cancelled. */
import type { ReactElement } from 'react';
import type { RowState } from './model/row-state';

export type VerdictKind = 'passed' | 'failed' | 'error' | 'cancelled' | 'running' | 'queued' | 'unchecked';

export function verdictKind(state: RowState): VerdictKind {
  if (state.kind === 'decided') return state.cancelled ? 'cancelled' : state.report.result;
  if (state.kind === 'undecided') return 'cancelled';
  return state.kind;
}

const GLYPH: Record<VerdictKind, string> = {
  passed: '✓',
  failed: '✗',
  error: '!',
  cancelled: '⊘',
  running: '',
  queued: '…',
  unchecked: '○',
};

export function VerdictIcon({ kind }: { kind: VerdictKind }): ReactElement {
  return (
    <span className={`ckv-icon ckv-${kind}`} aria-hidden="true">
      {kind === 'running' ? <span className="ck-spinner" /> : GLYPH[kind]}
    </span>
  );
}
