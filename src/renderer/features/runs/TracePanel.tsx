/** Trace tab: the events of the selected run, in order. Filled by the debugger; until a run exists it teaches. */
import type { ReactElement } from 'react';
import { Code } from '../../ui/EmptyState';
import { DebugIcon } from '../../ui/icons';

export function TracePanel(): ReactElement {
  return (
    <div className="panel-note" role="note" aria-label="No trace">
      <DebugIcon size={18} />
      <div>
        <strong>No run selected.</strong> Every event of a run is recorded; its trace lists them here in order with the
        processes that took part, and selecting one shows the state after it. From a terminal today:{' '}
        <Code>npx csp run flow.yaml --steps 20 --seed 1</Code> then <Code>npx csp runs show 1</Code>.
      </div>
    </div>
  );
}
