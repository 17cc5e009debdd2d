import { describe, expect, it } from 'vitest';
import { validateWorkflow } from '../../../../engine/workflow';
import type { ProcessNode, Workflow } from '../../../../engine/workflow';
import type { DocChange } from './changes';
import { describeChange } from './changes';
import { reduce } from './reduce';
import { cspNode, pipeline, withBus } from './test-workflows';

function ok(wf: Workflow, change: DocChange): Workflow {
  const r = reduce(wf, change);
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r.workflow;
}

function refused(wf: Workflow, change: DocChange): string {
  const r = reduce(wf, change);
  if (r.ok) throw new Error('expected the change to be refused');
  return r.reason;
}

const errors = (wf: Workflow) => validateWorkflow(wf).filter((d) => d.severity === 'error');

describe('node.add', () => {
  it('adds the node and its position, leaving the old workflow untouched', () => {
    const wf = pipeline();
    const next = ok(wf, { type: 'node.add', node: cspNode('extra'), position: { x: 10, y: 20 } });
    expect(next.processes.map((p) => p.id)).toEqual(['producer', 'consumer', 'logger', 'extra']);
    expect(next.layout['extra']).toEqual({ x: 10, y: 20 });
    expect(wf.processes).toHaveLength(3);
    // Unchanged records keep their identity (the canvas re-renders only what changed).
    expect(next.processes[0]).toBe(wf.processes[0]);
    expect(errors(next)).toEqual([]);
  });

  it('refuses a duplicate id, a bad id, a bad position and a record the schema rejects, with csp validate messages', () => {
    const wf = pipeline();
    expect(refused(wf, { type: 'node.add', node: cspNode('producer'), position: { x: 0, y: 0 } })).toBe(
      'node id "producer" is already used',
    );
    expect(refused(wf, { type: 'node.add', node: cspNode('a.b'), position: { x: 0, y: 0 } })).toMatch(
      /node id "a\.b": expected an id/,
    );
    expect(refused(wf, { type: 'node.add', node: cspNode('n'), position: { x: Number.NaN, y: 0 } })).toMatch(
      /position of "n" must be finite/,
    );
    expect(
      refused(wf, { type: 'node.add', node: { ...cspNode('n'), behaviour: '  ' }, position: { x: 0, y: 0 } }),
    ).toBe('processes[3].behaviour: must not be empty');
    const badPort = { ...cspNode('n'), ports: [{ name: 'in put', dir: 'in' as const }] };
    expect(refused(wf, { type: 'node.add', node: badPort, position: { x: 0, y: 0 } })).toBe(
      "processes[3].ports[0].name: expected a CSPm identifier (letters, digits, _ and ')",
    );
    const noConfig = { id: 't', name: 'T', kind: 'timer', ports: [] } as unknown as ProcessNode;
    expect(refused(wf, { type: 'node.add', node: noConfig, position: { x: 0, y: 0 } })).toMatch(
      /^processes\[3\]\.config: this built-in needs a config/,
    );
    // A bus id is taken too: nodes and buses share one namespace.
    expect(refused(withBus(), { type: 'node.add', node: cspNode('clock'), position: { x: 0, y: 0 } })).toBe(
      'node id "clock" is already used',
    );
  });
});

