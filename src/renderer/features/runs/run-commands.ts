/**
 * Run commands: the Run menu, the command palette and the keys (VS Code's
 * debugger keys: F5 run/continue, F6 pause, Shift+F5 stop, F10 step,
 * Shift+F10 step back). The toolbar's buttons run these same commands.
 */
import type { Command } from '../../commands';
import { useRegisterCommands } from '../../commands';
import {
  canPause,
  canStart,
  canStep,
  canStepBack,
  editAndRerun,
  forkRun,
  hasRun,
  isRunning,
  pauseRun,
  restartRun,
  runOrContinue,
  runToBreakpoint,
  startRun,
  stepBack,
  stepRun,
  stopRun,
} from './run-actions';
import { canToggleOnSelection, toggleBreakpointOnSelection } from './breakpoint-actions';
import { counterexampleForOpenWorkflow, runCounterexampleForReal } from './counterexample-run';
import { SPEEDS, useRunUi } from './run-ui-store';
import { editFirstMessage, hasMessages } from './messages-store';
import { useRun } from './run-store';
import { useDocument } from '../designer/document';
import {
  canExplore,
  cancelExplore,
  exploreFromHere,
  exportExploredDot,
  hasExploration,
  isExploring,
} from './explore/explore-actions';

const run = (
  id: string,
  title: string,
  keys: string[],
  order: number,
  group: string,
): Omit<Command, 'run' | 'when'> => ({
  id,
  title,
  keys,
  order,
  group,
  category: 'Run',
  menu: 'Run',
});

export const RUN_COMMANDS: readonly Command[] = [
  {
    ...run('run.continue', 'Run / Continue', ['F5'], 100, 'run'),
    when: () => (hasRun() ? canStep() : canStart()),
    run: runOrContinue,
  },
  {
    ...run('run.toBreakpoint', 'Run to Breakpoint', ['Mod+F5'], 110, 'run'),
    when: () => (hasRun() ? canStep() : canStart()),
    run: runToBreakpoint,
  },
  { ...run('run.pause', 'Pause', ['F6'], 120, 'run'), when: canPause, run: pauseRun },
  {
    ...run('run.step', 'Step', ['F10'], 200, 'step'),
    when: () => (hasRun() ? canStep() : canStart()),
    run: async () => {
      if (hasRun() || (await startRun()) !== undefined) await stepRun();
    },
  },
  { ...run('run.stepBack', 'Step Back', ['Shift+F10'], 210, 'step'), when: canStepBack, run: stepBack },
  {
    ...run('run.restart', 'Restart with the Same Seed', ['Mod+Shift+F5'], 300, 'session'),
    when: () => hasRun() && !isRunning(),
    run: restartRun,
  },
  {
    ...run('run.fork', 'Fork from Here', ['Alt+F10'], 310, 'session'),
    when: () => hasRun() && !isRunning(),
    run: forkRun,
  },
  { ...run('run.stop', 'Stop', ['Shift+F5'], 320, 'session'), when: hasRun, run: stopRun },
  { ...run('run.editAndRerun', 'Edit and Re-run', ['Alt+F5'], 330, 'session'), when: hasRun, run: editAndRerun },
  {
    ...run('run.toggleBreakpoint', 'Toggle Breakpoint on the Selected Node or Edge', ['F9'], 350, 'breakpoints'),
    when: canToggleOnSelection,
    run: toggleBreakpointOnSelection,
  },
  {
    ...run('run.showBreakpoints', 'Show Breakpoints', ['Mod+Alt+F9'], 360, 'breakpoints'),
    run: () => useRunUi.getState().setBreakpointsShown(!useRunUi.getState().breakpointsShown),
  },
  {
    ...run('run.counterexample', 'Run the Counterexample for Real', ['Mod+Alt+F5'], 340, 'session'),
    when: () => counterexampleForOpenWorkflow() && !isRunning(),
    run: runCounterexampleForReal,
  },
  {
    ...run('run.editMessage', 'Edit Message in Flight…', [], 345, 'session'),
    when: () => hasRun() && !isRunning() && hasMessages(useRun.getState().run?.runId),
    run: () => {
      const { edges, nodes } = useDocument.getState().selection;
      editFirstMessage([...edges, ...nodes]);
    },
  },
  {
    ...run('run.explore', 'Explore from Here', ['Alt+F6'], 370, 'explore'),
    when: canExplore,
    run: exploreFromHere,
  },
  {
    ...run('run.exploreCancel', 'Cancel Exploration', ['Shift+Alt+F6'], 380, 'explore'),
    when: isExploring,
    run: cancelExplore,
  },
  {
    ...run('run.exploreDot', 'Export Explored States as DOT', [], 390, 'explore'),
    when: hasExploration,
    run: exportExploredDot,
  },
  {
    ...run('run.speed', 'Change Run Speed', ['Shift+F6'], 400, 'speed'),
    run: () => {
      const ui = useRunUi.getState();
      ui.setSpeed(SPEEDS[(SPEEDS.indexOf(ui.speed) + 1) % SPEEDS.length] ?? 0);
    },
  },
];

export function useRunCommands(): void {
  useRegisterCommands(RUN_COMMANDS, []);
}
