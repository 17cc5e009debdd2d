/**
 * The canvas with the debugger around it: the run controls above, and while
 * a run is open the enabled-events panel beside it, and the Breakpoints
 * panel and the Explore panel when they are shown. The canvas itself shows
 * the run through the designer's run layer (see ./RunServices.tsx).
 */
import type { ReactElement, ReactNode } from 'react';
import { BreakpointsPanel } from './BreakpointsPanel';
import { EnabledPanel } from './EnabledPanel';
import { ExplorePanel } from './explore/ExplorePanel';
import { useExplore } from './explore/explore-store';
import { RunToolbar } from './RunToolbar';
import { isLive, useRun } from './run-store';
import { useRunUi } from './run-ui-store';
import './runs.css';

export function RunCanvasFrame({ children }: { children: ReactNode }): ReactElement {
  const live = useRun((s) => s.run !== undefined && isLive(s.status));
  const breakpoints = useRunUi((s) => s.breakpointsShown);
  const explore = useExplore((s) => s.shown);
  return (
    <div className={`run-canvas-frame${live ? ' live' : ''}`}>
      <RunToolbar />
      <div className="run-canvas-body">
        {children}
        {live || breakpoints ? (
          <div className="run-side">
            {live ? <EnabledPanel /> : null}
            {live && explore ? <ExplorePanel /> : null}
            {breakpoints ? <BreakpointsPanel /> : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
