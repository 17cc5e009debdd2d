/**
 * A field of the properties panel edits the document as the user types: each
 * keystroke becomes a change (coalesced into one undo step per focus), a
 * refused change keeps the text and shows why, and an undo elsewhere replaces
 * the text. Fields also take focus when a badge or a problem asks for them.
 */
import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { FieldFocus } from '../canvas/canvas-store';
import { useCanvas } from '../canvas/canvas-store';

/** Applies the text; returns the reason when the change is refused. */
export type Commit = (text: string, coalesce: string) => string | undefined;

let focusSessions = 0;
/** The last focus request a field took: a field mounted later does not take it again. */
let handledFocus = 0;

export interface DraftField {
  readonly draft: string;
  readonly refusal: string | undefined;
  onChange(text: string): void;
  onFocus(): void;
}

export function useDraft(value: string, commit: Commit, key: string): DraftField {
  const [draft, setDraft] = useState(value);
  const [refusal, setRefusal] = useState<string | undefined>(undefined);
  const [seen, setSeen] = useState(value);
  const session = useRef(0);
  // The document changed under the field (undo, another panel): show the document's value.
  if (value !== seen) {
    setSeen(value);
    if (value !== draft) {
      setDraft(value);
      setRefusal(undefined);
    }
  }
  return {
    draft,
    refusal,
    onFocus: () => {
      session.current = ++focusSessions;
    },
    onChange: (text) => {
      setDraft(text);
      if (session.current === 0) session.current = ++focusSessions;
      setRefusal(commit(text, `${key}#${session.current}`));
    },
  };
}

/** Whether `focus` asks for this field of this target. */
function wants(focus: FieldFocus | undefined, targetKey: string, field: string): boolean {
  if (!focus) return false;
  const key = focus.target.kind === 'workflow' ? 'workflow' : `${focus.target.kind}:${focus.target.id ?? ''}`;
  return (
    key === targetKey &&
    (focus.field === field || focus.field.startsWith(`${field}.`) || focus.field.startsWith(`${field}[`))
  );
}

/**
 * Focuses the element (and, for text, the position) when a badge or a
 * problem asks for this field. Returns the ref to put on the input.
 */
export function useFieldFocus<T extends HTMLElement>(
  targetKey: string,
  field: string,
  place?: (el: T, focus: FieldFocus) => void,
): RefObject<T | null> {
  const ref = useRef<T>(null);
  const focus = useCanvas((s) => (wants(s.focus, targetKey, field) ? s.focus : undefined));
  useEffect(() => {
    const el = ref.current;
    if (!focus || !el || focus.seq <= handledFocus) return;
    handledFocus = focus.seq;
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    el.focus({ preventScroll: true });
    place?.(el, focus);
    // Runs once per request: `seq` grows with each.
  }, [focus?.seq]);
  return ref;
}

/** Caret offset of a 1-based line and column in `text`. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  const lines = text.split('\n');
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += (lines[i]?.length ?? 0) + 1;
  return Math.min(text.length, offset + Math.max(0, column - 1));
}
