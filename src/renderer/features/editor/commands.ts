/**
 * The editor's commands: new script; run all assertions, the one at the
 * cursor, cancel; the probe; go to definition (F12), references (Shift+F12)
 * and symbol (Ctrl+Shift+O) in the focused editor; the workflow as CSPm.
 */
import type { Command } from '../../commands';
import { hostRequest } from '../../hooks';
import { useLayout } from '../../state/layout-store';
import { toastError } from '../../state/toast-store';
import { useDocument } from '../designer/document';
import { leaveCurrent, showOpened } from '../workflows/open';
import { runEditorAction, useActiveEditor } from './active-editor';
import { useScriptChecks } from './assertions/checks-store';
import { cancelScriptChecks, checksRunning, runScriptChecks } from './assertions/run-checks';
import { languageClient, modelContext } from './language/instance';
import { useScriptInspector } from './script/ScriptInspector';
import { useScript } from './script/script-store';

const scriptOpen = (): boolean => useScript.getState().ref !== undefined;
const hasEditor = (): boolean => useActiveEditor.getState().editor !== undefined;

function showInspector(tab: 'assertions' | 'probe'): void {
  useLayout.getState().toggleInspector(true);
  useScriptInspector.getState().show(tab);
}

async function newScript(): Promise<void> {
  if (!(await leaveCurrent('Open the new script'))) return;
  try {
    await showOpened(await hostRequest('workflows.create', { kind: 'cspm' }));
  } catch (error) {
    toastError(`Could not create the script: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The 1-based index (as check.run counts) of the assertion on the cursor's line, if any. */
async function assertionAtCursor(): Promise<number | undefined> {
  const ed = useActiveEditor.getState().editor;
  const model = ed?.getModel();
  const position = ed?.getPosition();
  const context = model ? modelContext(model.uri.toString()) : undefined;
  if (!model || !position || context?.kind !== 'script') return undefined;
  const outline = await languageClient().query(model.uri.toString(), model.getVersionId(), model.getValue(), context, {
    kind: 'outline',
  });
  const assertions = outline.filter((o) => o.kind === 'assertion');
  const at = assertions.findIndex((a) => a.range.line <= position.lineNumber && position.lineNumber <= a.range.endLine);
  return at < 0 ? undefined : at + 1;
}

export const EDITOR_COMMANDS: readonly Command[] = [
  {
    id: 'file.newScript',
    title: 'New CSPm Script',
    category: 'File',
    menu: 'File',
    order: 15,
    group: 'new',
    run: newScript,
  },
  {
    id: 'script.runAll',
    title: 'Run All Assertions',
    category: 'Check',
    menu: 'Run',
    order: 10,
    group: 'check',
    keys: ['Shift+Alt+R'],
    allowInInputs: true,
    when: () => scriptOpen() && !checksRunning(),
    run: async () => {
      showInspector('assertions');
      await runScriptChecks();
    },
  },
  {
    id: 'script.runAtCursor',
    title: 'Run Assertion at Cursor',
    category: 'Check',
    menu: 'Run',
    order: 20,
    group: 'check',
    keys: ['Shift+Alt+Enter'],
    allowInInputs: true,
    when: () => scriptOpen() && hasEditor(),
    run: async () => {
      const index = await assertionAtCursor();
      if (index === undefined) {
        toastError('Put the cursor on an assert line to run that assertion (Run All Assertions runs them all).');
        return;
      }
      showInspector('assertions');
      await runScriptChecks(index);
    },
  },
  {
    id: 'script.cancelChecks',
    title: 'Cancel Checks',
    category: 'Check',
    menu: 'Run',
    order: 30,
    group: 'check',
    keys: ['Shift+Alt+X'],
    allowInInputs: true,
    when: () => useScriptChecks.getState().checkId !== undefined && checksRunning(),
    run: cancelScriptChecks,
  },
  {
    id: 'script.probe',
    title: 'Probe a Process…',
    category: 'Check',
    menu: 'Run',
    order: 40,
    group: 'check',
    keys: ['Shift+Alt+P'],
    allowInInputs: true,
    when: scriptOpen,
    run: () => {
      showInspector('probe');
      requestAnimationFrame(() =>
        document.querySelector<HTMLInputElement>('[aria-label="Probe"] .probe-open input')?.focus(),
      );
    },
  },
  {
    id: 'editor.goToDefinition',
    title: 'Go to Definition',
    category: 'Editor',
    menu: 'Edit',
    order: 300,
    group: 'navigate',
    keys: ['F12'],
    when: hasEditor,
    run: () => runEditorAction('editor.action.revealDefinition'),
  },
  {
    id: 'editor.findReferences',
    title: 'Find All References',
    category: 'Editor',
    menu: 'Edit',
    order: 310,
    group: 'navigate',
    keys: ['Shift+F12'],
    when: hasEditor,
    run: () => runEditorAction('editor.action.referenceSearch.trigger'),
  },
  {
    id: 'editor.goToSymbol',
    title: 'Go to Symbol in Script…',
    category: 'Editor',
    menu: 'Edit',
    order: 320,
    group: 'navigate',
    keys: ['Mod+Shift+O'],
    when: hasEditor,
    run: () => runEditorAction('editor.action.quickOutline'),
  },
  {
    id: 'view.workflowCspm',
    title: 'Show the Workflow as CSPm',
    category: 'View',
    menu: 'View',
    order: 150,
    group: 'centre',
    when: () => useDocument.getState().ref !== undefined,
    run: () => useLayout.getState().setCentre('editor'),
  },
];
