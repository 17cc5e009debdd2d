import { beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_LIMIT } from './history';
import { useDocument } from './store';
import { cspNode, pipeline } from './test-workflows';

const ref = { workflowId: 1, path: 'pipeline.yaml', name: 'Pipeline' };
const doc = () => useDocument.getState();

beforeEach(() => {
  doc().close();
  doc().open(ref, pipeline());
});

describe('the document store', () => {
  it('opens clean: no history, not dirty, nothing selected', () => {
    doc().select({ nodes: ['producer'], edges: [] });
    doc().open(ref, pipeline());
    expect(doc().canUndo).toBe(false);
    expect(doc().canRedo).toBe(false);
    expect(doc().revision).toBe(doc().savedRevision);
    expect(doc().selection).toEqual({ nodes: [], edges: [] });
    expect(doc().ref).toEqual(ref);
  });

  it('counts a revision for every applied change, undo and redo, and none for a refused change', () => {
    const r0 = doc().revision;
    doc().apply({ type: 'node.add', node: cspNode('x'), position: { x: 0, y: 0 } });
    expect(doc().revision).toBe(r0 + 1);
    const refused = doc().apply({ type: 'node.add', node: cspNode('x'), position: { x: 0, y: 0 } });
    expect(refused).toEqual({ ok: false, reason: 'node id "x" is already used' });
    expect(doc().revision).toBe(r0 + 1);
    expect(doc().refusal).toMatchObject({ label: 'Add x', reason: 'node id "x" is already used' });
    doc().undo();
    expect(doc().revision).toBe(r0 + 2);
    doc().redo();
    expect(doc().revision).toBe(r0 + 3);
    // Nothing to redo: no revision.
    doc().redo();
    expect(doc().revision).toBe(r0 + 3);
  });

  it('undo and redo restore the exact workflows, with labels for the menus', () => {
    const start = doc().workflow;
    doc().apply({ type: 'node.add', node: cspNode('x'), position: { x: 0, y: 0 } });
    const added = doc().workflow;
    doc().apply({ type: 'nodes.move', positions: { x: { x: 50, y: 60 } } });
    expect(doc().undoLabel).toBe('Move 1 node');
    doc().undo();
    expect(doc().workflow).toBe(added);
    expect(doc().redoLabel).toBe('Move 1 node');
    doc().undo();
    expect(doc().workflow).toBe(start);
    expect(doc().canUndo).toBe(false);
    doc().redo();
    doc().redo();
    expect(doc().workflow!.layout['x']).toEqual({ x: 50, y: 60 });
    expect(doc().canRedo).toBe(false);
  });

  it('a new change after an undo drops the redo steps', () => {
    doc().apply({ type: 'node.add', node: cspNode('x'), position: { x: 0, y: 0 } });
    doc().undo();
    doc().apply({ type: 'node.add', node: cspNode('y'), position: { x: 0, y: 0 } });
    expect(doc().canRedo).toBe(false);
    expect(doc().workflow!.processes.map((p) => p.id)).toEqual(['producer', 'consumer', 'logger', 'y']);
  });

  it('typing in one field coalesces into one undo step, until an undo seals it', () => {
    const node = doc().workflow!.processes[0]!;
    for (const text of ['o', 'ou', 'out!1 -> SKIP']) {
      doc().apply({
        type: 'node.update',
        id: 'producer',
        node: { ...node, behaviour: text } as typeof node,
        coalesce: 'producer.behaviour#1',
      });
    }
    expect(doc().history.past).toHaveLength(1);
    doc().undo();
    expect(doc().workflow!.processes[0]).toBe(node);
    doc().redo();
    doc().apply({
      type: 'node.update',
      id: 'producer',
      node: { ...node, behaviour: 'STOP' } as typeof node,
      coalesce: 'producer.behaviour#1',
    });
    expect(doc().history.past).toHaveLength(2);
  });

  it('a change without undo is folded into the history, so undo keeps it', () => {
    doc().apply({ type: 'node.add', node: cspNode('x'), position: { x: 0, y: 0 } });
    doc().apply({ type: 'nodes.move', positions: { producer: { x: 99, y: 99 } }, undo: false });
    expect(doc().history.past).toHaveLength(1);
    doc().undo();
    expect(doc().workflow!.processes.some((p) => p.id === 'x')).toBe(false);
    expect(doc().workflow!.layout['producer']).toEqual({ x: 99, y: 99 });
    doc().redo();
    expect(doc().workflow!.layout['producer']).toEqual({ x: 99, y: 99 });
  });

  it('a folded change that an older workflow cannot take forgets the steps before it', () => {
    doc().apply({ type: 'node.add', node: cspNode('x'), position: { x: 0, y: 0 } });
    doc().apply({ type: 'nodes.move', positions: { producer: { x: 1, y: 1 } } });
    // Moving x is impossible in the workflow before x was added: that step is forgotten.
    doc().apply({ type: 'nodes.move', positions: { x: { x: 7, y: 7 } }, undo: false });
    expect(doc().history.past.map((s) => s.label)).toEqual(['Move 1 node']);
    doc().undo();
    expect(doc().workflow!.layout['x']).toEqual({ x: 7, y: 7 });
    expect(doc().canUndo).toBe(false);
  });

  it('marks saved and dirty by revision', () => {
    doc().apply({ type: 'description.set', text: 'd' });
    const { revision, savedRevision } = doc();
    expect(revision).not.toBe(savedRevision);
    doc().markSaved(revision);
    expect(doc().savedRevision).toBe(doc().revision);
  });

  it('rename changes the ref and every recorded workflow, without an undo step or a revision', () => {
    doc().apply({ type: 'description.set', text: 'd' });
    const r = doc().revision;
    doc().rename('Renamed');
    expect(doc().ref!.name).toBe('Renamed');
    expect(doc().workflow!.name).toBe('Renamed');
    expect(doc().revision).toBe(r);
    doc().undo();
    expect(doc().workflow!.name).toBe('Renamed');
    expect(doc().workflow!.description).toBeUndefined();
  });

  it('keeps the selection on what still exists and follows a renamed node', () => {
    doc().select({ nodes: ['producer', 'consumer'], edges: ['e1'] });
    const node = doc().workflow!.processes[0]!;
    doc().apply({ type: 'node.update', id: 'producer', node: { ...node, id: 'source' } });
    expect(doc().selection).toEqual({ nodes: ['source', 'consumer'], edges: ['e1'] });
    doc().apply({ type: 'elements.remove', nodes: ['consumer'], edges: [] });
    expect(doc().selection).toEqual({ nodes: ['source'], edges: [] });
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    for (let i = 0; i < HISTORY_LIMIT + 5; i++)
      doc().apply({ type: 'nodes.move', positions: { producer: { x: i, y: 0 } } });
    expect(doc().history.past).toHaveLength(HISTORY_LIMIT);
  });

  it('refuses changes while nothing is open; close empties everything', () => {
    doc().close();
    expect(doc().apply({ type: 'description.set', text: 'x' })).toEqual({ ok: false, reason: 'no workflow is open' });
    expect(doc().workflow).toBeUndefined();
    expect(doc().ref).toBeUndefined();
  });
});
