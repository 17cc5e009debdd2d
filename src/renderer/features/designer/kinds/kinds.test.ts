import { describe, expect, it } from 'vitest';
import {
  BUILTIN_KINDS,
  compileWorkflow,
  cspmDiagnostics,
  validateWorkflow,
  WorkflowSchema,
} from '../../../../engine/workflow';
import { KINDS, matchKinds, newNode } from './kinds';

const empty = () => WorkflowSchema.parse({ version: 1, name: 'Empty' });

describe('palette kinds', () => {
  it('offers csp, script, agent and every built-in', () => {
    expect(KINDS.map((k) => k.kind).sort()).toEqual(['agent', 'csp', 'script', ...BUILTIN_KINDS].sort());
  });

  it.each(KINDS.map((k) => [k.kind] as const))('a new %s node is valid and compiles to CSPm without errors', (kind) => {
    const node = newNode(empty(), kind);
    const wf = WorkflowSchema.parse({ version: 1, name: 'One', processes: [node] });
    expect(validateWorkflow(wf).filter((d) => d.severity === 'error')).toEqual([]);
    const compiled = compileWorkflow(wf);
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(cspmDiagnostics(compiled).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('gives fresh ids and names', () => {
    const first = newNode(empty(), 'timer');
    const wf = WorkflowSchema.parse({ version: 1, name: 'W', processes: [first] });
    const second = newNode(wf, 'timer');
    expect([first.id, first.name]).toEqual(['timer', 'Timer']);
    expect([second.id, second.name]).toEqual(['timer-2', 'Timer 2']);
    expect(newNode(wf, 'csp')).toMatchObject({ id: 'process', name: 'Process' });
  });

  it('searches labels, summaries and keywords', () => {
    expect(matchKinds('llm').map((k) => k.kind)).toEqual(['agent']);
    expect(matchKinds('HTTP').map((k) => k.kind)).toEqual(['http']);
    expect(matchKinds('fifo queue').map((k) => k.kind)).toEqual(['buffer']);
    expect(matchKinds('')).toHaveLength(KINDS.length);
    expect(matchKinds('nothing like this')).toEqual([]);
  });
});
