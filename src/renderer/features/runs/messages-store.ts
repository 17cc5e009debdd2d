/**
 * Messages in flight of the open run, while it is paused (run.messages): the
 * values queued on buffered edges and buffer nodes, and the messages code
 * nodes hold for a receiver. Read again whenever the run stands at another
 * step; `editing` is the message whose JSON editor is open (one at a time),
 * `focus` asks the panel to put the keyboard in that editor (the palette's
 * "Edit Message in Flight…").
 */
import { create } from 'zustand';
import type { Result } from '../../../shared/protocol';
import { hostRequest } from '../../hooks';

export type MessageInFlight = Result<'run.messages'>['messages'][number];

/** A message's identity at a step (holder and index), as run.editMessage takes it. */
export interface MessageKey {
  readonly holder: string;
  readonly index: number;
}

interface MessagesState {
  runId: string | undefined;
  /** The step the list is of (undefined: not read yet). */
  seq: number | undefined;
  messages: readonly MessageInFlight[];
  /** Why the list could not be read. */
  error: string | undefined;
  editing: MessageKey | undefined;
  /** Bumped to move the keyboard into the open editor. */
  focus: number;
  load(runId: string): Promise<void>;
  edit(key: MessageKey | undefined, focus?: boolean): void;
  clear(): void;
}

export const sameMessage = (a: MessageKey | undefined, b: MessageKey): boolean =>
  a !== undefined && a.holder === b.holder && a.index === b.index;

/** Where a message waits, as the user reads it: the edge or node id on the canvas, or its holder and port. */
export function placeOf(m: MessageInFlight): string {
  if (m.queue !== undefined) return m.queue;
  return m.port !== undefined ? `${m.holder}.${m.port}` : m.holder;
}

export const useMessages = create<MessagesState>()((set, get) => ({
  runId: undefined,
  seq: undefined,
  messages: [],
  error: undefined,
  editing: undefined,
  focus: 0,
  load: async (runId) => {
    try {
      const r = await hostRequest('run.messages', { runId });
      const keep = get().editing;
      // An editor stays open only while its message is still there.
      const editing = r.messages.some((m) => sameMessage(keep, m)) && get().runId === runId ? keep : undefined;
      set({ runId, seq: r.seq, messages: r.messages, error: undefined, editing });
    } catch (error) {
      set({ runId, seq: undefined, messages: [], error: error instanceof Error ? error.message : String(error) });
    }
  },
  edit: (editing, focus = false) => set((s) => ({ editing, focus: focus ? s.focus + 1 : s.focus })),
  clear: () => set({ runId: undefined, seq: undefined, messages: [], error: undefined, editing: undefined }),
}));

/**
 * The palette's "Edit Message in Flight…": opens the editor of the first
 * message of the edge or node selected on the canvas (else the first listed)
 * and puts the keyboard in it.
 */
export function editFirstMessage(selected: readonly string[]): void {
  const { messages, edit } = useMessages.getState();
  const m = messages.find((x) => selected.includes(placeOf(x))) ?? messages[0];
  if (m !== undefined) edit(m, true);
}

/** Whether the open run's list has a message to edit. */
export const hasMessages = (runId: string | undefined): boolean => {
  const s = useMessages.getState();
  return runId !== undefined && s.runId === runId && s.messages.length > 0;
};
