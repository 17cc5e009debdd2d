/**
 * Explore from here, in the studio: the exploration of the open run (one at a
 * time), its progress while it searches, what it found, and the state the
 * person is looking at with the way back to the states seen before it.
 *
 *  - `shown`: the Explore panel is open beside the canvas.
 *  - `limits`: the steps and states the next exploration may go to.
 *  - `status`: idle → exploring (progress from run.events) → done / failed.
 *  - `summary`: run.explore's answer (counts, findings, truncated, cancelled),
 *    for the run `runId` standing at step `summary.seq` when it began.
 *  - `viewing`: the state browsed (run.explore.state), `trail`: the states
 *    browsed before it (Back).
 */
import { create } from 'zustand';
import type { Result } from '../../../../shared/protocol';

export type ExploreSummary = Result<'run.explore'>;
export type ExploredStateView = Result<'run.explore.state'>;
export type ExploredEdge = ExploredStateView['out'][number];

export type ExploreStatus = 'idle' | 'exploring' | 'done' | 'failed';

export interface ExploreLimits {
  readonly maxDepth: number;
  readonly maxStates: number;
}

export interface ExploreState {
  shown: boolean;
  limits: ExploreLimits;
  status: ExploreStatus;
  runId: string | undefined;
  progress: { states: number; edges: number; depth: number } | undefined;
  summary: ExploreSummary | undefined;
  error: string | undefined;
  viewing: ExploredStateView | undefined;
  trail: readonly number[];
  setShown(shown: boolean): void;
  setLimits(limits: Partial<ExploreLimits>): void;
  began(runId: string): void;
  progressed(progress: { states: number; edges: number; depth: number }): void;
  finished(summary: ExploreSummary): void;
  failed(error: string): void;
  view(state: ExploredStateView, from: number | undefined): void;
  back(): number | undefined;
  reset(): void;
}

export const DEFAULT_LIMITS: ExploreLimits = { maxDepth: 20, maxStates: 2_000 };

const clamp = (n: number, lo: number, hi: number, fallback: number): number =>
  Number.isInteger(n) ? Math.min(hi, Math.max(lo, n)) : fallback;

const FRESH = {
  status: 'idle' as ExploreStatus,
  runId: undefined,
  progress: undefined,
  summary: undefined,
  error: undefined,
  viewing: undefined,
  trail: [] as readonly number[],
};

export const useExplore = create<ExploreState>((set, get) => ({
  shown: false,
  limits: DEFAULT_LIMITS,
  ...FRESH,
  setShown: (shown) => set({ shown }),
  setLimits: (limits) => {
    const now = get().limits;
    set({
      limits: {
        maxDepth: clamp(limits.maxDepth ?? now.maxDepth, 1, 1000, now.maxDepth),
        maxStates: clamp(limits.maxStates ?? now.maxStates, 1, 100_000, now.maxStates),
      },
    });
  },
  began: (runId) => set({ ...FRESH, shown: true, status: 'exploring', runId }),
  progressed: (progress) => {
    if (get().status === 'exploring') set({ progress });
  },
  finished: (summary) =>
    set({
      status: 'done',
      summary,
      progress: { states: summary.states, edges: summary.edges, depth: summary.depth },
    }),
  failed: (error) => set({ status: 'failed', error }),
  view: (viewing, from) => set({ viewing, trail: from === undefined ? get().trail : [...get().trail, from] }),
  back: () => {
    const trail = get().trail;
    const last = trail[trail.length - 1];
    if (last !== undefined) set({ trail: trail.slice(0, -1) });
    return last;
  },
  reset: () => set({ ...FRESH }),
}));
