import { describe, expect, it } from 'vitest';
import { validateWorkflow, WorkflowSchema } from '../../../../engine/workflow';
import type { Workflow } from '../../../../engine/workflow';
import { reduce } from '../document/reduce';
import { pipeline, withBus } from '../document/test-workflows';
import { extractFragment, fragmentFromYaml, fragmentToYaml, placeFragment } from './fragment';

function paste(wf: Workflow, text: string, at = { x: 500, y: 500 }): Workflow {
  const parsed = fragmentFromYaml(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  const r = reduce(wf, { type: 'fragment.insert', fragment: placeFragment(wf, parsed.fragment, at) });
  if (!r.ok) throw new Error(r.reason);
  return r.workflow;
}

describe('clipboard fragments', () => {
  it('copies the selected nodes with the edges among them and their channel records', () => {
    const wf = pipeline();
    const f = extractFragment(wf, { nodes: ['producer', 'consumer'], edges: [] });
    expect(f.processes.map((p) => p.id)).toEqual(['producer', 'consumer']);
    expect(f.edges.map((e) => e.id)).toEqual(['e1']);
    expect(f.channels.map((c) => c.id)).toEqual(['wire']);
    expect(Object.keys(f.layout)).toEqual(['producer', 'consumer']);
    // An edge to a node left out stays behind.
    expect(extractFragment(wf, { nodes: ['producer'], edges: [] }).edges).toEqual([]);
  });

  it('round-trips through YAML text that is itself a valid workflow file', () => {
    const wf = pipeline();
    const text = fragmentToYaml(extractFragment(wf, { nodes: ['producer', 'consumer'], edges: [] }), wf.name);
    expect(text).toMatch(/^version: 1\nname: Copied from Pipeline\n/);
    const parsed = fragmentFromYaml(text);
    expect(parsed.ok && parsed.fragment.processes.map((p) => p.id)).toEqual(['producer', 'consumer']);
  });

  it('pastes into the same workflow with fresh ids, names, channel and edge ids; the copy recurses into itself', () => {
    const base = WorkflowSchema.parse({
      version: 1,
      name: 'Loop',
      processes: [
        { id: 'ping', name: 'Ping', kind: 'csp', ports: [{ name: 'out', dir: 'out' }], behaviour: 'out -> Ping' },
        { id: 'pong', name: 'Pong', kind: 'csp', ports: [{ name: 'inp', dir: 'in' }], behaviour: 'inp -> Pong' },
      ],
      channels: [{ id: 'pp', name: 'pp', capacity: 1 }],
      edges: [{ id: 'pp', from: 'ping.out', to: 'pong.inp', channel: 'pp' }],
      layout: { ping: { x: 100, y: 100 }, pong: { x: 400, y: 100 } },
    });
    const text = fragmentToYaml(extractFragment(base, { nodes: ['ping', 'pong'], edges: [] }), base.name);
    const twice = paste(base, text, { x: 100, y: 400 });
    expect(twice.processes.map((p) => [p.id, p.name])).toEqual([
      ['ping', 'Ping'],
      ['pong', 'Pong'],
      ['ping-2', 'Ping 2'],
      ['pong-2', 'Pong 2'],
    ]);
    expect(twice.processes[2]).toMatchObject({ behaviour: 'out -> Ping_2' });
    expect(twice.edges[1]).toEqual({ id: 'pp-2', from: 'ping-2.out', to: 'pong-2.inp', channel: 'pp-2' });
    expect(twice.channels[1]).toEqual({ id: 'pp-2', name: 'pp-2', capacity: 1 });
    expect(twice.layout['ping-2']).toEqual({ x: 100, y: 400 });
    expect(twice.layout['pong-2']).toEqual({ x: 400, y: 400 });
    expect(validateWorkflow(twice).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('pastes into another workflow keeping ids that are free there', () => {
    const source = pipeline();
    const text = fragmentToYaml(extractFragment(source, { nodes: ['producer', 'consumer'], edges: [] }), source.name);
    const target = WorkflowSchema.parse({ version: 1, name: 'Other' });
    const pasted = paste(target, text, { x: 0, y: 0 });
    expect(pasted.processes.map((p) => p.id)).toEqual(['producer', 'consumer']);
    expect(pasted.edges.map((e) => e.id)).toEqual(['e1']);
  });

  it('brings the parameters and declarations the nodes use, without overriding or repeating the target`s', () => {
    const source = WorkflowSchema.parse({
      version: 1,
      name: 'Typed',
      parameters: { N: 4, M: 2 },
      declarations: 'datatype Grip = up | down',
      processes: [
        { id: 'p', name: 'P', kind: 'csp', ports: [{ name: 'g', dir: 'out', type: 'Grip' }], behaviour: 'g!up -> P' },
      ],
    });
    const text = fragmentToYaml(extractFragment(source, { nodes: ['p'], edges: [] }), source.name);
    const target = WorkflowSchema.parse({
      version: 1,
      name: 'Other',
      parameters: { N: 9 },
      declarations: 'nametype Small = {0..1}',
    });
    const pasted = paste(target, text);
    expect(pasted.parameters).toEqual({ N: 9, M: 2 });
    expect(pasted.declarations).toBe('nametype Small = {0..1}\n\ndatatype Grip = up | down\n');
    expect(validateWorkflow(pasted).filter((d) => d.severity === 'error')).toEqual([]);
    // Into the workflow it came from: nothing is added twice.
    const again = paste(source, text);
    expect(again.declarations).toBe('datatype Grip = up | down');
    expect(again.parameters).toEqual({ N: 4, M: 2 });
  });

  it('keeps a bus only with two or more copied members', () => {
    const wf = withBus();
    expect(extractFragment(wf, { nodes: ['a', 'b', 'clock'], edges: [] }).buses[0]!.members).toEqual([
      'a.tick',
      'b.tick',
    ]);
    expect(extractFragment(wf, { nodes: ['a', 'clock'], edges: [] }).buses).toEqual([]);
    const pasted = paste(wf, fragmentToYaml(extractFragment(wf, { nodes: ['a', 'b', 'clock'], edges: [] }), 'Bus'));
    expect(pasted.buses[1]).toEqual({ id: 'clock-2', name: 'clock', members: ['a-2.tick', 'b-2.tick'] });
  });

  it('says what is wrong with text that is not a fragment', () => {
    expect(fragmentFromYaml('')).toEqual({ ok: false, reason: 'the clipboard is empty' });
    expect(fragmentFromYaml('just words')).toEqual({
      ok: false,
      reason: 'the clipboard does not hold workflow nodes (expected a workflow YAML mapping)',
    });
    expect(fragmentFromYaml('a: [1,\n')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^clipboard text is not YAML \(line 2, column 1\)/),
    });
    expect(fragmentFromYaml('version: 1\nname: X\n')).toEqual({ ok: false, reason: 'the clipboard holds no nodes' });
    expect(fragmentFromYaml('version: 1\nname: X\nprocesses: [{ id: a, name: A, kind: nope }]\n')).toEqual({
      ok: false,
      reason:
        'clipboard: processes[0].kind: expected kind: csp, script, agent or a built-in (timer, inject, log, map, filter, buffer, merge, split, http)',
    });
    expect(fragmentFromYaml('version: 99\nname: X\n')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^clipboard: file has version 99/),
    });
  });
});
