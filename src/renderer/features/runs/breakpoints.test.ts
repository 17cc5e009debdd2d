import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileWorkflow, loadWorkflowYaml } from '../../../engine/workflow';
import { conditionProblem, describeBreakpoint, freshBreakpointId, runtimeSpecs, targetExists } from './breakpoints';

const wf = loadWorkflowYaml(readFileSync('resources/examples/sensor-alerts.yaml', 'utf8')).workflow!;
const map = compileWorkflow(wf).sourceMap;

describe('workflow breakpoints as runtime specs', () => {
  it('an edge breakpoint watches the channel of the edge, with its condition over msg', () => {
    const bp = { id: 'bp1', on: 'edge' as const, target: 'readings', condition: 'msg.temp >= 35', enabled: true };
    expect(runtimeSpecs(bp, wf, map)).toEqual([
      { kind: 'event', pattern: 'readings', payload: 'msg.temp >= 35' },
      { kind: 'event', pattern: 'readings.*', payload: 'msg.temp >= 35' },
    ]);
    expect(describeBreakpoint(bp, wf)).toBe('edge readings when msg.temp >= 35');
  });

  it('a node breakpoint watches every channel the node sends or receives on', () => {
    const specs = runtimeSpecs({ id: 'bp1', on: 'node', target: 'hot', enabled: true }, wf, map);
    const patterns = specs.map((s) => (s.kind === 'event' ? s.pattern : s.kind));
    expect(patterns).toContain('readings.*');
    expect(patterns).toContain('hot_readings');
    expect(patterns.some((p) => p.startsWith('ticks'))).toBe(false);
  });

  it('a contract breakpoint is the runtime contract breakpoint; a missing target is noticed', () => {
    expect(runtimeSpecs({ id: 'c', on: 'contract', enabled: true }, wf, map)).toEqual([{ kind: 'contract' }]);
    expect(targetExists({ id: 'x', on: 'node', target: 'gone', enabled: true }, wf)).toBe(false);
    expect(targetExists({ id: 'x', on: 'edge', target: 'alerts', enabled: true }, wf)).toBe(true);
    expect(freshBreakpointId([{ id: 'bp2', on: 'contract', enabled: true }])).toBe('bp3');
  });
});

describe('an edge breakpoint condition, checked as it is typed', () => {
  it('is fine when empty or a condition over msg', () => {
    expect(conditionProblem('')).toBeUndefined();
    expect(conditionProblem('  ')).toBeUndefined();
    expect(conditionProblem('msg.temp >= 35')).toBeUndefined();
    expect(conditionProblem('len(msg.items) > 2 && msg.ok')).toBeUndefined();
  });

  it('says where a condition the runtime would refuse goes wrong', () => {
    expect(conditionProblem('msg.(')).toMatch(/^column 5: /);
  });

  it('names an unknown name (the runtime binds only msg), which would never hold', () => {
    expect(conditionProblem('temp >= 35')).toMatch(/^column 1: unknown name 'temp'.*known names: msg/);
    expect(conditionProblem('message.temp > 1')).toMatch(/unknown name 'message'/);
  });
});
