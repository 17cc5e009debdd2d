/**
 * Checks (see README.md): what the workbench mounts, and the counterexample
 * hook the debugger plays counterexamples through.
 */
export { ChecksView } from './ChecksView';
export { CheckResultPanel } from './CheckResultPanel';
export { ChecksServices } from './ChecksServices';
export { useCounterexample, useCounterexampleSteps } from './state/counterexample-store';
export type { CounterexampleSource, CounterexampleState } from './state/counterexample-store';
export { registerCounterexampleAction, useCounterexampleActions } from './state/counterexample-actions';
export type { CounterexampleAction } from './state/counterexample-actions';
export type { Counterexample, CounterexampleStep, ComponentState, ElementRef } from './model/counterexample';
export { componentStates, counterexampleSteps } from './model/counterexample';
