import { describe, expect, it } from 'vitest';
import {
  componentStates,
  counterexampleSteps,
  describeFailure,
  parseSource,
  placeOf,
  refusalText,
} from './counterexample';
import type { Counterexample } from './counterexample';
import { DEADLOCK, philosophers } from './fixtures.test-data';

const ce = DEADLOCK.counterexample as Counterexample;

describe('counterexample in node and edge names', () => {
  it('names each event by the edge or node port it happened on, and lights the nodes at both ends of an edge', () => {
    const steps = counterexampleSteps(ce, philosophers());
    expect(steps[0]).toEqual({
      step: 1,
      event: 'thinks.0',
      element: { kind: 'node', id: 'phil' },
      where: 'Phil › thinks',
      nodes: ['phil'],
      edges: [],
    });
    expect(steps[3]).toEqual({
      step: 4,
      event: 'lefthand.0.up',
      element: { kind: 'edge', id: 'lefthand' },
      where: 'Phil.left → Fork.grip',
      nodes: ['phil', 'fork'],
      edges: ['lefthand'],
    });
  });

  it('refusal testing: each step carries what was refused before it (null: not stable); other models none', () => {
    const refusing: Counterexample = {
      ...ce,
      trace: ['thinks.0', 'sits.0', 'thinks.1'],
      traceSources: ['node phil', 'node phil', 'node phil'],
      refusals: [['sits.0', 'thinks.1'], null, []],
    };
    const steps = counterexampleSteps(refusing, philosophers());
    expect(steps.map((s) => s.refused)).toEqual([['sits.0', 'thinks.1'], null, []]);
    expect(steps.map((s) => refusalText(s.refused ?? null))).toEqual([
      'refused {sits.0, thinks.1}',
      'not stable: no refusal',
      'refused nothing',
    ]);
    expect(counterexampleSteps(ce, philosophers()).every((s) => !('refused' in s))).toBe(true);
  });

  it('follows renames: the names on screen, not the ones checked', () => {
    const wf = philosophers();
    const renamed = {
      ...wf,
      processes: wf.processes.map((p) => (p.id === 'phil' ? { ...p, name: 'Philosopher' } : p)),
    };
    expect(counterexampleSteps(ce, renamed)[3]?.where).toBe('Philosopher.left → Fork.grip');
  });

  it('keeps the raw event and lights only what it knows when the element is gone or unknown', () => {
    const wf = { ...philosophers(), edges: [] };
    expect(placeOf(wf, { kind: 'edge', id: 'lefthand' }, 'lefthand.0.up')).toEqual({
      where: 'edge lefthand',
      nodes: [],
      edges: ['lefthand'],
    });
    expect(placeOf(wf, undefined, 'x')).toEqual({ where: '', nodes: [], edges: [] });
    const plain = { ...ce, traceSources: undefined };
    expect(counterexampleSteps(plain, wf)[0]).toMatchObject({ event: 'thinks.0', where: '', nodes: [] });
  });

  it('names a channel that has its own name, and buses', () => {
    const wf = {
      ...philosophers(),
      channels: [{ id: 'grips', name: 'Grips' }],
      edges: [{ id: 'lefthand', from: 'phil.left', to: 'fork.grip', channel: 'grips' }],
      buses: [{ id: 'clock', name: 'Clock', members: [] }],
    };
    expect(placeOf(wf, { kind: 'edge', id: 'lefthand' }, 'lefthand.0.up').where).toBe('Phil.left → Fork.grip (Grips)');
    expect(placeOf(wf, { kind: 'bus', id: 'clock' }, 'clock')).toEqual({
      where: 'bus Clock',
      nodes: ['clock'],
      edges: [],
    });
  });

  it('gives each component the node it came from', () => {
    expect(componentStates(ce, philosophers()).map((c) => [c.name, c.where])).toEqual([
      ['Phil(0)', 'Phil'],
      ['Fork(0)', 'Fork'],
      ['BUF_x', ''],
    ]);
  });

  it('parses sources and says how each kind fails', () => {
    expect(parseSource('edge a-b')).toEqual({ kind: 'edge', id: 'a-b' });
    expect(parseSource(null)).toBeUndefined();
    expect(parseSource('port x')).toBeUndefined();
    expect(describeFailure(ce)).toBe('deadlock after 6 events');
    expect(describeFailure({ ...ce, kind: 'refusal', trace: [], refused: ['a', 'b'], terminates: true })).toBe(
      'refuses {a, b} at the start (it can terminate there, and a process that can terminate may refuse every other event)',
    );
    expect(describeFailure({ ...ce, kind: 'trace', trace: ['a'], event: 'b' })).toBe(
      'performs b after 1 event, which the specification does not allow',
    );
  });
});
