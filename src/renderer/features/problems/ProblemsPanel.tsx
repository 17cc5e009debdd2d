/**
 * Problems tab: every diagnostic of the open document (errors first), with
 * where it is. Clicking one (or Enter) reveals its node, edge, field or line
 * through the reveal store, and shows the canvas or editor that owns it.
 */
import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { useLayout } from '../../state/layout-store';
import { useReveal } from '../../state/reveal-store';
import { ProblemsIcon, WarningIcon } from '../../ui/icons';
import { VirtualList } from '../../ui/VirtualList';
import { useDocument } from '../designer/document';
import type { Diagnostic } from './problems-store';
import { useProblemCounts, useProblems } from './problems-store';
import { describeLocation, revealTargetOf } from './reveal-target';

interface Row {
  readonly source: string;
  readonly d: Diagnostic;
}

const RANK = { error: 0, warning: 1, info: 2 } as const;

export function ProblemsPanel(): ReactElement {
  const bySource = useProblems((s) => s.bySource);
  const workflow = useDocument((s) => s.workflow);
  const rows = useMemo(() => {
    const all: Row[] = [];
    for (const [source, list] of Object.entries(bySource)) for (const d of list) all.push({ source, d });
    return all.sort((a, b) => RANK[a.d.severity] - RANK[b.d.severity] || (a.d.line ?? 0) - (b.d.line ?? 0));
  }, [bySource]);
  if (rows.length === 0) {
    return (
      <div className="panel-note" role="note" aria-label="No problems">
        <ProblemsIcon size={18} />
        <div>
          <strong>No problems.</strong> Errors and warnings of the open workflow show here as you edit (the same
          messages as <code>csp validate</code>); click one to jump to its node or field.
        </div>
      </div>
    );
  }
  const targetOf = (row: Row): ReturnType<typeof revealTargetOf> =>
    revealTargetOf(row.d, workflow, row.source.startsWith('cspm') ? 'cspm' : 'workflow');
  const open = (row: Row): void => {
    const target = targetOf(row);
    if (!target) return;
    if (target.kind === 'cspm') useLayout.getState().setCentre('editor');
    else useLayout.getState().setCentre('canvas');
    useReveal.getState().reveal(target);
  };
  return (
    <VirtualList
      items={rows}
      rowHeight={26}
      label="Problems"
      keyOf={(r, i) => `${r.source}:${i}:${r.d.code}:${r.d.path ?? ''}:${r.d.line ?? ''}`}
      renderRow={(row) => {
        const where = describeLocation(row.d, workflow);
        // A problem with no place in the document (only in the generated CSPm) is listed but leads nowhere: say so.
        const placed = targetOf(row) !== undefined;
        return (
          <button
            type="button"
            className={`problem-row problem-${row.d.severity}`}
            aria-disabled={!placed}
            onClick={() => open(row)}
            title={
              placed
                ? `${row.d.code} ${row.d.message}`
                : `${row.d.code} ${row.d.message} — no place in the workflow to show (found in the generated CSPm)`
            }
          >
            {row.d.severity === 'error' ? <ProblemsIcon size={14} /> : <WarningIcon size={14} />}
            <span className="sr-only">{row.d.severity}:</span>
            <span className="problem-message">{row.d.message}</span>
            <span className="problem-code">{row.d.code}</span>
            <span className="problem-where">{where || (placed ? '' : 'generated CSPm')}</span>
          </button>
        );
      }}
    />
  );
}

export function ProblemsActions(): ReactElement {
  const counts = useProblemCounts();
  return (
    <span className="panel-sub" aria-live="polite">
      {counts.errors} error{counts.errors === 1 ? '' : 's'}, {counts.warnings} warning{counts.warnings === 1 ? '' : 's'}
    </span>
  );
}
