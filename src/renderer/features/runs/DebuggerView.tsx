/**
 * The Debugger tab: where the run is and how to start one. The run itself is debugged on the
 * canvas (toolbar, enabled events, messages, inspect, breakpoints) and in the Trace tab; see
 * ./debugger-notice.ts for why this tab says so instead of showing a second copy.
 */
import type { ReactElement } from 'react';
import { runCommand } from '../../commands';
import { useLayout } from '../../state/layout-store';
import { Code, EmptyState } from '../../ui/EmptyState';
import { DebugIcon } from '../../ui/icons';
import { ViewFrame } from '../../ui/ViewFrame';
import { useDocument } from '../designer/document';
import { debuggerNotice } from './debugger-notice';
import { useRun } from './run-store';

/** Shows the canvas (where the run controls are), then runs `command` there. */
function onCanvas(command?: string): void {
  useLayout.getState().setCentre('canvas');
  useLayout.getState().showPanel('trace');
  if (command !== undefined) runCommand(command);
}

export function DebuggerView(): ReactElement {
  const status = useRun((s) => s.status);
  const seq = useRun((s) => s.seq);
  const label = useRun((s) => s.run?.label);
  const hasWorkflow = useDocument((s) => s.workflow !== undefined);
  const notice = debuggerNotice({ status, seq, label, hasWorkflow });
  const actions = (
    <>
      {notice.showRun ? (
        <button type="button" className="button button-primary" onClick={() => onCanvas()}>
          Show the run
        </button>
      ) : null}
      {notice.canStart ? (
        <>
          <button type="button" className="button button-primary" onClick={() => onCanvas('run.continue')}>
            Run (F5)
          </button>
          <button type="button" className="button" onClick={() => onCanvas('run.step')}>
            Step (F10)
          </button>
        </>
      ) : null}
      <button type="button" className="button" onClick={() => useLayout.getState().showSidebar('runs')}>
        Stored runs
      </button>
    </>
  );
  return (
    <ViewFrame title="Debugger & Trace" subtitle="Step a run, inspect every message on every channel">
      <EmptyState
        icon={<DebugIcon size={36} />}
        title={notice.title}
        actions={actions}
        steps={[
          { label: 'Every event of a run is recorded, so a run can be replayed exactly and stepped backwards.' },
          {
            label:
              'The trace lists events in order with the processes that took part; selecting one shows the state after it.',
          },
          {
            label: 'From a terminal (every run is recorded):',
            hint: (
              <>
                <Code>npx csp run flow.yaml --steps 20 --seed 1</Code> · <Code>npx csp runs show 1</Code>
              </>
            ),
          },
        ]}
      >
        {notice.body}
      </EmptyState>
    </ViewFrame>
  );
}