describe('node.update', () => {
  it('replaces the record', () => {
    const wf = pipeline();
    const node = { ...wf.processes[0]!, name: 'Source', behaviour: 'out!1 -> SKIP' };
    const next = ok(wf, { type: 'node.update', id: 'producer', node });
    expect(next.processes[0]).toMatchObject({ name: 'Source', behaviour: 'out!1 -> SKIP' });
    expect(next.edges).toBe(wf.edges);
  });

  it('renames the id: edges, the layout and bus members follow', () => {
    const wf = pipeline();
    const next = ok(wf, { type: 'node.update', id: 'producer', node: { ...wf.processes[0]!, id: 'source' } });
    expect(next.edges[0]).toMatchObject({ from: 'source.out', to: 'consumer.inp', channel: 'wire' });
    expect(next.layout['source']).toEqual({ x: 0, y: 0 });
    expect(next.layout['producer']).toBeUndefined();
    expect(errors(next)).toEqual([]);
    const bus = ok(withBus(), { type: 'node.update', id: 'b', node: { ...withBus().processes[1]!, id: 'bee' } });
    expect(bus.buses[0]!.members).toEqual(['a.tick', 'bee.tick', 'c.tick']);
  });

  it('follows a renamed port and drops the edges of a removed port with their channel record', () => {
    const wf = pipeline();
    const renamed = { ...wf.processes[1]!, ports: [{ name: 'input', dir: 'in' as const, type: '{0..2}' }] };
    const next = ok(wf, { type: 'node.update', id: 'consumer', node: renamed, portRenames: { inp: 'input' } });
    expect(next.edges[0]!.to).toBe('consumer.input');
    const removed = ok(wf, { type: 'node.update', id: 'consumer', node: { ...wf.processes[1]!, ports: [] } });
    expect(removed.edges).toEqual([]);
    expect(removed.channels).toEqual([]);
  });

  it('removes a bus left with one member when ports go', () => {
    let wf = withBus();
    wf = ok(wf, { type: 'node.update', id: 'a', node: { ...wf.processes[0]!, ports: [] } });
    expect(wf.buses[0]!.members).toEqual(['b.tick', 'c.tick']);
    wf = ok(wf, { type: 'node.update', id: 'b', node: { ...wf.processes[1]!, ports: [] } });
    expect(wf.buses).toEqual([]);
    expect(wf.layout['clock']).toBeUndefined();
  });

  it('refuses an unknown node, a taken id, a bad record and a rename of a port that does not exist', () => {
    const wf = pipeline();
    expect(refused(wf, { type: 'node.update', id: 'nope', node: cspNode('nope') })).toBe('no node "nope"');
    expect(refused(wf, { type: 'node.update', id: 'producer', node: { ...wf.processes[0]!, id: 'consumer' } })).toBe(
      'node id "consumer" is already used',
    );
    expect(refused(wf, { type: 'node.update', id: 'producer', node: { ...wf.processes[0]!, name: '' } })).toBe(
      'processes[0].name: must not be empty',
    );
    expect(
      refused(wf, { type: 'node.update', id: 'producer', node: wf.processes[0]!, portRenames: { ghost: 'out' } }),
    ).toBe('node "producer" has no port "ghost" to rename');
    expect(
      refused(wf, { type: 'node.update', id: 'producer', node: wf.processes[0]!, portRenames: { out: 'elsewhere' } }),
    ).toBe('renamed port "elsewhere" is not a port of the new node');
  });
});

describe('nodes.move and elements.remove', () => {
  it('moves nodes and buses; refuses unknown ids and non-finite positions', () => {
    const next = ok(withBus(), { type: 'nodes.move', positions: { a: { x: 5, y: 6 }, clock: { x: 1, y: 2 } } });
    expect(next.layout['a']).toEqual({ x: 5, y: 6 });
    expect(next.layout['clock']).toEqual({ x: 1, y: 2 });
    expect(refused(withBus(), { type: 'nodes.move', positions: { zz: { x: 0, y: 0 } } })).toBe('no node "zz" to move');
    expect(refused(withBus(), { type: 'nodes.move', positions: { a: { x: Infinity, y: 0 } } })).toMatch(/finite/);
  });

  it('removes nodes with their edges, channel records and layout; edges alone by id', () => {
    const wf = pipeline();
    const next = ok(wf, { type: 'elements.remove', nodes: ['producer'], edges: [] });
    expect(next.processes.map((p) => p.id)).toEqual(['consumer', 'logger']);
    expect(next.edges).toEqual([]);
    expect(next.channels).toEqual([]);
    expect(next.layout['producer']).toBeUndefined();
    expect(errors(next)).toEqual([]);
    const edgeOnly = ok(wf, { type: 'elements.remove', nodes: [], edges: ['e1'] });
    expect(edgeOnly.processes).toHaveLength(3);
    expect(edgeOnly.edges).toEqual([]);
    expect(edgeOnly.channels).toEqual([]);
  });

  it('removes a bus by id, and refuses unknown ids', () => {
    const next = ok(withBus(), { type: 'elements.remove', nodes: ['clock'], edges: [] });
    expect(next.buses).toEqual([]);
    expect(refused(withBus(), { type: 'elements.remove', nodes: ['x'], edges: [] })).toBe('no node "x" to delete');
    expect(refused(pipeline(), { type: 'elements.remove', nodes: [], edges: ['e9'] })).toBe('no edge "e9" to delete');
  });
});

