/**
 * The Monaco model of the open script, kept while the script is open (so its
 * undo history survives switching to another view and back) and disposed
 * when another document opens. The script store stays the source of truth
 * for saving; the model follows it when it changes elsewhere (a restore).
 */
import type { editor } from 'monaco-editor/editor';
import { CSPM_LANGUAGE_ID, registerCspm } from '../monaco/cspm-language';
import { monaco } from '../monaco/setup';
import { scriptUri } from './script-diagnostics';
import { useScript } from './script-store';

let current: { id: number; model: editor.ITextModel } | undefined;

export function scriptModel(id: number, text: string): editor.ITextModel {
  if (current?.id === id && !current.model.isDisposed()) return current.model;
  current?.model.dispose();
  registerCspm();
  const model = monaco.editor.createModel(text, CSPM_LANGUAGE_ID, monaco.Uri.parse(scriptUri(id)));
  current = { id, model };
  return model;
}

// A closed or replaced script takes its model with it.
useScript.subscribe((s) => {
  if (current && s.ref?.id !== current.id) {
    current.model.dispose();
    current = undefined;
  }
});
