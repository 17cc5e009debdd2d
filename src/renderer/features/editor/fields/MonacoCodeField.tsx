/**
 * Monaco in the properties panel's code fields (the designer's CodeField
 * seam): CSPm behaviours, contracts, alphabets, declarations and assertions
 * with the CSPm mode, read in the context of the workflow's generated script
 * (completion, hover and go to definition know the channels and processes the
 * compiler declares); script nodes' JavaScript with the script API typed.
 * Markers are the designer's diagnostics of the field (the whole workflow's
 * validation, placed back in the field through the source map).
 * JSON and plain text stay plain text areas.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MutableRefObject, ReactElement } from 'react';
import type { editor } from 'monaco-editor/editor';
import { TextareaEditor } from '../../designer/properties/CodeField';
import type { CodeEditorProps } from '../../designer/properties/CodeField';
import { useDocument } from '../../designer/document';
import { languageClient, setModelContext } from '../language/instance';
import { CSPM_LANGUAGE_ID, registerCspm } from '../monaco/cspm-language';
import { setScriptApiPorts } from '../monaco/javascript';
import { MonacoHost } from '../monaco/MonacoHost';
import { monaco } from '../monaco/setup';
import { useActiveEditor } from '../active-editor';
import { fieldPath } from './field-path';
import '../editor.css';

const LINE_HEIGHT = 19;
const MAX_LINES = 18;

const FIELD_OPTIONS: editor.IStandaloneEditorConstructionOptions = {
  fontSize: 12.5,
  lineHeight: LINE_HEIGHT,
  lineNumbers: 'off',
  glyphMargin: false,
  folding: false,
  lineDecorationsWidth: 6,
  lineNumbersMinChars: 0,
  overviewRulerLanes: 0,
  hideCursorInOverviewRuler: true,
  renderLineHighlight: 'none',
  wordWrap: 'on',
  scrollbar: { vertical: 'auto', horizontal: 'hidden', alwaysConsumeMouseWheel: false, verticalScrollbarSize: 8 },
  padding: { top: 4, bottom: 4 },
  // Tab moves to the next field, as in every other input of the panel (Ctrl+M toggles it).
  tabFocusMode: true,
  stickyScroll: { enabled: false },
};

let fieldModels = 0;

export default function MonacoCodeField(props: CodeEditorProps): ReactElement {
  if (props.language !== 'cspm' && props.language !== 'javascript') return <TextareaEditor {...props} />;
  return <MonacoField {...props} />;
}

function MonacoField(props: CodeEditorProps): ReactElement {
  const language = props.language === 'cspm' ? CSPM_LANGUAGE_ID : 'javascript';
  const model = useMemo(() => {
    if (language === CSPM_LANGUAGE_ID) registerCspm();
    const uri = monaco.Uri.parse(`inmemory://field/${++fieldModels}.${language === 'javascript' ? 'js' : 'csp'}`);
    return monaco.editor.createModel(props.value, language, uri);
    // One model per mounted field; the text follows `value` below.
  }, [language]);
  useEffect(() => () => model.dispose(), [model]);

  // The document changed under the field (undo, another panel): show it, as an edit so the field's own undo keeps working.
  const syncing = useRef(false);
  useLayoutEffect(() => {
    if (model.getValue() === props.value) return;
    syncing.current = true;
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text: props.value }], () => null);
    syncing.current = false;
  }, [model, props.value]);

  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const onFocus = useRef(props.onFocus);
  onFocus.current = props.onFocus;
  const [height, setHeight] = useState(props.rows * LINE_HEIGHT + 8);
  const instance = useRef<editor.IStandaloneCodeEditor | null>(null);

  useFieldContext(model, props.target);
  useScriptPorts(language === 'javascript' ? props.target : undefined);
  useMarkers(model, props.markers);

  useEffect(() => {
    const c = props.caret;
    const ed = instance.current;
    if (!c || !ed) return;
    ed.setPosition({ lineNumber: c.line, column: c.column });
    ed.revealPositionInCenterIfOutsideViewport({ lineNumber: c.line, column: c.column });
    ed.focus();
  }, [props.caret?.seq]);

  return (
    <div
      className={`code-field code-field-monaco lang-${props.language}`}
      role="group"
      aria-label={props.label}
      style={{ height }}
      aria-invalid={props.markers.some((m) => m.severity === 'error') || undefined}
    >
      <MonacoHost
        model={model}
        className="code-field-host"
        options={{ ...FIELD_OPTIONS, ariaLabel: props.label }}
        onMount={(ed) => {
          instance.current = ed;
          const textarea = ed.getDomNode()?.querySelector('textarea') ?? null;
          if (textarea) {
            // The field's <label for> and problems list point at Monaco's input.
            textarea.id = props.id;
            if (props.describedBy) textarea.setAttribute('aria-describedby', props.describedBy);
          }
          (props.inputRef as MutableRefObject<HTMLTextAreaElement | null>).current = textarea;
          const subs = [
            ed.onDidChangeModelContent(() => {
              // Edits that only bring in the document's value (above) are not the user's.
              if (!syncing.current) onChange.current(model.getValue());
            }),
            ed.onDidFocusEditorText(() => {
              onFocus.current();
              useActiveEditor.getState().set(ed);
            }),
            ed.onDidContentSizeChange((e) =>
              setHeight(Math.min(MAX_LINES * LINE_HEIGHT + 8, Math.max(props.rows * LINE_HEIGHT + 8, e.contentHeight))),
            ),
          ];
          return () => {
            for (const s of subs) s.dispose();
            useActiveEditor.getState().forget(ed);
            instance.current = null;
          };
        }}
      />
    </div>
  );
}

/** CSPm fields are asked about in their workflow's generated script (the worker compiles it once per revision). */
function useFieldContext(model: editor.ITextModel, target: CodeEditorProps['target']): void {
  const key = target?.key;
  const field = target?.field;
  useEffect(() => {
    if (key === undefined || field === undefined) return;
    return setModelContext(model.uri.toString(), () => {
      const { workflow, revision } = useDocument.getState();
      const path = workflow ? fieldPath(workflow, key, field) : undefined;
      if (!workflow || path === undefined) return undefined;
      languageClient().syncWorkflow(revision, workflow);
      return { kind: 'field', path, revision };
    });
  }, [model, key, field]);
}

function useScriptPorts(target: CodeEditorProps['target']): void {
  const ports = useDocument((s) => {
    if (!target?.key.startsWith('node:')) return undefined;
    const id = target.key.slice('node:'.length);
    return s.workflow?.processes.find((p) => p.id === id)?.ports;
  });
  useEffect(() => {
    if (ports) setScriptApiPorts(ports);
  }, [ports]);
}

function useMarkers(model: editor.ITextModel, markers: CodeEditorProps['markers']): void {
  // A new array comes with every render of the panel: compare what it says.
  const key = JSON.stringify(markers);
  useEffect(() => {
    monaco.editor.setModelMarkers(
      model,
      'designer',
      markers.map((m) => {
        const word = model.getWordAtPosition({ lineNumber: m.line, column: m.column });
        return {
          severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
          message: m.message,
          startLineNumber: m.line,
          startColumn: word?.startColumn ?? m.column,
          endLineNumber: m.line,
          endColumn: word?.endColumn ?? m.column + 1,
        };
      }),
    );
  }, [model, key]);
}
