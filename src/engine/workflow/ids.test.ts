import { describe, expect, it } from 'vitest';
import { freshId, idBase } from './ids';
import { WorkflowSchema } from './model';

const wf = WorkflowSchema.parse({
  version: 1,
  name: 'W',
  processes: [{ id: 'risk-monitor', name: 'Risk monitor', kind: 'csp', behaviour: 'STOP' }],
  buses: [],
  edges: [],
});

describe('freshId', () => {
  it('derives ids from names and numbers collisions within a namespace', () => {
    expect(idBase('Risk monitor', 'node')).toBe('risk-monitor');
    expect(idBase('42 ☃', 'node')).toBe('node');
    expect(freshId(wf, 'node', 'Risk monitor')).toBe('risk-monitor-2');
    expect(freshId(wf, 'bus', 'risk monitor')).toBe('risk-monitor-2');
    expect(freshId(wf, 'edge', 'Risk monitor')).toBe('risk-monitor');
    expect(freshId(wf, 'node', 'Feed')).toBe('feed');
  });
});
