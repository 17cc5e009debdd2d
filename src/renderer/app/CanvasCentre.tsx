/**
 * The centre's Canvas view. With a workflow open it shows the designer; with
 * none, a teaching welcome over the empty grid with the first steps one click
 * away (new, example, import).
 */
import { Background, BackgroundVariant, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { ReactElement } from 'react';
import { runCommand } from '../commands';
import { useDocument } from '../features/designer/document';
import { RunCanvasFrame } from '../features/runs/RunCanvasFrame';
import { Code, EmptyState, Kbd } from '../ui/EmptyState';
import { CanvasIcon } from '../ui/icons';
import { DESIGNER } from './contributions-designer';
import { useResolvedTheme } from './theme';

export function CanvasCentre(): ReactElement {
  const open = useDocument((s) => s.ref !== undefined);
  if (open && DESIGNER) {
    const Designer = DESIGNER;
    return (
      <RunCanvasFrame>
        <Designer />
      </RunCanvasFrame>
    );
  }
  return <Welcome open={open} />;
}

function Welcome({ open }: { open: boolean }): ReactElement {
  const theme = useResolvedTheme();
  const name = useDocument((s) => s.ref?.name);
  return (
    <section className="view" aria-label="Canvas">
      <div className="canvas-wrap">
        <ReactFlow
          nodes={[]}
          edges={[]}
          colorMode={theme}
          proOptions={{ hideAttribution: true }}
          minZoom={0.2}
          maxZoom={2}
          aria-label="Empty canvas"
        >
          <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="var(--grid-dot)" />
        </ReactFlow>
        <div className="canvas-empty">
          <EmptyState
            icon={<CanvasIcon size={36} />}
            title={open ? `${name ?? 'The workflow'} is open` : 'No workflow open'}
            actions={
              <>
                <button type="button" className="button button-primary" onClick={() => runCommand('file.openExample')}>
                  Open example
                </button>
                <button type="button" className="button" onClick={() => runCommand('file.new')}>
                  New workflow
                </button>
                <button type="button" className="button" onClick={() => runCommand('file.import')}>
                  Import…
                </button>
              </>
            }
            steps={[
              {
                label:
                  'A workflow is processes (CSPm, script, agent, or a built-in: timer, inject, map, filter, buffer, merge, split, log, HTTP) and the channels between them.',
              },
              { label: 'Each workflow compiles to a readable CSPm script, so what you draw is what gets checked.' },
              {
                label: 'Every command is in the palette:',
                hint: (
                  <>
                    <Kbd>Ctrl</Kbd>+<Kbd>Shift</Kbd>+<Kbd>P</Kbd> · from a terminal:{' '}
                    <Code>npx csp validate flow.yaml</Code>
                  </>
                ),
              },
            ]}
          >
            {open
              ? 'Drawing it arrives with the designer canvas. Meanwhile it saves, versions, exports and checks from here and the terminal.'
              : 'Open an example to see a network of processes, start an empty workflow, or drop a .yaml or .csp file anywhere on the window.'}
          </EmptyState>
        </div>
      </div>
    </section>
  );
}
