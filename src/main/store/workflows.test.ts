import { describe, it, expect } from 'vitest';
import { tempStore } from './__fixtures__/temp';
import { contentHash } from './workflows';

const A = 'version: 1\nname: A\nprocesses: []\n';
const B = 'version: 1\nname: A\nprocesses: [ { id: p1 } ]\n';

describe('workflows', () => {
  it('keeps every save as a version keyed by path and content hash', () => {
    const { store, clock } = tempStore();
    const s1 = store.workflows.save({ path: '/w/a.yaml', name: 'A', content: A });
    expect(s1.created).toBe(true);
    expect(s1.version.number).toBe(1);
    clock.t += 1000;
    const same = store.workflows.save({ path: '/w/a.yaml', name: 'A', content: A });
    expect(same.created).toBe(false);
    expect(same.version.id).toBe(s1.version.id);
    const s2 = store.workflows.save({ path: '/w/a.yaml', name: 'A', content: B });
    expect(s2.version.number).toBe(2);
    expect(s2.version.contentHash).toBe(contentHash(B));
    expect(store.workflows.versions(s1.workflowId).map((v) => v.number)).toEqual([1, 2]);
    expect(store.workflows.get('/w/a.yaml').currentVersionId).toBe(s2.version.id);
    expect(store.workflows.findByHash(s1.workflowId, contentHash(A))?.number).toBe(1);
    expect(store.workflows.version(s1.version.id).content).toBe(A);
  });

  it('names versions uniquely and restores an old one as a new version', () => {
    const { store } = tempStore();
    const s1 = store.workflows.save({ path: 'a.yaml', name: 'A', content: A, label: 'first' });
    expect(s1.version.label).toBe('first');
    const s2 = store.workflows.save({ path: 'a.yaml', name: 'A', content: B });
    expect(() => store.workflows.nameVersion(s2.version.id, 'first')).toThrow(/already used by version 1/);
    store.workflows.nameVersion(s2.version.id, 'second');
    const restored = store.workflows.restore(s1.version.id);
    expect(restored.number).toBe(3);
    expect(restored.restoredFrom).toBe(s1.version.id);
    expect(store.workflows.version(restored.id).content).toBe(A);
    expect(store.workflows.get(s1.workflowId).currentVersionId).toBe(restored.id);
  });

  it('audits saves in the same transaction and reports bad input precisely', () => {
    const { store } = tempStore();
    store.workflows.save({ path: 'a.yaml', name: 'A', content: A });
    const entries = store.audit.list();
    expect(entries.map((e) => e.action)).toEqual(['workflow.saved']);
    expect(entries[0]?.actor).toBe('tester');
    expect(() => store.workflows.save({ path: ' ', name: 'x', content: A })).toThrow(/workflow path is empty/);
    expect(() => store.workflows.get(999)).toThrow(/workflow 999 not found/);
    expect(() => store.workflows.version(999)).toThrow(/workflow version 999 not found/);
  });
});

const PIPE = (layoutX: number, behaviour: string): string => `version: 1
name: Pipe
processes:
  - id: a
    name: A
    kind: csp
    ports: [ { name: out, dir: out } ]
    behaviour: "${behaviour}"
  - id: b
    name: B
    kind: csp
    ports: [ { name: in, dir: in } ]
    behaviour: "in -> B"
edges:
  - { id: e, from: a.out, to: b.in }
layout:
  a: { x: ${layoutX}, y: 0 }
  b: { x: 100, y: 0 }
`;

describe('workflow version diff', () => {
  it('diffs two stored versions structurally through the workflow model', () => {
    const { store } = tempStore();
    const v1 = store.workflows.save({ path: 'pipe.yaml', name: 'Pipe', content: PIPE(0, 'out -> A') }).version;
    const v2 = store.workflows.save({ path: 'pipe.yaml', name: 'Pipe', content: PIPE(50, 'out -> A') }).version;
    const v3 = store.workflows.save({ path: 'pipe.yaml', name: 'Pipe', content: PIPE(50, 'out -> out -> A') }).version;
    const moved = store.workflows.diff(v1.id, v2.id);
    expect(moved.nodes.movedOnly).toEqual(['a']);
    expect(moved.nodes.changed).toEqual([]);
    const changed = store.workflows.diff(v2.id, v3.id);
    expect(changed.behaviours.changed).toEqual([{ id: 'a', fields: ['behaviour'] }]);
    expect(store.workflows.diff(v3.id, v3.id).identical).toBe(true);
    const broken = store.workflows.save({ path: 'pipe.yaml', name: 'Pipe', content: 'version: 99\nname: x\n' }).version;
    expect(() => store.workflows.diff(v1.id, broken.id)).toThrow(/workflow version 4 \(id \d+\) does not load/);
  });
});
