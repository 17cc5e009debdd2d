/** Generated lines ↔ workflow elements through the source map of a real compiled example. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileWorkflow, loadWorkflowYaml } from '../../../../engine/workflow';
import type { Workflow } from '../../../../engine/workflow';
import { elementAt, linesOf } from './generated-lines';

const example = (file: string): Workflow =>
  loadWorkflowYaml(readFileSync(resolve(import.meta.dirname, '../../../../../resources/examples', file), 'utf8'))
    .workflow as Workflow;

describe('generated lines', () => {
  const compiled = compileWorkflow(example('dining-philosophers.yaml'));
  const lines = compiled.cspm.split('\n');
  const lineOf = (needle: string): number => lines.findIndex((l) => l.includes(needle)) + 1;

  it('finds the node, assertion or declarations of a clicked line, and the element of a clicked name', () => {
    expect(elementAt(compiled.sourceMap, lineOf('Fork(j) ='))).toEqual({ kind: 'node', id: 'fork' });
    expect(elementAt(compiled.sourceMap, lineOf('thinks.i ->'))).toEqual({ kind: 'node', id: 'phil' });
    expect(elementAt(compiled.sourceMap, lineOf('datatype Grip'))).toEqual({ kind: 'declarations' });
    expect(elementAt(compiled.sourceMap, lineOf('assert SYSTEM :[deadlock free [F]]'))).toEqual({
      kind: 'assertion',
      id: 'deadlock',
    });
    const system = lineOf('SYSTEM =');
    expect(elementAt(compiled.sourceMap, system)).toEqual({ kind: 'system' });
    expect(elementAt(compiled.sourceMap, system, 'lefthand')).toEqual({ kind: 'edge', id: 'lefthand' });
    expect(elementAt(compiled.sourceMap, system, 'Fork')).toEqual({ kind: 'node', id: 'fork' });
    expect(elementAt(compiled.sourceMap, 1)).toBeUndefined();
  });

  it('highlights a selected node’s definition and the lines naming a selected edge', () => {
    const fork = linesOf(compiled.cspm, compiled.sourceMap, { nodes: ['fork'], edges: [] });
    expect(fork).toContain(lineOf('Fork(j) ='));
    expect(fork).not.toContain(lineOf('thinks.i ->'));
    const edge = linesOf(compiled.cspm, compiled.sourceMap, { nodes: [], edges: ['lefthand'] });
    expect(edge.length).toBeGreaterThan(0);
    for (const l of edge) expect(lines[l - 1]).toMatch(/\blefthand\b/);
    expect(linesOf(compiled.cspm, compiled.sourceMap, { nodes: [], edges: [] })).toEqual([]);
  });

  it('finds an edge from its buffer process', () => {
    const buffered = compileWorkflow(example('bounded-buffer-pipeline.yaml'));
    const buffer = buffered.sourceMap.ranges.find((r) => r.kind === 'buffer');
    expect(buffer).toBeDefined();
    expect(elementAt(buffered.sourceMap, buffer!.startLine)).toEqual({ kind: 'edge', id: buffer!.id });
  });
});
