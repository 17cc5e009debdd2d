/**
 * The counterexample being looked at, and the step selected in it: the hook
 * the debugger plays counterexamples through. The checks panel fills it
 * when a failed check is selected; selecting an event sets `step`; whoever
 * plays it (the debugger, step by step on the canvas) calls `select`,
 * `next` and `previous`, and reads `steps` (the events in node and edge
 * names, through `useCounterexampleSteps`). The canvas highlight follows
 * `step` (ChecksServices).
 *
 *   const { counterexample, step } = useCounterexample.getState();
 *   useCounterexample.getState().select(3);   // after the third event: light where it happened
 *   useCounterexample.getState().select(0);   // the initial state: nothing lit
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import { useDocument } from '../../designer/document';
import { counterexampleSteps } from '../model/counterexample';
import type { Counterexample, CounterexampleStep } from '../model/counterexample';

export interface CounterexampleSource {
  /** The workflow it was found in (`workflow:<id>`). */
  readonly docKey: string;
  readonly checkId: string;
  /** The assertion's 1-based index and its text. */
  readonly index: number;
  readonly text: string;
}

export interface CounterexampleState {
  source: CounterexampleSource | undefined;
  counterexample: Counterexample | undefined;
  /**
   * The selected step: k (1..trace length) = the k-th event, 0 = the initial
   * state, undefined = none selected.
   */
  step: number | undefined;
  /** Shows a counterexample (nothing selected yet); the same one again keeps the step. */
  show(source: CounterexampleSource, counterexample: Counterexample): void;
  select(step: number | undefined): void;
  next(): void;
  previous(): void;
  clear(): void;
}

const sameSource = (a: CounterexampleSource | undefined, b: CounterexampleSource): boolean =>
  a !== undefined && a.checkId === b.checkId && a.index === b.index;

export const useCounterexample = create<CounterexampleState>((set, get) => ({
  source: undefined,
  counterexample: undefined,
  step: undefined,
  show: (source, counterexample) => {
    if (sameSource(get().source, source) && get().counterexample === counterexample) return;
    set({ source, counterexample, step: undefined });
  },
  select: (step) => {
    const length = get().counterexample?.trace.length ?? 0;
    set({ step: step === undefined ? undefined : Math.max(0, Math.min(length, step)) });
  },
  next: () => get().select((get().step ?? 0) + 1),
  previous: () => get().select(Math.max(0, (get().step ?? 1) - 1)),
  clear: () => set({ source: undefined, counterexample: undefined, step: undefined }),
}));

/** The shown counterexample's events in the names of the workflow on screen. */
export function useCounterexampleSteps(): readonly CounterexampleStep[] {
  const ce = useCounterexample((s) => s.counterexample);
  const workflow = useDocument((s) => s.workflow);
  return useMemo(() => (ce ? counterexampleSteps(ce, workflow) : []), [ce, workflow]);
}
