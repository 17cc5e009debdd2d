import { beforeEach, describe, expect, it } from 'vitest';
import { useDocument } from './store';
import { cspNode, pipeline } from './test-workflows';

const doc = () => useDocument.getState();

beforeEach(() => {
  doc().setReadOnly(undefined);
  doc().close();
  doc().open({ workflowId: 1, path: 'pipeline.yaml', name: 'Pipeline' }, pipeline());
});

describe('a read-only document (a run is open)', () => {
  it('refuses changes, undo and redo with the reason, and changes nothing', () => {
    doc().apply({ type: 'node.add', node: cspNode('x'), position: { x: 0, y: 0 } });
    doc().undo();
    const before = doc().workflow;
    const revision = doc().revision;
    doc().setReadOnly('a run is open');
    expect(doc().apply({ type: 'node.add', node: cspNode('y'), position: { x: 0, y: 0 } })).toEqual({
      ok: false,
      reason: 'a run is open',
    });
    expect(doc().refusal?.reason).toBe('a run is open');
    doc().redo();
    expect(doc().refusal?.label).toBe('Redo');
    expect(doc().workflow).toBe(before);
    expect(doc().revision).toBe(revision);
  });

  it('takes edits again once the run stops', () => {
    doc().setReadOnly('a run is open');
    doc().setReadOnly(undefined);
    expect(doc().apply({ type: 'node.add', node: cspNode('y'), position: { x: 0, y: 0 } }).ok).toBe(true);
  });
});
