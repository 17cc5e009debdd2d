/**
 * The workflow as a whole (shown when nothing is selected): description,
 * parameters, CSPm declarations, assertions and settings, all re-validated as
 * they change.
 */
import { useState } from 'react';
import type { ReactElement } from 'react';
import { freshId } from '../../../../engine/workflow';
import type { Assertion, Settings, Workflow } from '../../../../engine/workflow';
import { useDocument } from '../document';
import { applyChange, withOptional } from './edit';
import { CodeTextField, parseNumber, Section, SelectField, TextField } from './fields';

function parameterValue(text: string): { ok: true; value: number | boolean } | { ok: false; reason: string } {
  const t = text.trim();
  if (t === 'true' || t === 'false') return { ok: true, value: t === 'true' };
  if (/^-?\d+$/.test(t)) return { ok: true, value: Number(t) };
  return { ok: false, reason: `expected an integer or true/false, got "${t}"` };
}

/** The parameters with entry `index` replaced (order kept). */
function replaceParameter(
  params: Workflow['parameters'],
  index: number,
  name: string,
  value: number | boolean,
): Record<string, number | boolean> {
  const out: Record<string, number | boolean> = {};
  Object.entries(params).forEach(([k, v], i) => {
    if (i === index) out[name] = value;
    else out[k] = v;
  });
  return out;
}

const params = (): Workflow['parameters'] => useDocument.getState().workflow?.parameters ?? {};

function Parameters({ workflow }: { workflow: Workflow }): ReactElement {
  const entries = Object.entries(workflow.parameters);
  const add = (): void => {
    const taken = new Set(entries.map(([k]) => k));
    let name = 'N';
    for (let n = 2; taken.has(name); n++) name = `N${n}`;
    applyChange({ type: 'parameters.set', parameters: { ...workflow.parameters, [name]: 3 } });
  };
  return (
    <Section
      title="Parameters"
      actions={
        <button type="button" onClick={add}>
          + Parameter
        </button>
      }
    >
      {entries.length === 0 ? (
        <p className="muted">Constants for the CSPm (N = 5), used in types, replication and behaviours.</p>
      ) : null}
      {entries.map(([name, value], i) => (
        <div key={i} className="param-row" role="group" aria-label={`Parameter ${name}`}>
          <TextField
            targetKey="workflow"
            field={`parameters.${name}`}
            label="Name"
            value={name}
            commit={(text, c) => {
              const current = Object.entries(params())[i];
              if (!current) return 'the parameter is gone';
              if (text !== current[0] && text in params()) return `parameter "${text}" already exists`;
              return applyChange(
                { type: 'parameters.set', parameters: replaceParameter(params(), i, text, current[1]) },
                c,
              );
            }}
          />
          <TextField
            targetKey="workflow"
            field={`parameters.${name}.value`}
            label="Value"
            value={String(value)}
            commit={(text, c) => {
              const v = parameterValue(text);
              if (!v.ok) return v.reason;
              const current = Object.entries(params())[i];
              return current
                ? applyChange(
                    { type: 'parameters.set', parameters: replaceParameter(params(), i, current[0], v.value) },
                    c,
                  )
                : 'the parameter is gone';
            }}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove parameter ${name}`}
            onClick={() => {
              const { [name]: _gone, ...rest } = params();
              applyChange({ type: 'parameters.set', parameters: rest });
            }}
          >
            ×
          </button>
        </div>
      ))}
    </Section>
  );
}

function editAssertion(id: string, f: (a: Assertion) => Assertion, c?: string): string | undefined {
  const a = useDocument.getState().workflow?.assertions.find((x) => x.id === id);
  return a ? applyChange({ type: 'assertion.update', id, assertion: f(a) }, c) : `no assertion "${id}"`;
}

function Assertions({ workflow }: { workflow: Workflow }): ReactElement {
  const add = (): void => {
    applyChange({
      type: 'assertion.add',
      assertion: { id: freshId(workflow, 'assertion', 'deadlock-free'), text: 'SYSTEM :[deadlock free]' },
    });
  };
  return (
    <Section
      title="Assertions"
      actions={
        <button type="button" onClick={add}>
          + Assertion
        </button>
      }
    >
      {workflow.assertions.length === 0 ? (
        <p className="muted">
          Checks always include deadlock and divergence freedom and the contracts. Add refinements or your own
          properties here.
        </p>
      ) : null}
      {workflow.assertions.map((a) => (
        <fieldset key={a.id} className="prop-assertion" aria-label={`Assertion ${a.id}`}>
          <CodeTextField
            targetKey={`assertion:${a.id}`}
            field="text"
            label={`Assertion ${a.id}`}
            language="cspm"
            rows={1}
            value={a.text}
            commit={(text, c) => editAssertion(a.id, (x) => ({ ...x, text }), c)}
          />
          <div className="row">
            <SelectField
              label="Expected"
              value={a.expect ?? ''}
              options={[
                { value: '', label: 'not stated' },
                { value: 'pass', label: 'passes' },
                { value: 'fail', label: 'fails' },
              ]}
              onChange={(v) => editAssertion(a.id, (x) => withOptional(x, 'expect', v))}
            />
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove assertion ${a.id}`}
              onClick={() => applyChange({ type: 'assertions.remove', ids: [a.id] })}
            >
              ×
            </button>
          </div>
          <TextField
            targetKey={`assertion:${a.id}`}
            field="description"
            label="Description"
            value={a.description ?? ''}
            commit={(text, c) => editAssertion(a.id, (x) => withOptional(x, 'description', text), c)}
          />
        </fieldset>
      ))}
    </Section>
  );
}

