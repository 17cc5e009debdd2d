/**
 * The open CSPm script in Monaco: highlighting, live markers from the
 * language worker, completion, hover, go to definition (F12), references
 * (Shift+F12), the outline (Ctrl+Shift+O). Edits go to the script store,
 * which saves them; a problem clicked in the Problems tab lands here.
 */
import { useEffect, useMemo } from 'react';
import type { ReactElement } from 'react';
import { useReveal } from '../../../state/reveal-store';
import { useActiveEditor } from '../active-editor';
import { setModelContext } from '../language/instance';
import { toMarkers } from '../monaco/markers';
import { MonacoHost } from '../monaco/MonacoHost';
import { monaco } from '../monaco/setup';
import { scriptFileName, useScriptDiagnostics } from './script-diagnostics';
import { scriptModel } from './script-model';
import type { ScriptRef } from './script-store';
import { useScript } from './script-store';

/** The last reveal request acted on: one made before the editor mounted (Problems opened the view) still counts. */
let handledReveal = 0;

const OPTIONS = {
  lineNumbers: 'on',
  glyphMargin: false,
  padding: { top: 8 },
  'semanticHighlighting.enabled': false,
} as const;

export function ScriptEditor({ script }: { script: ScriptRef }): ReactElement {
  const model = useMemo(() => scriptModel(script.id, useScript.getState().text), [script.id]);
  const file = scriptFileName(script.name);
  const label = `CSPm script ${script.name}`;

  useEffect(() => setModelContext(model.uri.toString(), () => ({ kind: 'script', file })), [model, file]);

  // The store changed under the editor (a restore, a reload): show it as an edit, so undo can take it back.
  useEffect(
    () =>
      useScript.subscribe((s) => {
        if (s.ref?.id === script.id && s.text !== model.getValue())
          model.pushEditOperations([], [{ range: model.getFullModelRange(), text: s.text }], () => null);
      }),
    [model, script.id],
  );

  // Markers of the newest analysis; an older one would sit at the wrong places (Monaco moves the old ones with the edits).
  useEffect(() => {
    const apply = (): void => {
      const d = useScriptDiagnostics.getState();
      if (d.revision === useScript.getState().revision)
        monaco.editor.setModelMarkers(model, 'cspm', toMarkers(model, d.list));
    };
    apply();
    return useScriptDiagnostics.subscribe(apply);
  }, [model]);

  return (
    <div className="script-editor-host" data-testid="script-editor">
      <MonacoHost
        model={model}
        className="monaco-fill"
        options={{ ...OPTIONS, ariaLabel: label }}
        onMount={(ed) => {
          const subs = [
            ed.onDidChangeModelContent(() => useScript.getState().edit(model.getValue())),
            ed.onDidFocusEditorText(() => useActiveEditor.getState().set(ed)),
          ];
          useActiveEditor.getState().set(ed);
          // Problems tab → this line.
          const reveal = (t: ReturnType<typeof useReveal.getState>['target']): void => {
            if (!t || t.seq <= handledReveal || t.kind !== 'cspm' || t.line === undefined) return;
            handledReveal = t.seq;
            const position = { lineNumber: t.line, column: t.column ?? 1 };
            ed.setPosition(position);
            ed.revealPositionInCenter(position);
            ed.focus();
          };
          reveal(useReveal.getState().target);
          const offReveal = useReveal.subscribe((s) => reveal(s.target));
          return () => {
            for (const s of subs) s.dispose();
            offReveal();
            useActiveEditor.getState().forget(ed);
          };
        }}
      />
    </div>
  );
}