describe('edges', () => {
  const wire = (wf: Workflow) => ok(wf, { type: 'elements.remove', nodes: [], edges: ['e1'] });

  it('adds an edge from an output to an input, with a channel record', () => {
    const next = ok(wire(pipeline()), {
      type: 'edge.add',
      edge: { id: 'link', from: 'producer.out', to: 'consumer.inp', channel: 'link' },
      channel: { id: 'link', name: 'link', capacity: 4 },
    });
    expect(next.edges).toEqual([{ id: 'link', from: 'producer.out', to: 'consumer.inp', channel: 'link' }]);
    expect(next.channels).toEqual([{ id: 'link', name: 'link', capacity: 4 }]);
    expect(errors(next)).toEqual([]);
  });

  it('refuses wrong directions, missing ports, a second identical edge, bus members and bad records', () => {
    const wf = pipeline();
    expect(refused(wf, { type: 'edge.add', edge: { id: 'x', from: 'consumer.inp', to: 'producer.out' } })).toBe(
      '"consumer.inp" is an input port; an edge goes from an output',
    );
    expect(refused(wf, { type: 'edge.add', edge: { id: 'x', from: 'producer.out', to: 'producer.out' } })).toBe(
      '"producer.out" is an output port; an edge goes to an input',
    );
    expect(refused(wf, { type: 'edge.add', edge: { id: 'x', from: 'producer.nope', to: 'consumer.inp' } })).toBe(
      'no port "producer.nope"',
    );
    expect(refused(wf, { type: 'edge.add', edge: { id: 'x', from: 'producer.out', to: 'consumer.inp' } })).toBe(
      '"producer.out" is already connected to "consumer.inp" (edge e1)',
    );
    expect(refused(wf, { type: 'edge.add', edge: { id: 'e1', from: 'producer.out', to: 'logger.line' } })).toBe(
      'edge id "e1" is already used',
    );
    expect(refused(wf, { type: 'edge.add', edge: { id: 'x', from: 'producer', to: 'logger.line' } })).toBe(
      'edges[1].from: expected "node.port" (a node id, a dot, a port name)',
    );
    expect(
      refused(wf, { type: 'edge.add', edge: { id: 'x', from: 'producer.out', to: 'logger.line', channel: 'wire' } }),
    ).toMatch(/channel "wire" is already used/);
    expect(
      refused(wf, {
        type: 'edge.add',
        edge: { id: 'x', from: 'producer.out', to: 'logger.line', channel: 'c' },
        channel: { id: 'c', name: 'c', capacity: 0 },
      }),
    ).toBe('channels[1].capacity: Too small: expected number to be >=1');
    const bus = withBus();
    const withIn = ok(bus, {
      type: 'node.add',
      node: cspNode('d', [{ name: 'tick', dir: 'in' }]),
      position: { x: 0, y: 0 },
    });
    expect(refused(withIn, { type: 'edge.add', edge: { id: 'x', from: 'a.tick', to: 'd.tick' } })).toBe(
      'port "a.tick" is a member of bus "clock" and cannot also carry an edge',
    );
  });

  it('fan-out: one output port on several edges is allowed', () => {
    const wf = ok(pipeline(), {
      type: 'node.add',
      node: cspNode('second', [{ name: 'inp', dir: 'in', type: '{0..2}' }]),
      position: { x: 0, y: 0 },
    });
    const next = ok(wf, { type: 'edge.add', edge: { id: 'e2', from: 'producer.out', to: 'second.inp' } });
    expect(next.edges.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(errors(next)).toEqual([]);
  });

  it('updates an edge and its channel record; null removes the record', () => {
    const wf = pipeline();
    const sync = ok(wf, {
      type: 'edge.update',
      id: 'e1',
      edge: { id: 'e1', from: 'producer.out', to: 'consumer.inp', channel: 'wire' },
      channel: null,
    });
    expect(sync.edges[0]).toEqual({ id: 'e1', from: 'producer.out', to: 'consumer.inp' });
    expect(sync.channels).toEqual([]);
    const bigger = ok(wf, {
      type: 'edge.update',
      id: 'e1',
      edge: wf.edges[0]!,
      channel: { id: 'wire', name: 'wire', capacity: 8, close: true },
    });
    expect(bigger.channels).toEqual([{ id: 'wire', name: 'wire', capacity: 8, close: true }]);
    const made = ok(sync, {
      type: 'edge.update',
      id: 'e1',
      edge: { ...sync.edges[0]!, channel: 'e1' },
      channel: { id: 'e1', name: 'e1', hidden: true },
    });
    expect(made.channels).toEqual([{ id: 'e1', name: 'e1', hidden: true }]);
    expect(refused(wf, { type: 'edge.update', id: 'e1', edge: { ...wf.edges[0]!, channel: 'other' } })).toMatch(
      /without a channel record/,
    );
    expect(
      refused(wf, { type: 'edge.update', id: 'e1', edge: wf.edges[0]!, channel: { id: 'other', name: 'o' } }),
    ).toBe('edge "e1" names channel "wire" but the record is "other"');
    expect(refused(wf, { type: 'edge.update', id: 'zz', edge: wf.edges[0]! })).toBe('no edge "zz"');
  });
});

describe('buses', () => {
  it('adds and updates a bus; refuses members that carry edges or dangle', () => {
    let wf = withBus();
    wf = ok(wf, { type: 'elements.remove', nodes: ['clock'], edges: [] });
    wf = ok(wf, {
      type: 'bus.add',
      bus: { id: 'sync', name: 'sync', members: ['a.tick', 'b.tick'] },
      position: { x: 9, y: 9 },
    });
    expect(wf.layout['sync']).toEqual({ x: 9, y: 9 });
    wf = ok(wf, {
      type: 'bus.update',
      id: 'sync',
      bus: { id: 'beat', name: 'beat', members: ['a.tick', 'b.tick', 'c.tick'] },
    });
    expect(wf.buses).toEqual([{ id: 'beat', name: 'beat', members: ['a.tick', 'b.tick', 'c.tick'] }]);
    expect(wf.layout['beat']).toEqual({ x: 9, y: 9 });
    expect(errors(wf)).toEqual([]);
    expect(
      refused(wf, { type: 'bus.update', id: 'beat', bus: { id: 'beat', name: 'beat', members: ['a.tick'] } }),
    ).toBe('buses[0].members: a bus needs at least two members');
    expect(
      refused(wf, {
        type: 'bus.add',
        bus: { id: 'b2', name: 'b2', members: ['a.tick', 'q.tick'] },
        position: { x: 0, y: 0 },
      }),
    ).toBe('no port "q.tick"');
    expect(
      refused(wf, {
        type: 'bus.add',
        bus: { id: 'b2', name: 'b2', members: ['a.tick', 'b.tick'] },
        position: { x: 0, y: 0 },
      }),
    ).toBe('port "a.tick" is already a member of bus "beat"');
    const piped = pipeline();
    expect(
      refused(piped, {
        type: 'bus.add',
        bus: { id: 'b2', name: 'b2', members: ['producer.out', 'logger.line'] },
        position: { x: 0, y: 0 },
      }),
    ).toBe('port "producer.out" carries edge "e1" and cannot also be a bus member');
  });
});

describe('workflow-wide changes', () => {
  it('parameters, declarations, description, settings and name', () => {
    const wf = pipeline();
    expect(ok(wf, { type: 'parameters.set', parameters: { N: 4, Fair: true } }).parameters).toEqual({
      N: 4,
      Fair: true,
    });
    expect(refused(wf, { type: 'parameters.set', parameters: { 'bad name': 1 } })).toBe(
      'parameters.bad name: expected a CSPm identifier',
    );
    expect(refused(wf, { type: 'parameters.set', parameters: { N: 1.5 } })).toBe(
      'parameters.N: expected an integer or a boolean',
    );
    const declared = ok(wf, { type: 'declarations.set', text: 'datatype T = A | B' });
    expect(declared.declarations).toBe('datatype T = A | B');
    expect('declarations' in ok(declared, { type: 'declarations.set', text: '  ' })).toBe(false);
    expect(ok(wf, { type: 'description.set', text: 'hello' }).description).toBe('hello');
    expect(ok(wf, { type: 'settings.set', settings: { bufferStateLimit: 10 } }).settings).toEqual({
      bufferStateLimit: 10,
    });
    expect(refused(wf, { type: 'settings.set', settings: { bufferStateLimit: 0 } })).toMatch(
      /^settings\.bufferStateLimit: /,
    );
    expect(ok(wf, { type: 'name.set', name: 'Renamed' }).name).toBe('Renamed');
    expect(refused(wf, { type: 'name.set', name: ' ' })).toBe('name: must not be empty');
  });

  it('assertions: add, update, remove, with refusals', () => {
    const wf = pipeline();
    const added = ok(wf, { type: 'assertion.add', assertion: { id: 'dv', text: 'SYSTEM :[divergence free]' } });
    expect(added.assertions.map((a) => a.id)).toEqual(['dl', 'dv']);
    expect(refused(wf, { type: 'assertion.add', assertion: { id: 'dl', text: 'x' } })).toBe(
      'assertion id "dl" is already used',
    );
    expect(refused(wf, { type: 'assertion.add', assertion: { id: 'n', text: '' } })).toBe(
      'assertions[1].text: must not be empty',
    );
    const updated = ok(added, {
      type: 'assertion.update',
      id: 'dv',
      assertion: { id: 'dv', text: 'SYSTEM :[deterministic]', expect: 'pass' },
    });
    expect(updated.assertions[1]).toEqual({ id: 'dv', text: 'SYSTEM :[deterministic]', expect: 'pass' });
    expect(refused(added, { type: 'assertion.update', id: 'dv', assertion: { id: 'dl', text: 'x' } })).toBe(
      'assertion id "dl" is already used',
    );
    expect(ok(added, { type: 'assertions.remove', ids: ['dl'] }).assertions.map((a) => a.id)).toEqual(['dv']);
    expect(refused(added, { type: 'assertions.remove', ids: ['zz'] })).toBe('no assertion "zz" to delete');
  });

  it('inserts a fragment whose edges join new and existing ports; refuses clashing ids as a whole', () => {
    const wf = pipeline();
    const fragment = {
      processes: [cspNode('copy', [{ name: 'inp', dir: 'in' as const, type: '{0..2}' }])],
      buses: [],
      edges: [{ id: 'e2', from: 'producer.out', to: 'copy.inp', channel: 'c2' }],
      channels: [{ id: 'c2', name: 'c2', capacity: 1 }],
      layout: { copy: { x: 40, y: 50 } },
    };
    const next = ok(wf, { type: 'fragment.insert', fragment });
    expect(next.processes.map((p) => p.id)).toContain('copy');
    expect(next.edges.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(next.channels.map((c) => c.id)).toEqual(['wire', 'c2']);
    expect(next.layout['copy']).toEqual({ x: 40, y: 50 });
    expect(errors(next)).toEqual([]);
    expect(refused(next, { type: 'fragment.insert', fragment })).toBe('node id "copy" is already used');
  });

  it('replaces the whole workflow only with a schema-valid one', () => {
    const other = withBus();
    expect(ok(pipeline(), { type: 'workflow.replace', workflow: other })).toEqual(other);
    expect(refused(pipeline(), { type: 'workflow.replace', workflow: { ...other, version: 0 } })).toMatch(/^version: /);
  });

  it('a batch applies all its changes or none', () => {
    const wf = pipeline();
    const both = ok(wf, {
      type: 'batch',
      label: 'Add two',
      changes: [
        { type: 'node.add', node: cspNode('x'), position: { x: 0, y: 0 } },
        { type: 'node.add', node: cspNode('y'), position: { x: 0, y: 0 } },
      ],
    });
    expect(both.processes).toHaveLength(5);
    const half: DocChange = {
      type: 'batch',
      label: 'Add two',
      changes: [
        { type: 'node.add', node: cspNode('x'), position: { x: 0, y: 0 } },
        { type: 'node.add', node: cspNode('x'), position: { x: 0, y: 0 } },
      ],
    };
    expect(refused(wf, half)).toBe('node id "x" is already used');
    expect(refused(wf, { type: 'batch', label: 'Nothing', changes: [] })).toBe('Nothing: nothing to do');
  });
});

describe('describeChange', () => {
  it('labels changes for the Edit menu', () => {
    expect(describeChange({ type: 'nodes.move', positions: { a: { x: 0, y: 0 }, b: { x: 0, y: 0 } } })).toBe(
      'Move 2 nodes',
    );
    expect(describeChange({ type: 'elements.remove', nodes: ['a'], edges: ['e', 'f'] })).toBe(
      'Delete 1 node and 2 edges',
    );
    expect(describeChange({ type: 'edge.add', edge: { id: 'e', from: 'a.out', to: 'b.in' } })).toBe(
      'Connect a.out to b.in',
    );
  });
});
