/**
 * The saving side of the open document: which stored version the edits start
 * from, the text last known to be in the store (the formatting base for the
 * next save, so comments and key order survive), and the save status the
 * status bar and the unsaved-changes guard read.
 */
import { create } from 'zustand';

/** saved: nothing to save; pending: edits wait for the autosave delay; conflict: the store moved on. */
export type SaveStatus = 'saved' | 'pending' | 'saving' | 'failed' | 'conflict';

export interface SessionData {
  baseVersionId: number | undefined;
  savedText: string | undefined;
  status: SaveStatus;
  /** Why the last save failed, for people. */
  error: string | undefined;
  lastSavedAt: number | undefined;
}

interface SessionState extends SessionData {
  set(patch: Partial<SessionData>): void;
  reset(patch?: Partial<SessionData>): void;
}

const EMPTY: SessionData = {
  baseVersionId: undefined,
  savedText: undefined,
  status: 'saved',
  error: undefined,
  lastSavedAt: undefined,
};

export const useSession = create<SessionState>((set) => ({
  ...EMPTY,
  set: (patch) => set(patch),
  reset: (patch = {}) => set({ ...EMPTY, ...patch }),
}));
