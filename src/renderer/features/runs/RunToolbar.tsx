/**
 * The run controls above the canvas. Idle: Run with its seed and speed.
 * During a run: continue, pause, step, step back, run to breakpoint,
 * restart, fork, stop, edit and re-run, the speed, and where the run stands.
 * Every button runs the command of the same name (so keys, menu, palette
 * and buttons do one thing) and names its shortcut.
 */
import type { ReactElement } from 'react';
import { formatChord, isMacPlatform, runCommand, useCommands } from '../../commands';
import { useCounterexample } from '../checks';
import { useDocument } from '../designer/document';
import { RunIcon } from './RunIcons';
import { useExplore } from './explore/explore-store';
import { isLive, useRun } from './run-store';
import { SPEEDS, useRunUi } from './run-ui-store';

function shortcut(keys: readonly string[] | undefined): string {
  const first = keys?.[0];
  return first === undefined ? '' : formatChord(first, isMacPlatform(navigator));
}

interface ControlProps {
  readonly command: string;
  /** Accessible name and visible text. */
  readonly label: string;
  readonly icon: string;
  readonly primary?: boolean;
}

function Control({ command, label, icon, primary }: ControlProps): ReactElement | null {
  const cmd = useCommands().find((c) => c.id === command);
  if (!cmd) return null;
  const enabled = cmd.when?.() ?? true;
  const keys = shortcut(cmd.keys);
  return (
    <button
      type="button"
      className={`run-control${primary ? ' primary' : ''}`}
      aria-label={label}
      aria-keyshortcuts={cmd.keys?.join(' ')}
      title={keys ? `${label} (${keys})` : label}
      disabled={!enabled}
      onClick={() => void runCommand(command)}
    >
      <RunIcon name={icon} />
      <span className="run-control-text">{label}</span>
    </button>
  );
}

function Speed(): ReactElement {
  const speed = useRunUi((s) => s.speed);
  return (
    <label className="run-field" title="Speed of free runs (Shift+F6)">
      Speed
      <select aria-label="Speed" value={speed} onChange={(e) => useRunUi.getState().setSpeed(Number(e.target.value))}>
        {SPEEDS.map((v) => (
          <option key={v} value={v}>
            {v === 0 ? 'full' : `${v} steps/s`}
          </option>
        ))}
      </select>
    </label>
  );
}

function Seed(): ReactElement {
  const seed = useRunUi((s) => s.seed);
  return (
    <label className="run-field" title="The seed picks among enabled events; the same seed gives the same run">
      Seed
      <input
        aria-label="Seed"
        type="number"
        min={0}
        value={seed}
        onChange={(e) => useRunUi.getState().setSeed(Number(e.target.value))}
      />
    </label>
  );
}

function BreakpointsToggle(): ReactElement {
  const shown = useRunUi((s) => s.breakpointsShown);
  const count = useDocument((s) => s.workflow?.breakpoints?.length ?? 0);
  return (
    <button
      type="button"
      className="run-control"
      aria-pressed={shown}
      aria-label="Breakpoints"
      title="Show or hide the breakpoints (Ctrl+Alt+F9); F9 toggles one on the selected node or edge"
      onClick={() => useRunUi.getState().setBreakpointsShown(!shown)}
    >
      <span className="bp-dot" aria-hidden="true" />
      <span className="run-control-text">Breakpoints{count > 0 ? ` (${count})` : ''}</span>
    </button>
  );
}

/** Shown while the checks panel shows a counterexample of the open workflow. */
function RunCounterexample(): ReactElement | null {
  const shown = useCounterexample(
    (s) => s.counterexample !== undefined && s.source?.docKey === `workflow:${useDocument.getState().ref?.workflowId}`,
  );
  return shown ? <Control command="run.counterexample" label="Run it for real" icon="run" /> : null;
}

function Position(): ReactElement {
  const seq = useRun((s) => s.seq);
  const last = useRun((s) => Math.max(s.lastSeq, s.record?.length ?? 0));
  const rate = useRun((s) => (s.status === 'running' ? s.metrics?.stepsPerSecond : undefined));
  return (
    <span className="run-position" role="status" aria-label="Run position">
      step {seq}
      {last > seq ? ` of ${last}` : ''}
      {rate !== undefined && rate > 0 ? ` · ${rate.toLocaleString('en')} steps/s` : ''}
    </span>
  );
}

export function RunToolbar(): ReactElement {
  const live = useRun((s) => s.run !== undefined && isLive(s.status));
  // Re-render when what enables the buttons changes.
  useRun((s) => `${s.status}|${s.seq}|${s.stop?.reason ?? ''}`);
  useExplore((s) => s.status);
  return (
    <div className="run-toolbar" role="toolbar" aria-label="Run controls">
      {live ? (
        <>
          <Control command="run.continue" label="Continue" icon="run" primary />
          <Control command="run.pause" label="Pause" icon="pause" />
          <Control command="run.step" label="Step" icon="step" />
          <Control command="run.stepBack" label="Step back" icon="stepBack" />
          <Control command="run.toBreakpoint" label="Run to breakpoint" icon="toBreakpoint" />
          <span className="run-sep" />
          <Control command="run.restart" label="Restart" icon="restart" />
          <Control command="run.fork" label="Fork from here" icon="fork" />
          <Control command="run.explore" label="Explore from here" icon="explore" />
          <Control command="run.stop" label="Stop" icon="stop" />
          <span className="run-sep" />
          <Speed />
          <Position />
          <span className="run-spacer" />
          <RunCounterexample />
          <BreakpointsToggle />
          <Control command="run.editAndRerun" label="Edit and re-run" icon="edit" />
        </>
      ) : (
        <>
          <Control command="run.continue" label="Run" icon="run" primary />
          <Control command="run.step" label="Step" icon="step" />
          <Control command="run.toBreakpoint" label="Run to breakpoint" icon="toBreakpoint" />
          <Seed />
          <Speed />
          <span className="run-hint">A run makes the canvas read-only until it stops</span>
          <RunCounterexample />
          <BreakpointsToggle />
        </>
      )}
    </div>
  );
}
