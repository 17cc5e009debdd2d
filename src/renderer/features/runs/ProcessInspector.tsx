/**
 * While a run is open: the state of the node selected on the canvas, one entry
 * per process it became (a replicated node has one per index). A CSP node's
 * state is its current term as CSPm; a script node also shows its `ctx.state`.
 * The run store holds the states the host sent after the last command (and at
 * most four times a second in a free run), so this reads the store only.
 */
import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { compileWorkflow } from '../../../engine/workflow';
import { useDocument } from '../designer/document';
import { nodeOf } from './canvas-overlay';
import { useRun } from './run-store';
import type { ProcessState } from './run-store';

/** The selected node's processes, in the order the host lists them. */
function useSelectedProcesses(): { name: string | undefined; processes: readonly ProcessState[] } {
  const workflow = useDocument((s) => s.workflow);
  const nodeId = useDocument((s) => (s.selection.nodes.length === 1 ? s.selection.nodes[0] : undefined));
  const processes = useRun((s) => s.processes);
  // The document is read-only during a run, so its source map is made once per workflow object.
  const sourceMap = useMemo(() => (workflow ? compileWorkflow(workflow).sourceMap : undefined), [workflow]);
  return useMemo(() => {
    const node = workflow?.processes.find((p) => p.id === nodeId);
    if (!node || !sourceMap) return { name: undefined, processes: [] };
    return { name: node.name, processes: processes.filter((p) => nodeOf(sourceMap, p.name) === node.id) };
  }, [workflow, nodeId, sourceMap, processes]);
}

function scriptState(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

export function ProcessInspector(): ReactElement {
  const { name, processes } = useSelectedProcesses();
  const statesSeq = useRun((s) => s.statesSeq);
  const running = useRun((s) => s.status === 'running');
  if (name === undefined) {
    return (
      <section className="run-inspect" aria-label="Inspect">
        <h2 className="run-enabled-title">Inspect</h2>
        <p className="run-enabled-note">
          Select a node on the canvas to see where each of its processes stands: its CSPm term, and a script&apos;s
          ctx.state.
        </p>
      </section>
    );
  }
  return (
    <section className="run-inspect" aria-label={`Inspect ${name}`}>
      <h2 className="run-enabled-title">
        Inspect {name}
        <span className="run-enabled-procs">
          {' '}
          · after step {statesSeq}
          {running ? ' (updated while it runs)' : ''}
        </span>
      </h2>
      {processes.length === 0 ? (
        <p className="run-enabled-note">No process of this node is running (it may have been compiled away).</p>
      ) : (
        <ul className="run-inspect-list">
          {processes.map((p) => (
            <li key={p.name} aria-label={`State of ${p.name}`}>
              <div>
                <code>{p.name}</code>
                {p.terminated ? <span className="run-enabled-procs"> · terminated</span> : null}
              </div>
              <pre className="run-payload" aria-label={`Term of ${p.name}`}>
                {p.state}
              </pre>
              {p.script !== undefined ? (
                <pre className="run-payload" aria-label={`ctx.state of ${p.name}`}>
                  {scriptState(p.script)}
                </pre>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
