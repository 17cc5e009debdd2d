/**
 * Reducers for the workflow-wide parts: parameters, declarations, description,
 * settings, assertions, a pasted fragment and the whole workflow.
 */
import {
  AssertionSchema,
  BreakpointSchema,
  ParameterValueSchema,
  SettingsSchema,
  WorkflowSchema,
} from '../../../../engine/workflow';
import type { Assertion, Settings, Workflow, WorkflowBreakpoint } from '../../../../engine/workflow';
import type { Fragment, ReduceResult } from './changes';
import { done, parseRecord, refuse, schemaProblem } from './check';
import { addBus, addEdge } from './reduce-edges';
import { addNode } from './reduce-nodes';

const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_']*$/;

export function setParameters(wf: Workflow, parameters: Readonly<Record<string, number | boolean>>): ReduceResult {
  for (const [name, value] of Object.entries(parameters)) {
    if (!PARAMETER_NAME.test(name)) return refuse(`parameters.${name}: expected a CSPm identifier`);
    const bad = schemaProblem(ParameterValueSchema, value, ['parameters', name]);
    if (bad) return refuse(`parameters.${name}: expected an integer or a boolean`);
  }
  return done({ ...wf, parameters: { ...parameters } });
}

export function setDeclarations(wf: Workflow, text: string): ReduceResult {
  const { declarations: _old, ...rest } = wf;
  return done(text.trim() === '' ? rest : { ...rest, declarations: text });
}

export function setDescription(wf: Workflow, text: string): ReduceResult {
  const { description: _old, ...rest } = wf;
  return done(text === '' ? rest : { ...rest, description: text });
}

export function setName(wf: Workflow, name: string): ReduceResult {
  return /\S/.test(name) ? done({ ...wf, name }) : refuse('name: must not be empty');
}

export function setSettings(wf: Workflow, settings: Settings | undefined): ReduceResult {
  const { settings: _old, ...rest } = wf;
  if (settings === undefined) return done(rest);
  const parsed = parseRecord(SettingsSchema, settings, ['settings']);
  return parsed.ok ? done({ ...rest, settings: parsed.value }) : refuse(parsed.reason);
}

export function setBreakpoints(wf: Workflow, breakpoints: readonly WorkflowBreakpoint[]): ReduceResult {
  const { breakpoints: _old, ...rest } = wf;
  const parsed: WorkflowBreakpoint[] = [];
  for (const [i, b] of breakpoints.entries()) {
    if (breakpoints.findIndex((o) => o.id === b.id) !== i) return refuse(`breakpoint id "${b.id}" is already used`);
    const r = parseRecord(BreakpointSchema, b, ['breakpoints', i]);
    if (!r.ok) return refuse(r.reason);
    parsed.push(r.value);
  }
  return done(parsed.length === 0 ? rest : { ...rest, breakpoints: parsed });
}

export function addAssertion(wf: Workflow, assertion: Assertion): ReduceResult {
  if (wf.assertions.some((a) => a.id === assertion.id)) return refuse(`assertion id "${assertion.id}" is already used`);
  const parsed = parseRecord(AssertionSchema, assertion, ['assertions', wf.assertions.length]);
  return parsed.ok ? done({ ...wf, assertions: [...wf.assertions, parsed.value] }) : refuse(parsed.reason);
}

export function updateAssertion(wf: Workflow, id: string, assertion: Assertion): ReduceResult {
  const index = wf.assertions.findIndex((a) => a.id === id);
  if (index < 0) return refuse(`no assertion "${id}"`);
  if (assertion.id !== id && wf.assertions.some((a) => a.id === assertion.id))
    return refuse(`assertion id "${assertion.id}" is already used`);
  const parsed = parseRecord(AssertionSchema, assertion, ['assertions', index]);
  if (!parsed.ok) return refuse(parsed.reason);
  const assertions = wf.assertions.slice();
  assertions[index] = parsed.value;
  return done({ ...wf, assertions });
}

export function removeAssertions(wf: Workflow, ids: readonly string[]): ReduceResult {
  const missing = ids.find((id) => !wf.assertions.some((a) => a.id === id));
  if (missing !== undefined) return refuse(`no assertion "${missing}" to delete`);
  const gone = new Set(ids);
  return done({ ...wf, assertions: wf.assertions.filter((a) => !gone.has(a.id)) });
}

/**
 * Adds a fragment's records with the same checks as adding them one by one:
 * nodes first, then the edges with their channel records (which may join new
 * and existing ports), then buses; then the source's parameters and
 * declarations the target lacks.
 */
export function insertFragment(wf: Workflow, fragment: Fragment): ReduceResult {
  let next = wf;
  for (const node of fragment.processes) {
    const r = addNode(next, node, fragment.layout[node.id] ?? { x: 0, y: 0 });
    if (!r.ok) return r;
    next = r.workflow;
  }
  const channelsById = new Map(fragment.channels.map((c) => [c.id, c]));
  for (const edge of fragment.edges) {
    const channel = edge.channel === undefined ? undefined : channelsById.get(edge.channel);
    const r = addEdge(next, edge, channel);
    if (!r.ok) return r;
    next = r.workflow;
  }
  for (const bus of fragment.buses) {
    const r = addBus(next, bus, fragment.layout[bus.id] ?? { x: 0, y: 0 });
    if (!r.ok) return r;
    next = r.workflow;
  }
  // What the nodes' types and behaviours refer to comes along, without overriding the target's own.
  const missing = Object.entries(fragment.parameters ?? {}).filter(([k]) => !(k in next.parameters));
  if (missing.length > 0) {
    const r = setParameters(next, { ...next.parameters, ...Object.fromEntries(missing) });
    if (!r.ok) return r;
    next = r.workflow;
  }
  const text = fragment.declarations?.trim() ?? '';
  if (text !== '' && !(next.declarations ?? '').includes(text)) {
    next = {
      ...next,
      declarations:
        next.declarations === undefined || next.declarations.trim() === ''
          ? `${text}\n`
          : `${next.declarations.trimEnd()}\n\n${text}\n`,
    };
  }
  return done(next);
}

export function replaceWorkflow(workflow: Workflow): ReduceResult {
  const parsed = parseRecord(WorkflowSchema, workflow, []);
  return parsed.ok ? done(parsed.value) : refuse(parsed.reason);
}
