import { describe, expect, it } from 'vitest';
import { pipeline, withBus } from './document/test-workflows';
import { focusOf } from './reveal';

describe('focusOf', () => {
  it('maps document paths, node ids and edge ids to a field of an element', () => {
    const wf = pipeline();
    expect(focusOf(wf, { kind: 'node', id: 'consumer', path: 'processes[1].behaviour', line: 12, column: 3 })).toEqual({
      target: { kind: 'node', id: 'consumer' },
      field: 'behaviour',
    });
    expect(focusOf(wf, { kind: 'field', path: 'channels[0].capacity' })).toEqual({
      target: { kind: 'edge', id: 'e1' },
      field: 'channel.capacity',
    });
    expect(focusOf(wf, { kind: 'field', path: 'declarations' })).toEqual({
      target: { kind: 'workflow' },
      field: 'declarations',
    });
    expect(focusOf(wf, { kind: 'edge', id: 'e1' })).toEqual({ target: { kind: 'edge', id: 'e1' }, field: '' });
    expect(focusOf(withBus(), { kind: 'node', id: 'clock' })).toEqual({
      target: { kind: 'bus', id: 'clock' },
      field: '',
    });
  });

  it('leaves CSPm places and unknown ids to others', () => {
    expect(focusOf(pipeline(), { kind: 'cspm', line: 3 })).toBeUndefined();
    expect(focusOf(pipeline(), { kind: 'node', id: 'ghost' })).toBeUndefined();
  });
});
