import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../../engine/workflow';
import { describeLocation, revealTargetOf } from './reveal-target';

const workflow = {
  processes: [{ id: 'producer' }, { id: 'consumer' }],
  edges: [{ id: 'e1' }],
} as unknown as Workflow;

describe('revealTargetOf', () => {
  it('points at the node or edge a path names, with the place in the text', () => {
    expect(
      revealTargetOf(
        { code: 'WF3005', severity: 'error', message: 'x', path: 'processes[1].behaviour', line: 12, column: 7 },
        workflow,
      ),
    ).toEqual({
      kind: 'node',
      id: 'consumer',
      path: 'processes[1].behaviour',
      line: 12,
      column: 7,
    });
    expect(revealTargetOf({ code: 'WF2004', severity: 'error', message: 'x', path: 'edges[0].to' }, workflow)).toEqual({
      kind: 'edge',
      id: 'e1',
      path: 'edges[0].to',
    });
  });

  it('falls back to a field for other paths, and to nothing without a place', () => {
    expect(
      revealTargetOf({ code: 'WF2010', severity: 'error', message: 'x', path: 'assertions[0]' }, workflow),
    ).toEqual({ kind: 'field', path: 'assertions[0]' });
    expect(revealTargetOf({ code: 'WF1003', severity: 'error', message: 'x', line: 3, column: 1 }, workflow)).toEqual({
      kind: 'field',
      path: '',
      line: 3,
      column: 1,
    });
    expect(revealTargetOf({ code: 'WF1001', severity: 'error', message: 'x' }, workflow)).toBeUndefined();
  });

  it('gives CSPm places for a script', () => {
    expect(
      revealTargetOf(
        { code: 'CSP1002', severity: 'error', message: 'x', file: 'a.csp', line: 4, column: 2 },
        undefined,
        'cspm',
      ),
    ).toEqual({
      kind: 'cspm',
      file: 'a.csp',
      line: 4,
      column: 2,
    });
  });
});

describe('describeLocation', () => {
  it('names records by id', () => {
    expect(
      describeLocation(
        { code: 'x', severity: 'error', message: 'm', path: 'processes[0].ports[1].type', line: 9, column: 3 },
        workflow,
      ),
    ).toBe('producer › ports[1].type · line 9:3');
    expect(describeLocation({ code: 'x', severity: 'error', message: 'm', path: 'processes[7]' }, workflow)).toBe(
      'processes[7]',
    );
  });
});
