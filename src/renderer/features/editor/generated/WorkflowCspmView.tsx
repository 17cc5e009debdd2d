/**
 * The whole-workflow CSPm view: the script the open workflow compiles to,
 * read-only, exactly what `csp export --to cspm` writes and what checks run.
 * Through the source map, clicking a line (or a name in it) selects its node
 * or edge on the canvas, and selecting nodes or edges highlights their lines.
 * Hover, go to definition and the outline work here as in a script.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import type { editor } from 'monaco-editor/editor';
import { runCommand } from '../../../commands';
import { useReveal } from '../../../state/reveal-store';
import { useDocument } from '../../designer/document';
import { useActiveEditor } from '../active-editor';
import { languageClient, setModelContext } from '../language/instance';
import type { GeneratedScript } from '../language/protocol';
import { CSPM_LANGUAGE_ID, registerCspm } from '../monaco/cspm-language';
import { MonacoHost } from '../monaco/MonacoHost';
import { monaco } from '../monaco/setup';
import { elementAt, linesOf } from './generated-lines';
import type { GeneratedElement } from './generated-lines';
import { useGeneratedReveal } from './reveal';

const URI = 'inmemory://generated/workflow.csp';

/** The newest generated script of the open workflow (compiled in the language worker). */
function useGenerated(): GeneratedScript | null | undefined {
  const workflow = useDocument((s) => s.workflow);
  const revision = useDocument((s) => s.revision);
  const [script, setScript] = useState<GeneratedScript | null | undefined>(undefined);
  useEffect(() => {
    if (!workflow) return;
    let current = true;
    // Typing in a field makes a revision per key: compile once it settles.
    const timer = setTimeout(() => {
      languageClient()
        .generate(revision, workflow)
        .then((s) => current && setScript(s))
        .catch(() => current && setScript(null));
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [workflow, revision]);
  return script;
}

function describe(e: GeneratedElement | undefined, names: (id: string) => string): string {
  if (!e) return 'generated text (not from one element)';
  switch (e.kind) {
    case 'node':
      return `node ${names(e.id)}`;
    case 'edge':
      return `edge ${e.id}`;
    case 'bus':
      return `bus ${e.id}`;
    case 'assertion':
      return `assertion ${e.id}`;
    case 'declarations':
      return 'the declarations';
    case 'system':
      return 'the system (how the nodes are composed)';
  }
}

export function WorkflowCspmView(): ReactElement {
  const script = useGenerated();
  const latest = useRef(script);
  latest.current = script;
  const name = useDocument((s) => s.workflow?.name ?? '');
  const model = useMemo(() => {
    registerCspm();
    const uri = monaco.Uri.parse(URI);
    monaco.editor.getModel(uri)?.dispose();
    return monaco.editor.createModel('', CSPM_LANGUAGE_ID, uri);
  }, []);
  useEffect(() => () => model.dispose(), [model]);
  useEffect(() => setModelContext(URI, () => ({ kind: 'script', file: 'workflow.csp' })), []);
  const [here, setHere] = useState<GeneratedElement | undefined>(undefined);
  const ed = useRef<editor.IStandaloneCodeEditor | null>(null);
  const decorations = useRef<editor.IEditorDecorationsCollection | null>(null);
  // A click here selects on the canvas; that selection must not scroll the view away from the click.
  const selecting = useRef(false);

  useEffect(() => {
    if (script && script.cspm !== model.getValue()) model.setValue(script.cspm);
  }, [script, model]);

  // Selection on the canvas → highlighted lines.
  const selection = useDocument((s) => s.selection);
  useEffect(() => {
    if (!script || !ed.current) return;
    const lines = linesOf(script.cspm, script.sourceMap, selection);
    decorations.current ??= ed.current.createDecorationsCollection();
    decorations.current.set(
      lines.map((l) => ({
        range: new monaco.Range(l, 1, l, 1),
        options: {
          isWholeLine: true,
          className: 'generated-selected',
          overviewRuler: { color: '#3b82f6', position: monaco.editor.OverviewRulerLane.Full },
        },
      })),
    );
    const first = lines[0];
    if (first !== undefined && !selecting.current) ed.current.revealLineInCenterIfOutsideViewport(first);
    selecting.current = false;
  }, [script, selection]);

  // Go to definition elsewhere asked for a line of this script.
  const target = useGeneratedReveal((s) => s.target);
  useEffect(() => {
    if (!target || !ed.current || !script) return;
    const position = { lineNumber: target.line, column: target.column };
    ed.current.setPosition(position);
    ed.current.revealPositionInCenter(position);
    ed.current.focus();
  }, [target?.seq, script]);

  const nodeName = (id: string): string =>
    useDocument.getState().workflow?.processes.find((p) => p.id === id)?.name ?? id;

  const select = (e: GeneratedElement | undefined): void => {
    const doc = useDocument.getState();
    const wf = doc.workflow;
    if (!e || !wf) return;
    selecting.current = true;
    if (e.kind === 'node' || e.kind === 'bus') doc.select({ nodes: [e.id], edges: [] });
    else if (e.kind === 'edge') doc.select({ nodes: [], edges: [e.id] });
    else if (e.kind === 'assertion') {
      const index = wf.assertions.findIndex((a) => a.id === e.id);
      if (index >= 0) useReveal.getState().reveal({ kind: 'field', path: `assertions[${index}].text` });
    } else if (e.kind === 'declarations') useReveal.getState().reveal({ kind: 'field', path: 'declarations' });
  };

  if (script === null || (script && script.cspm === '')) {
    return (
      <div className="generated-empty" role="note">
        <strong>No CSPm for “{name}” yet.</strong> The workflow has errors that stop it compiling:
        <ul>
          {(script?.problems ?? ['it could not be compiled']).map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
        The Problems tab lists them with their places.
      </div>
    );
  }

  return (
    <div className="generated-view">
      <div className="generated-bar">
        <span>
          Generated from <strong>{name}</strong> · read-only · click a line to select its node or edge
        </span>
        <span className="generated-here" data-testid="generated-element" aria-live="polite">
          {here ? describe(here, nodeName) : ''}
        </span>
        <button type="button" className="button button-small" onClick={() => runCommand('file.exportCspm')}>
          Export as CSPm…
        </button>
      </div>
      <MonacoHost
        model={model}
        className="monaco-fill"
        options={{
          readOnly: true,
          domReadOnly: false,
          ariaLabel: `Generated CSPm of ${name}`,
          lineNumbers: 'on',
          glyphMargin: false,
          renderValidationDecorations: 'off',
        }}
        onMount={(editor) => {
          ed.current = editor;
          const sub = [
            editor.onMouseDown((e) => {
              const position = e.target.position;
              const current = latest.current;
              if (!position || !current) return;
              const word = model.getWordAtPosition(position)?.word;
              const found = elementAt(current.sourceMap, position.lineNumber, word);
              setHere(found);
              select(found);
            }),
            editor.onDidChangeCursorPosition((e) => {
              // Keyboard moves describe where the cursor is; a click or Ctrl+Enter selects.
              const current = latest.current;
              if (!current || e.source === 'mouse') return;
              const word = model.getWordAtPosition(e.position)?.word;
              setHere(elementAt(current.sourceMap, e.position.lineNumber, word));
            }),
            editor.addAction({
              id: 'studio.selectOnCanvas',
              label: 'Select on the Canvas',
              keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
              contextMenuGroupId: 'navigation',
              run: (ed2) => {
                const position = ed2.getPosition();
                const current = latest.current;
                if (!position || !current) return;
                const word = model.getWordAtPosition(position)?.word;
                select(elementAt(current.sourceMap, position.lineNumber, word));
              },
            }),
            editor.onDidFocusEditorText(() => useActiveEditor.getState().set(editor)),
          ];
          return () => {
            for (const s of sub) s.dispose();
            useActiveEditor.getState().forget(editor);
            ed.current = null;
            decorations.current = null;
          };
        }}
      />
    </div>
  );
}
