/** Formal checks area: empty until the checker is wired to the UI. */
import type { ReactElement } from 'react';
import { Code, EmptyState } from '../components/EmptyState';
import { CheckIcon } from '../components/icons';
import { ViewFrame } from './ViewFrame';

export function ChecksView(): ReactElement {
  return (
    <ViewFrame title="Checks" subtitle="Deadlock, divergence, determinism and refinement">
      <EmptyState
        icon={<CheckIcon size={36} />}
        title="No assertions checked yet"
        steps={[
          { label: 'Assertions come from the CSPm script: ', hint: <Code>assert SYSTEM :[deadlock free [F]]</Code> },
          { label: 'Refinement against a specification:', hint: <Code>assert SPEC [FD= SYSTEM</Code> },
          { label: 'A failed check shows its counterexample as a trace you can replay in the debugger.' },
          { label: 'From a terminal today:', hint: <Code>npx csp check model.csp</Code> },
        ]}
      >
        Results of each assertion (passed, failed with a counterexample, or stopped) will be listed here with the states explored.
      </EmptyState>
    </ViewFrame>
  );
}
