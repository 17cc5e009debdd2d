/**
 * The Monaco editor that last had focus (a script, a field, the generated
 * CSPm), so commands run from the palette or a menu (Go to Definition, Find
 * References, Go to Symbol) act on it.
 */
import type { editor } from 'monaco-editor/editor';
import { create } from 'zustand';

interface ActiveEditorState {
  editor: editor.IStandaloneCodeEditor | undefined;
  set(ed: editor.IStandaloneCodeEditor): void;
  /** The editor is going away: forget it if it is the active one. */
  forget(ed: editor.IStandaloneCodeEditor): void;
}

export const useActiveEditor = create<ActiveEditorState>((set, get) => ({
  editor: undefined,
  set: (ed) => {
    if (get().editor !== ed) set({ editor: ed });
  },
  forget: (ed) => {
    if (get().editor === ed) set({ editor: undefined });
  },
}));

/** Runs one of Monaco's own actions on the active editor (focusing it first, as the action expects). */
export function runEditorAction(actionId: string): void {
  const ed = useActiveEditor.getState().editor;
  if (!ed) return;
  ed.focus();
  void ed.getAction(actionId)?.run();
}
