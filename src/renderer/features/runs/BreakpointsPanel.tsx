/**
 * The Breakpoints panel beside the canvas: the workflow's breakpoints (saved
 * with it), each enabled or not, removable, an edge's with a condition over
 * the message (`msg.temp >= 35`); add one on a node or edge, or on contract
 * violations. F9 toggles one on the selected node or edge.
 */
import { useState } from 'react';
import type { ReactElement } from 'react';
import type { WorkflowBreakpoint } from '../../../engine/workflow';
import { useDocument } from '../designer/document';
import { addBreakpoint, removeBreakpoint, updateBreakpoint } from './breakpoint-actions';
import { conditionProblem, describeBreakpoint, targetExists } from './breakpoints';

const NONE: readonly WorkflowBreakpoint[] = [];

function ConditionField({ bp, name }: { bp: WorkflowBreakpoint; name: string }): ReactElement {
  const [text, setText] = useState(bp.condition ?? '');
  const commit = (): void => {
    const next = text.trim();
    if (next !== (bp.condition ?? '')) updateBreakpoint(bp.id, { condition: next });
  };
  const problem = conditionProblem(text);
  const problemId = `bp-condition-problem-${bp.id}`;
  return (
    <>
      <input
        className="bp-condition"
        aria-label={`Condition of the breakpoint on ${name}`}
        aria-invalid={problem !== undefined}
        aria-describedby={problem !== undefined ? problemId : undefined}
        placeholder="condition over msg, e.g. msg.temp >= 35"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {problem !== undefined ? (
        <p className="bp-condition-problem" id={problemId}>
          {problem}
        </p>
      ) : null}
    </>
  );
}

function Row({ bp }: { bp: WorkflowBreakpoint }): ReactElement {
  const wf = useDocument((s) => s.workflow);
  const name = describeBreakpoint({ ...bp, condition: undefined } as WorkflowBreakpoint, wf);
  const missing = wf !== undefined && !targetExists(bp, wf);
  return (
    <li className={`bp-row${bp.enabled ? '' : ' disabled'}`}>
      <label className="bp-main">
        <input
          type="checkbox"
          checked={bp.enabled}
          aria-label={`Enable the breakpoint on ${name}`}
          onChange={(e) => updateBreakpoint(bp.id, { enabled: e.target.checked })}
        />
        <span className="bp-dot" aria-hidden="true" />
        <span className="bp-name">{name}</span>
        {missing ? <span className="bp-missing">(no longer in the workflow)</span> : null}
      </label>
      <button
        type="button"
        className="bp-remove"
        aria-label={`Remove the breakpoint on ${name}`}
        title="Remove"
        onClick={() => removeBreakpoint(bp.id)}
      >
        ×
      </button>
      {bp.on === 'edge' ? <ConditionField key={bp.condition ?? ''} bp={bp} name={name} /> : null}
    </li>
  );
}

function AddBreakpoint(): ReactElement {
  const wf = useDocument((s) => s.workflow);
  const [choice, setChoice] = useState('');
  const add = (): void => {
    const [on, target] = choice.split(':') as ['node' | 'edge' | 'contract', string | undefined];
    if (!on) return;
    addBreakpoint(on === 'contract' ? { on } : { on, target: target ?? '' });
    setChoice('');
  };
  return (
    <div className="bp-add">
      <select aria-label="New breakpoint on" value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">New breakpoint on…</option>
        <optgroup label="Edges (messages)">
          {(wf?.edges ?? []).map((e) => (
            <option key={e.id} value={`edge:${e.id}`}>
              {describeBreakpoint({ id: '', on: 'edge', target: e.id, enabled: true }, wf)}
            </option>
          ))}
        </optgroup>
        <optgroup label="Nodes">
          {(wf?.processes ?? []).map((p) => (
            <option key={p.id} value={`node:${p.id}`}>
              node {p.name}
            </option>
          ))}
        </optgroup>
        <option value="contract">contract violations</option>
      </select>
      <button type="button" className="run-control" disabled={choice === ''} onClick={add}>
        Add
      </button>
    </div>
  );
}

export function BreakpointsPanel(): ReactElement {
  const list = useDocument((s) => s.workflow?.breakpoints ?? NONE);
  return (
    <section className="bp-panel" role="region" aria-label="Breakpoints">
      <h2 className="run-enabled-title">Breakpoints</h2>
      {list.length === 0 ? (
        <p className="run-enabled-note">None yet. Select a node or edge and press F9, or add one here.</p>
      ) : (
        <ul className="bp-list">
          {list.map((bp) => (
            <Row key={bp.id} bp={bp} />
          ))}
        </ul>
      )}
      <AddBreakpoint />
      <p className="run-enabled-note">Saved with the workflow. A run stops before going on past a hit.</p>
    </section>
  );
}
