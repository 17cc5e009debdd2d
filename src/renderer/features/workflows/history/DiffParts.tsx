/** Readable parts of a diff: a summary per kind of record, and unified text hunks. */
import type { ReactElement } from 'react';
import type { z } from 'zod';
import type { TextDiffHunk, WorkflowDiff } from '../../../../shared/protocol/methods/workflows';

type Diff = z.infer<typeof WorkflowDiff>;
type Hunk = z.infer<typeof TextDiffHunk>;

interface RecordDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: ReadonlyArray<{ readonly id: string; readonly fields: readonly string[] }>;
  readonly movedOnly?: readonly string[];
}

const SECTIONS: ReadonlyArray<[keyof Omit<Diff, 'workflow' | 'identical'>, string]> = [
  ['nodes', 'Nodes'],
  ['behaviours', 'Behaviours'],
  ['channels', 'Channels'],
  ['edges', 'Edges'],
  ['buses', 'Buses'],
  ['assertions', 'Assertions'],
];

function RecordSection({ title, diff }: { title: string; diff: RecordDiff }): ReactElement | null {
  const moved = diff.movedOnly ?? [];
  if (diff.added.length + diff.removed.length + diff.changed.length + moved.length === 0) return null;
  return (
    <section className="diff-section" aria-label={title}>
      <h3>{title}</h3>
      <ul>
        {diff.added.map((id) => (
          <li key={`+${id}`} className="diff-added">
            <span className="diff-op">added</span> {id}
          </li>
        ))}
        {diff.removed.map((id) => (
          <li key={`-${id}`} className="diff-removed">
            <span className="diff-op">removed</span> {id}
          </li>
        ))}
        {diff.changed.map((c) => (
          <li key={`~${c.id}`} className="diff-changed">
            <span className="diff-op">changed</span> {c.id}: {c.fields.join(', ')}
          </li>
        ))}
        {moved.length > 0 && (
          <li className="diff-moved">
            <span className="diff-op">moved</span> {moved.join(', ')}
          </li>
        )}
      </ul>
    </section>
  );
}

export function StructuralDiff({ diff }: { diff: Diff }): ReactElement {
  return (
    <div className="diff-structural">
      {diff.workflow.length > 0 && (
        <section className="diff-section" aria-label="Workflow">
          <h3>Workflow</h3>
          <ul>
            <li className="diff-changed">
              <span className="diff-op">changed</span> {diff.workflow.join(', ')}
            </li>
          </ul>
        </section>
      )}
      {SECTIONS.map(([key, title]) => (
        <RecordSection key={key} title={title} diff={diff[key]} />
      ))}
    </div>
  );
}

export function TextDiff({ hunks }: { hunks: readonly Hunk[] }): ReactElement {
  if (hunks.length === 0) return <p className="muted">The texts are identical.</p>;
  return (
    <div className="diff-text" aria-label="Text differences">
      {hunks.map((h, i) => (
        <pre key={i} className="diff-hunk">
          <span className="diff-hunk-head">
            @@ -{h.fromLine},{h.fromCount} +{h.toLine},{h.toCount} @@
          </span>
          {'\n'}
          {h.lines.map((l, j) => (
            <span key={j} className={l.op === '+' ? 'line-add' : l.op === '-' ? 'line-del' : 'line-ctx'}>
              {l.op}
              {l.text}
              {'\n'}
            </span>
          ))}
        </pre>
      ))}
    </div>
  );
}
