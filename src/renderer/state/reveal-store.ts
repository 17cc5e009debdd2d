/**
 * "Reveal": ask whoever shows a place to bring it into view and focus it.
 * The Problems tab, the check results and the import error dialog publish a
 * target; the designer (nodes, edges, fields of the properties panel) and the
 * editor (CSPm lines) subscribe and act on the ones they own.
 *
 *   useReveal.getState().reveal({ kind: 'node', id: 'fork0', path: 'nodes[3].behaviour', line: 12, column: 5 });
 *   // in the designer:
 *   const target = useReveal((s) => s.target);
 *   useEffect(() => { if (target?.kind === 'node') focusNode(target.id); }, [target]);
 *
 * `seq` grows with every request, so revealing the same place twice acts twice.
 */
import { create } from 'zustand';

export interface RevealTarget {
  /** node and edge: canvas elements; field: a property (by document path); cspm: a place in CSPm text. */
  readonly kind: 'node' | 'edge' | 'field' | 'cspm';
  /** Node or edge id (node, edge; also field when the path names one). */
  readonly id?: string;
  /** Path in the workflow document, e.g. `nodes[2].behaviour` (field; also node and edge). */
  readonly path?: string;
  /** 1-based place in the text (YAML for workflows, the script for cspm; inside a field's text for field). */
  readonly line?: number;
  readonly column?: number;
  /** File or document the place is in (cspm). */
  readonly file?: string;
}

interface RevealState {
  target: (RevealTarget & { readonly seq: number }) | undefined;
  reveal(target: RevealTarget): void;
}

export const useReveal = create<RevealState>((set, get) => ({
  target: undefined,
  reveal: (target) => set({ target: { ...target, seq: (get().target?.seq ?? 0) + 1 } }),
}));
