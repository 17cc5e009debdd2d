/**
 * What other features offer to do with a counterexample, shown as buttons
 * over its events in the Check result tab: the debugger registers "Play on
 * the canvas" (step through it with each component's state) and "Run it for
 * real" (drive the runtime into the same interleaving). Checks itself does
 * not depend on them; with none registered, no button shows.
 *
 *   // in the debugger's services (mounted once):
 *   useEffect(() => registerCounterexampleAction({
 *     id: 'runs.playCounterexample',
 *     label: 'Play on the canvas',
 *     run: (ce, source) => startPlayer(ce, source),
 *   }), []);
 */
import { create } from 'zustand';
import type { Counterexample } from '../model/counterexample';
import type { CounterexampleSource } from './counterexample-store';

export interface CounterexampleAction {
  /** Unique; registering the same id again replaces the earlier one. */
  readonly id: string;
  /** The button's text. */
  readonly label: string;
  /** Its tooltip: what it does, and its key if it has one. */
  readonly title?: string;
  /** Whether it can act on this counterexample (default: yes). */
  readonly enabled?: (ce: Counterexample, source: CounterexampleSource) => boolean;
  readonly run: (ce: Counterexample, source: CounterexampleSource) => void | Promise<void>;
}

interface ActionsState {
  actions: readonly CounterexampleAction[];
}

export const useCounterexampleActions = create<ActionsState>(() => ({ actions: [] }));

/** Offers `action` on every counterexample shown; returns the function that withdraws it (an effect's cleanup). */
export function registerCounterexampleAction(action: CounterexampleAction): () => void {
  useCounterexampleActions.setState((s) => ({ actions: [...s.actions.filter((a) => a.id !== action.id), action] }));
  return () => useCounterexampleActions.setState((s) => ({ actions: s.actions.filter((a) => a !== action) }));
}
