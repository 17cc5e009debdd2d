/**
 * What the editor feature runs for as long as the workbench lives: Monaco in
 * the designer's code fields (loaded on first use; a text area until then),
 * live diagnostics and autosave of the open script, the stream of its check
 * run, and its commands.
 */
import { lazy, Suspense, useEffect } from 'react';
import type { ReactElement } from 'react';
import { useRegisterCommands } from '../../commands';
import { setCodeEditor, TextareaEditor } from '../designer/properties/CodeField';
import type { CodeEditorProps } from '../designer/properties/CodeField';
import { ChecksFollower } from './assertions/ChecksFollower';
import { EDITOR_COMMANDS } from './commands';
import { useScriptDiagnosticsSync } from './script/script-diagnostics';
import { startScriptAutosave } from './script/script-save';

const MonacoCodeField = lazy(() => import('./fields/MonacoCodeField'));

/** Monaco for CSPm and JavaScript fields; while it loads (once), the plain text area stands in. */
function CodeEditor(props: CodeEditorProps): ReactElement {
  if (props.language !== 'cspm' && props.language !== 'javascript') return <TextareaEditor {...props} />;
  return (
    <Suspense fallback={<TextareaEditor {...props} />}>
      <MonacoCodeField {...props} />
    </Suspense>
  );
}

export function EditorServices(): ReactElement {
  useEffect(() => setCodeEditor(CodeEditor), []);
  useEffect(() => startScriptAutosave(), []);
  useScriptDiagnosticsSync();
  useRegisterCommands(EDITOR_COMMANDS, []);
  return <ChecksFollower />;
}
