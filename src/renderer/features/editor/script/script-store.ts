/**
 * The open CSPm script document (a `.csp` kept as written, stored with kind
 * `cspm`): its text as typed, and which revision is saved. At most one
 * document is open in the studio: a script or a workflow (the designer's
 * `useDocument`), never both. Undo lives in the editor's own model.
 */
import { create } from 'zustand';

export interface ScriptRef {
  readonly id: number;
  readonly name: string;
  readonly path: string;
}

export interface ScriptState {
  ref: ScriptRef | undefined;
  text: string;
  /** Bumps on every edit; also across open and close, like the designer's document. */
  revision: number;
  savedRevision: number;
  open(ref: ScriptRef, text: string): void;
  edit(text: string): void;
  markSaved(revision: number): void;
  rename(name: string): void;
  close(): void;
}

export const useScript = create<ScriptState>((set, get) => ({
  ref: undefined,
  text: '',
  revision: 0,
  savedRevision: 0,
  open: (ref, text) => {
    const revision = get().revision + 1;
    set({ ref, text, revision, savedRevision: revision });
  },
  edit: (text) => {
    if (!get().ref || text === get().text) return;
    set({ text, revision: get().revision + 1 });
  },
  markSaved: (revision) => set({ savedRevision: revision }),
  rename: (name) => {
    const ref = get().ref;
    if (ref) set({ ref: { ...ref, name } });
  },
  close: () => {
    const revision = get().revision + 1;
    set({ ref: undefined, text: '', revision, savedRevision: revision });
  },
}));

export function scriptDirty(s: Pick<ScriptState, 'revision' | 'savedRevision'> = useScript.getState()): boolean {
  return s.revision !== s.savedRevision;
}
