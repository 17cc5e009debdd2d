/**
 * Every diagnostic of the open document, by source: 'workflow' (validation of
 * the open workflow), and whatever other features publish (the CSPm editor's
 * markers, a check's script errors). The Problems tab lists them all; the
 * status bar counts them.
 */
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { Diagnostic } from '../../../shared/protocol/methods/diagnostics';

export type { Diagnostic };

interface ProblemsState {
  bySource: Readonly<Record<string, readonly Diagnostic[]>>;
  /** Replaces the diagnostics of one source (an empty list clears it). */
  set(source: string, diagnostics: readonly Diagnostic[]): void;
  clear(): void;
}

export const useProblems = create<ProblemsState>((set) => ({
  bySource: {},
  set: (source, diagnostics) =>
    set((s) => {
      const next = { ...s.bySource };
      if (diagnostics.length === 0) delete next[source];
      else next[source] = diagnostics;
      return { bySource: next };
    }),
  clear: () => set({ bySource: {} }),
}));

export interface ProblemCounts {
  errors: number;
  warnings: number;
  total: number;
}

export function countProblems(bySource: Readonly<Record<string, readonly Diagnostic[]>>): ProblemCounts {
  let errors = 0;
  let warnings = 0;
  let total = 0;
  for (const list of Object.values(bySource)) {
    for (const d of list) {
      total++;
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
  }
  return { errors, warnings, total };
}

export function useProblemCounts(): ProblemCounts {
  return useProblems(useShallow((s) => countProblems(s.bySource)));
}
