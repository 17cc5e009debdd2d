/**
 * One Monaco editor on a model its owner made (a script document, a workflow
 * field, the generated CSPm): created once, given a new model or new options
 * without being rebuilt. The theme follows the studio's (Monaco's theme is
 * global, so every editor switches together).
 */
import { useEffect, useRef } from 'react';
import type { CSSProperties, ReactElement } from 'react';
import type { editor } from 'monaco-editor/editor';
import { useResolvedTheme } from '../../../app/theme';
import { EDITOR_FONT, monaco } from './setup';

export interface MonacoHostProps {
  readonly model: editor.ITextModel;
  readonly options?: editor.IStandaloneEditorConstructionOptions;
  /** Called once the editor exists; may return a clean-up. */
  readonly onMount?: (ed: editor.IStandaloneCodeEditor) => void | (() => void);
  readonly className?: string;
  readonly style?: CSSProperties;
}

export const BASE_OPTIONS: editor.IStandaloneEditorConstructionOptions = {
  fontFamily: EDITOR_FONT,
  fontSize: 13,
  lineHeight: 20,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  automaticLayout: true,
  renderLineHighlight: 'line',
  fixedOverflowWidgets: true,
  accessibilitySupport: 'auto',
  // A textarea for input (not Chromium's EditContext): what screen readers, IMEs and tests know best.
  editContext: false,
};

export function MonacoHost({ model, options, onMount, className, style }: MonacoHostProps): ReactElement {
  const container = useRef<HTMLDivElement>(null);
  const instance = useRef<editor.IStandaloneCodeEditor | null>(null);
  const theme = useResolvedTheme();

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'studio-dark' : 'studio-light');
  }, [theme]);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const ed = monaco.editor.create(el, { ...BASE_OPTIONS, ...options, model });
    instance.current = ed;
    const cleanup = onMount?.(ed);
    return () => {
      cleanup?.();
      // The model belongs to the owner: detach it so disposing the editor leaves it alive.
      ed.setModel(null);
      ed.dispose();
      instance.current = null;
    };
    // Created once; model and options changes are applied below.
  }, []);

  useEffect(() => {
    const ed = instance.current;
    if (ed && ed.getModel() !== model) ed.setModel(model);
  }, [model]);

  useEffect(() => {
    if (options) instance.current?.updateOptions(options);
  }, [options]);

  return <div ref={container} className={className} style={style} />;
}