function SettingsSection({ workflow }: { workflow: Workflow }): ReactElement {
  const [open, setOpen] = useState(workflow.settings !== undefined);
  const settings: Settings = workflow.settings ?? {};
  const commit = (next: Settings, c?: string): string | undefined =>
    applyChange({ type: 'settings.set', settings: Object.keys(next).length === 0 ? undefined : next }, c);
  const budget = (k: string, label: string, integer: boolean) => (
    <TextField
      targetKey="workflow"
      field={`settings.budget.${k}`}
      label={label}
      value={(settings.budget as Record<string, number | undefined> | undefined)?.[k]?.toString() ?? ''}
      commit={(text, c) => {
        const v = parseNumber(text, label, integer);
        if (!v.ok) return v.reason;
        const b = withOptional(useDocument.getState().workflow?.settings?.budget ?? {}, k, v.value);
        return commit(
          withOptional(
            useDocument.getState().workflow?.settings ?? {},
            'budget',
            Object.keys(b).length === 0 ? undefined : b,
          ),
          c,
        );
      }}
    />
  );
  return (
    <Section
      title="Settings"
      actions={
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide' : 'Show'}
        </button>
      }
    >
      {open ? (
        <>
          <TextField
            targetKey="workflow"
            field="settings.bufferStateLimit"
            label="Buffer state limit"
            value={settings.bufferStateLimit?.toString() ?? ''}
            placeholder="1000000"
            commit={(text, c) => {
              const v = parseNumber(text, 'buffer state limit');
              return v.ok
                ? commit(withOptional(useDocument.getState().workflow?.settings ?? {}, 'bufferStateLimit', v.value), c)
                : v.reason;
            }}
          />
          {budget('maxTokens', 'Agents: max tokens per run', true)}
          {budget('maxCost', 'Agents: max cost per run', false)}
          {budget('promptPricePer1k', 'Price of 1,000 prompt tokens', false)}
          {budget('completionPricePer1k', 'Price of 1,000 completion tokens', false)}
        </>
      ) : null}
    </Section>
  );
}

/** `1 node`, `2 nodes`. */
const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function WorkflowProperties({ workflow }: { workflow: Workflow }): ReactElement {
  return (
    <div className="props">
      <header className="props-title">
        <div>
          <h2>{workflow.name}</h2>
          <span className="muted">
            {count(workflow.processes.length, 'node')} · {count(workflow.edges.length, 'edge')}
            {workflow.buses.length > 0 ? ` · ${count(workflow.buses.length, 'bus', 'buses')}` : ''}
          </span>
        </div>
      </header>
      <Section title="Workflow">
        <TextField
          targetKey="workflow"
          field="description"
          label="Description"
          value={workflow.description ?? ''}
          commit={(text, c) => applyChange({ type: 'description.set', text }, c)}
        />
      </Section>
      <Parameters workflow={workflow} />
      <Section title="Declarations">
        <CodeTextField
          targetKey="workflow"
          field="declarations"
          label="Declarations"
          language="cspm"
          rows={4}
          value={workflow.declarations ?? ''}
          hint="CSPm shared by every node: datatypes, nametypes, functions, specifications"
          commit={(text, c) => applyChange({ type: 'declarations.set', text }, c)}
        />
      </Section>
      <Assertions workflow={workflow} />
      <SettingsSection workflow={workflow} />
    </div>
  );
}
