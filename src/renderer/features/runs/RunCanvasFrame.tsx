/**
 * The canvas with the debugger around it: the run controls above, and while
 * a run is open the enabled-events panel beside it. The canvas itself shows
 * the run through the designer's run layer (see ./RunServices.tsx).
 */
import type { ReactElement, ReactNode } from 'react';
import { EnabledPanel } from './EnabledPanel';
import { RunToolbar } from './RunToolbar';
import { isLive, useRun } from './run-store';
import './runs.css';

export function RunCanvasFrame({ children }: { children: ReactNode }): ReactElement {
  const live = useRun((s) => s.run !== undefined && isLive(s.status));
  return (
    <div className={`run-canvas-frame${live ? ' live' : ''}`}>
      <RunToolbar />
      <div className="run-canvas-body">
        {children}
        {live ? <EnabledPanel /> : null}
      </div>
    </div>
  );
}
