/**
 * Lines of the Output panel: the host log as received, kept while the panel
 * is hidden or another tab is showing. View state only (the host keeps its log).
 */
import { create } from 'zustand';
import type { LogEntry } from '../../../shared/protocol';

export type OutputLine =
  | { kind: 'entry'; key: string; entry: LogEntry }
  | { kind: 'gap'; key: string; from: number; to: number }
  | { kind: 'restart'; key: string };

export const MAX_OUTPUT_LINES = 1000;

interface OutputState {
  lines: readonly OutputLine[];
  /** Bumps when the host restarts, so keys of a new host's seqs stay unique. */
  generation: number;
  append(lines: readonly OutputLine[]): void;
  restart(): void;
  clear(): void;
}

export const useOutput = create<OutputState>((set) => ({
  lines: [],
  generation: 0,
  append: (lines) => set((s) => ({ lines: [...s.lines, ...lines].slice(-MAX_OUTPUT_LINES) })),
  restart: () =>
    set((s) => ({
      generation: s.generation + 1,
      lines: [...s.lines, { kind: 'restart' as const, key: `restart-${s.generation}` }].slice(-MAX_OUTPUT_LINES),
    })),
  clear: () => set({ lines: [] }),
}));

/** Errors written to the log by the host or the UI since the panel was last cleared. */
export function countErrors(lines: readonly OutputLine[]): number {
  return lines.filter((l) => l.kind === 'entry' && l.entry.level === 'error').length;
}
