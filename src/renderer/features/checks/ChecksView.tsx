/** Checks (sidebar): the open workflow's assertions and verdicts. Until the checks panel lands it teaches. */
import type { ReactElement } from 'react';
import { Code, EmptyState } from '../../ui/EmptyState';
import { CheckIcon } from '../../ui/icons';

export function ChecksView(): ReactElement {
  return (
    <div className="browser">
      <header className="pane-header">
        <h2 className="pane-title">Checks</h2>
      </header>
      <EmptyState
        compact
        icon={<CheckIcon size={28} />}
        title="No assertions checked yet"
        steps={[
          { label: 'Deadlock and divergence freedom:', hint: <Code>assert SYSTEM :[deadlock free [F]]</Code> },
          { label: 'Refinement against a specification:', hint: <Code>assert SPEC [FD= SYSTEM</Code> },
          { label: 'From a terminal today:', hint: <Code>npx csp check flow.yaml</Code> },
        ]}
      >
        Each assertion of the open workflow is listed here with its verdict, the states explored, and a counterexample
        when it fails.
      </EmptyState>
    </div>
  );
}
