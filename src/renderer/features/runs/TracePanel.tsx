/** Trace tab: the steps of the run being debugged (live or opened from the store); until one exists it teaches. */
import type { ReactElement } from 'react';
import { Code } from '../../ui/EmptyState';
import { DebugIcon } from '../../ui/icons';
import { useRun } from './run-store';
import { CompareView } from './trace/compare/CompareView';
import { useTraceUi } from './trace/trace-ui-store';
import { TraceView } from './trace/TraceView';

export function TracePanel(): ReactElement {
  const hasRun = useRun((s) => s.run !== undefined);
  const compare = useTraceUi((s) => s.compare);
  if (compare) return <CompareView a={compare.a} b={compare.b} />;
  if (hasRun) return <TraceView />;
  return (
    <div className="panel-note" role="note" aria-label="No trace">
      <DebugIcon size={18} />
      <div>
        <strong>No run selected.</strong> Every event of a run is recorded; its trace lists them here in order with the
        processes that took part, and clicking one moves the run to that step. Start a run, or open a past one from the
        Runs view. From a terminal: <Code>npx csp run flow.yaml --steps 20 --seed 1</Code>.
      </div>
    </div>
  );
}
