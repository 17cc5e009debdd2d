import { describe, expect, it } from 'vitest';
import { validateWorkflow } from '../../../../engine/workflow';
import type { Workflow } from '../../../../engine/workflow';
import type { DocChange } from './changes';
import { reduce } from './reduce';
import { pipeline, withBus } from './test-workflows';

function ok(wf: Workflow, change: DocChange): Workflow {
  const r = reduce(wf, change);
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r.workflow;
}
function refused(wf: Workflow, change: DocChange): string {
  const r = reduce(wf, change);
  if (r.ok) throw new Error('expected a refusal');
  return r.reason;
}

const grouped = (): Workflow =>
  ok(pipeline(), {
    type: 'group.add',
    group: { id: 'front', name: 'Front', members: ['producer', 'consumer'] },
    position: { x: 5, y: 5 },
  });

describe('group reducers', () => {
  it('adds a group of existing nodes with its collapsed position', () => {
    const wf = grouped();
    expect(wf.groups).toEqual([{ id: 'front', name: 'Front', members: ['producer', 'consumer'] }]);
    expect(wf.layout['front']).toEqual({ x: 5, y: 5 });
    expect(validateWorkflow(wf).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('refuses unknown members, a node in two groups, a taken id and an empty group', () => {
    const wf = grouped();
    const add = (group: { id: string; name: string; members: string[] }): DocChange => ({
      type: 'group.add',
      group,
      position: { x: 0, y: 0 },
    });
    expect(refused(wf, add({ id: 'g', name: 'G', members: ['ghost'] }))).toBe('no node or bus "ghost" to group');
    expect(refused(wf, add({ id: 'g', name: 'G', members: ['producer'] }))).toBe(
      '"producer" is already in group "front"; a node belongs to at most one group',
    );
    expect(refused(wf, add({ id: 'logger', name: 'G', members: ['logger'] }))).toBe(
      'group id "logger" is already used',
    );
    expect(refused(wf, add({ id: 'g', name: 'G', members: [] }))).toBe(
      'groups[1].members: a group holds at least one node',
    );
    expect(
      refused(wf, {
        type: 'node.add',
        node: { id: 'front', name: 'F', kind: 'csp', ports: [], behaviour: 'STOP' },
        position: { x: 0, y: 0 },
      }),
    ).toBe('node id "front" is already used');
  });

  it('collapses, renames (moving its layout entry) and dissolves', () => {
    let wf = grouped();
    wf = ok(wf, {
      type: 'group.update',
      id: 'front',
      group: { id: 'head', name: 'Head', members: ['producer', 'consumer'], collapsed: true },
    });
    expect(wf.groups[0]).toEqual({ id: 'head', name: 'Head', members: ['producer', 'consumer'], collapsed: true });
    expect(wf.layout['head']).toEqual({ x: 5, y: 5 });
    expect(ok(wf, { type: 'nodes.move', positions: { head: { x: 9, y: 9 } } }).layout['head']).toEqual({ x: 9, y: 9 });
    const loose = ok(wf, { type: 'group.dissolve', id: 'head' });
    expect(loose.groups).toEqual([]);
    expect(loose.layout['head']).toBeUndefined();
    expect(loose.processes).toHaveLength(3);
    expect(refused(wf, { type: 'group.dissolve', id: 'nope' })).toBe('no group "nope"');
  });

  it('members follow a renamed node or bus, and leave when deleted; an emptied group goes', () => {
    let wf = grouped();
    wf = ok(wf, { type: 'node.update', id: 'producer', node: { ...wf.processes[0]!, id: 'source' } });
    expect(wf.groups[0]!.members).toEqual(['source', 'consumer']);
    wf = ok(wf, { type: 'elements.remove', nodes: ['source'], edges: [] });
    expect(wf.groups[0]!.members).toEqual(['consumer']);
    wf = ok(wf, { type: 'elements.remove', nodes: ['consumer'], edges: [] });
    expect(wf.groups).toEqual([]);
    expect(wf.layout['front']).toBeUndefined();
    let bus = ok(withBus(), {
      type: 'group.add',
      group: { id: 'g', name: 'G', members: ['clock', 'a'] },
      position: { x: 0, y: 0 },
    });
    bus = ok(bus, { type: 'bus.update', id: 'clock', bus: { ...bus.buses[0]!, id: 'tick' } });
    expect(bus.groups[0]!.members).toEqual(['tick', 'a']);
  });

  it('deleting a group deletes its members and their edges', () => {
    const wf = ok(grouped(), { type: 'elements.remove', nodes: ['front'], edges: [] });
    expect(wf.processes.map((p) => p.id)).toEqual(['logger']);
    expect(wf.edges).toEqual([]);
    expect(wf.groups).toEqual([]);
  });
});
