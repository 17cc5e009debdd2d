/**
 * The centre's Editor view (loaded with Monaco, on first show): the open CSPm
 * script, editable; or, with a workflow open, the CSPm it compiles to,
 * read-only and linked to the canvas; or, with nothing open, how to start.
 */
import type { ReactElement } from 'react';
import { runCommand } from '../../commands';
import { Code, EmptyState } from '../../ui/EmptyState';
import { EditorIcon } from '../../ui/icons';
import { ViewFrame } from '../../ui/ViewFrame';
import { useDocument } from '../designer/document';
import { WorkflowCspmView } from './generated/WorkflowCspmView';
import { ScriptEditor } from './script/ScriptEditor';
import { ScriptStatus } from './script/ScriptStatus';
import { useScript } from './script/script-store';
import './editor.css';

export default function EditorView(): ReactElement {
  const script = useScript((s) => s.ref);
  const workflowName = useDocument((s) => s.workflow?.name);
  if (script) {
    return (
      <ViewFrame
        title={script.name}
        subtitle="CSPm script"
        actions={
          <span className="view-actions">
            <button type="button" className="button button-small" onClick={() => runCommand('script.runAll')}>
              Run all assertions
            </button>
            <button type="button" className="button button-small" onClick={() => runCommand('script.probe')}>
              Probe…
            </button>
          </span>
        }
      >
        <div className="editor-wrap">
          <ScriptEditor script={script} />
        </div>
        <ScriptStatus />
      </ViewFrame>
    );
  }
  if (workflowName !== undefined) {
    return (
      <ViewFrame title="CSPm" subtitle={`the script ${workflowName} compiles to`}>
        <div className="editor-wrap">
          <WorkflowCspmView />
        </div>
      </ViewFrame>
    );
  }
  return (
    <ViewFrame title="Editor" subtitle="CSPm scripts and the CSPm of workflows">
      <EmptyState
        icon={<EditorIcon size={36} />}
        title="No script open"
        actions={
          <>
            <button type="button" className="button button-primary" onClick={() => runCommand('file.openScript')}>
              Open CSPm script…
            </button>
            <button type="button" className="button" onClick={() => runCommand('file.newScript')}>
              New CSPm script
            </button>
          </>
        }
        steps={[
          { label: 'A .csp file opens here as written (File › Open CSPm Script…, or drop it on the window).' },
          { label: 'Its assertions are listed in the inspector: run one or all, see verdicts and counterexamples.' },
          { label: 'The probe walks any process event by event, as FDR’s Probe does.' },
          {
            label: 'With a workflow open, this view shows the CSPm it compiles to:',
            hint: <Code>csp export --to cspm</Code>,
          },
        ]}
      >
        Write CSPm with highlighting, live errors, completion, hover types and go to definition (F12).
      </EmptyState>
    </ViewFrame>
  );
}
