/**
 * The designer's canvas area. Until a workflow is open it shows the grid and a
 * teaching empty state; the designer itself (nodes, edges, editing) is a later issue.
 */
import { Background, BackgroundVariant, Controls, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { ReactElement } from 'react';
import { Code, EmptyState } from '../components/EmptyState';
import { CanvasIcon } from '../components/icons';
import { ViewFrame } from './ViewFrame';

export function CanvasView(): ReactElement {
  return (
    <ViewFrame title="Canvas" subtitle="Networks of processes and agents joined by channels">
      <div className="canvas-wrap">
        <ReactFlow nodes={[]} edges={[]} colorMode="dark" proOptions={{ hideAttribution: true }} fitView minZoom={0.2} maxZoom={2}>
          <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#2f3540" />
          <Controls showInteractive={false} position="bottom-right" />
        </ReactFlow>
        <div className="canvas-empty">
          <EmptyState
            icon={<CanvasIcon size={36} />}
            title="No workflow open"
            steps={[
              { label: 'A workflow is a YAML file: processes (CSPm, script, agent, or a built-in: timer, inject, map, filter, buffer, merge, split, log, HTTP request) and the channels between them.' },
              { label: 'Each workflow compiles to a readable CSPm script, so what you draw is what gets checked.' },
              {
                label: 'From a terminal today:',
                hint: (
                  <>
                    <Code>npx csp validate flow.yaml</Code> · <Code>npx csp export flow.yaml --to cspm</Code>
                  </>
                ),
              },
            ]}
          >
            Drawing and editing workflows here arrives with the designer. Open workflows will appear on this canvas, laid out as you
            left them.
          </EmptyState>
        </div>
      </div>
    </ViewFrame>
  );
}
