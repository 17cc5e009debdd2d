/**
 * The seam for code text (CSPm behaviours, contracts, declarations, scripts,
 * JSON): a plain textarea until an editor feature plugs in a richer one
 * (Monaco with the CSPm language mode) with `setCodeEditor`. Both receive the
 * same props, so the properties panel never changes.
 */
import { useSyncExternalStore } from 'react';
import type { ComponentType, ReactElement, RefObject } from 'react';

export type CodeLanguage = 'cspm' | 'javascript' | 'json' | 'text';

export interface CodeEditorProps {
  readonly id: string;
  readonly label: string;
  readonly language: CodeLanguage;
  readonly value: string;
  readonly onChange: (text: string) => void;
  readonly onFocus: () => void;
  /** Problems to mark in the text (1-based line and column). */
  readonly markers: readonly {
    readonly line: number;
    readonly column: number;
    readonly message: string;
    readonly severity: 'error' | 'warning';
  }[];
  /** Lines shown before it scrolls. */
  readonly rows: number;
  readonly describedBy?: string;
  readonly inputRef: RefObject<HTMLTextAreaElement | null>;
  /** What the text is (`node:phil` and `behaviour`), so a richer editor can read it in its workflow's context. */
  readonly target?: { readonly key: string; readonly field: string };
  /** A place asked for (a badge or a problem was clicked); `seq` grows with each request. */
  readonly caret?: { readonly line: number; readonly column: number; readonly seq: number };
}

/** The plain editor: a textarea (also what a richer editor may fall back to for languages it does not handle). */
export function TextareaEditor(props: CodeEditorProps): ReactElement {
  return (
    <textarea
      id={props.id}
      ref={props.inputRef}
      className={`code-field lang-${props.language}`}
      aria-label={props.label}
      aria-describedby={props.describedBy}
      aria-invalid={props.markers.some((m) => m.severity === 'error') || undefined}
      spellCheck={false}
      rows={props.rows}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      onFocus={props.onFocus}
    />
  );
}

let editor: ComponentType<CodeEditorProps> = TextareaEditor;
const listeners = new Set<() => void>();

/** Replaces the code editor used by every code field (the editor feature calls this once). */
export function setCodeEditor(component: ComponentType<CodeEditorProps>): void {
  editor = component;
  for (const l of listeners) l();
}

export function CodeField(props: CodeEditorProps): ReactElement {
  const Editor = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => editor,
  );
  return <Editor {...props} />;
}
