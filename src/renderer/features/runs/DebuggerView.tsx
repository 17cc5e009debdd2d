/** Debugger & trace area: empty until the runtime and debugger land. */
import type { ReactElement } from 'react';
import { Code, EmptyState, Kbd } from '../../ui/EmptyState';
import { DebugIcon } from '../../ui/icons';
import { ViewFrame } from '../../ui/ViewFrame';

export function DebuggerView(): ReactElement {
  return (
    <ViewFrame title="Debugger & Trace" subtitle="Step a run, inspect every message on every channel">
      <EmptyState
        icon={<DebugIcon size={36} />}
        title="No run to show"
        steps={[
          { label: 'Every event of a run is recorded, so a run can be replayed exactly and stepped backwards.' },
          {
            label:
              'The trace lists events in order with the processes that took part; selecting one shows the state after it.',
          },
          {
            label: 'From a terminal today (every run is recorded):',
            hint: (
              <>
                <Code>npx csp run flow.yaml --steps 20 --seed 1</Code> · <Code>npx csp runs show 1</Code>
              </>
            ),
          },
        ]}
      >
        Start or attach to a run to see its trace here. Stepping (<Kbd>F10</Kbd>) and breakpoints arrive with the
        debugger.
      </EmptyState>
    </ViewFrame>
  );
}
