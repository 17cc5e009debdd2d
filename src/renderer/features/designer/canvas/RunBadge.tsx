/**
 * A node's state during a run (see ./run-layer.ts): an icon as well as a
 * colour (colour-blind safe) and a one-line detail, above the node's top edge.
 */
import type { ReactElement } from 'react';
import type { NodeRunState, NodeRunStatus } from './run-layer';

/** One shape per state, drawn (fonts differ): a triangle, two bars, a tick, a cross. */
const ICON: Record<NodeRunStatus, ReactElement> = {
  running: <path d="M4 2.5v11l9-5.5z" fill="currentColor" stroke="none" />,
  waiting: <path d="M5 3v10M11 3v10" strokeWidth="3" />,
  done: <path d="M2.5 8.5l3.5 3.5 7.5-8" />,
  failed: <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" />,
};

export function RunBadge({ run, of }: { run: NodeRunState; of: string }): ReactElement {
  const text = run.detail === '' ? run.status : run.detail;
  return (
    <span
      className={`dn-run run-${run.status}${run.cycle ? ' run-cycle' : ''}`}
      role="img"
      aria-label={`State of ${of}: ${text}${run.cycle ? ', on the wait-for cycle' : ''}`}
      title={text}
    >
      <svg
        className="dn-run-icon"
        width="11"
        height="11"
        viewBox="0 0 16 16"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        aria-hidden="true"
      >
        {ICON[run.status]}
      </svg>
      <span className="dn-run-text" aria-hidden="true">
        {text}
      </span>
      {run.fired !== undefined ? (
        <span
          className="dn-run-fired"
          role="note"
          aria-label={`Fired on ${of}${run.firedSeq !== undefined ? ` at step ${run.firedSeq}` : ''}: ${run.fired}`}
        >
          {run.fired}
        </span>
      ) : null}
    </span>
  );
}
