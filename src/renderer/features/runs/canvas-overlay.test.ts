import { describe, expect, it } from 'vitest';
import { compileWorkflow, loadWorkflowYaml } from '../../../engine/workflow';
import type { SourceMap } from '../../../engine/workflow/source-map';
import { projectRun, waitCycle } from './canvas-overlay';
import type { OverlayInput } from './canvas-overlay';

const YAML = `version: 1
name: Philosophers
parameters: { N: 2 }
declarations: |
  datatype Grip = up | down
processes:
  - id: phil
    name: Phil
    kind: csp
    ports:
      - { name: thinks, dir: out, index: i }
      - { name: left, dir: out, type: Grip, index: i }
      - { name: right, dir: out, type: Grip, index: (i+1)%N }
    replicate: i in {0..N-1}
    behaviour: thinks.i -> left.i.up -> right.((i+1)%N).up -> left.i.down -> right.((i+1)%N).down -> Phil(i)
  - id: fork
    name: Fork
    kind: csp
    ports:
      - { name: grip, dir: in, type: Grip, index: j }
    replicate: j in {0..N-1}
    behaviour: grip.j.up -> grip.j.down -> Fork(j)
edges:
  - { id: lefthand, from: phil.left, to: fork.grip }
  - { id: righthand, from: phil.right, to: fork.grip }
`;

function sourceMap(): SourceMap {
  const loaded = loadWorkflowYaml(YAML);
  if (!loaded.workflow) throw new Error(JSON.stringify(loaded.diagnostics));
  return compileWorkflow(loaded.workflow).sourceMap;
}

const proc = (name: string, terminated = false) => ({ name, state: name, terminated });
const item = (text: string, processes: string[]) => ({
  kind: 'event' as const,
  event: 0,
  text,
  hidden: false,
  actor: 0,
  processes,
  branches: 1,
});

function input(over: Partial<OverlayInput>): OverlayInput {
  return {
    sourceMap: sourceMap(),
    processes: [proc('Phil(0)'), proc('Phil(1)'), proc('Fork(0)'), proc('Fork(1)')],
    enabled: [],
    queues: [],
    current: undefined,
    stop: undefined,
    ...over,
  };
}

describe('projectRun', () => {
  it('gathers a replicated node: running instances take part in an enabled event, the others wait', () => {
    const out = projectRun(input({ enabled: [item('lefthand.0.up', ['Phil(0)', 'Fork(0)'])] }));
    expect(out.nodes.get('phil')).toEqual({ status: 'running', detail: '1 running · 1 waiting', cycle: false });
    expect(out.nodes.get('fork')).toEqual({ status: 'running', detail: '1 running · 1 waiting', cycle: false });
  });

  it('flashes the edge of the newest step, or the node when it fired on its own port', () => {
    const step = {
      seq: 4,
      kind: 'event' as const,
      event: 'righthand.1.up',
      hidden: false,
      processes: ['Phil(0)', 'Fork(1)'],
      branch: 0,
    };
    const onEdge = projectRun(input({ current: step }));
    expect(onEdge.edges.get('righthand')).toEqual({ cycle: false, firedSeq: 4, fired: 'righthand.1.up' });
    expect(onEdge.nodes.get('phil')?.fired).toBeUndefined();
    const onPort = projectRun(input({ current: { ...step, event: 'thinks.1', processes: ['Phil(1)'] } }));
    expect(onPort.nodes.get('phil')?.fired).toBe('thinks.1');
    // The step number goes with it, so the canvas can be matched with the trace.
    expect(onPort.nodes.get('phil')?.firedSeq).toBe(4);
    expect(onPort.edges.size).toBe(0);
  });

  it('draws the wait-for cycle of a deadlock on the nodes and the edges it runs through', () => {
    const waiting = [
      { process: 'Phil(0)', state: '', offers: [], waitsOn: [{ on: 'Fork(1)', events: ['righthand.1.up'] }] },
      { process: 'Fork(1)', state: '', offers: [], waitsOn: [{ on: 'Phil(1)', events: ['lefthand.1.down'] }] },
      { process: 'Phil(1)', state: '', offers: [], waitsOn: [{ on: 'Fork(0)', events: ['righthand.0.up'] }] },
      { process: 'Fork(0)', state: '', offers: [], waitsOn: [{ on: 'Phil(0)', events: ['lefthand.0.down'] }] },
    ];
    const out = projectRun(input({ stop: { reason: 'deadlock', seq: 4, waiting } }));
    expect(out.nodes.get('phil')).toEqual({ status: 'waiting', detail: '2 waiting', cycle: true });
    expect(out.edges.get('lefthand')?.cycle).toBe(true);
    expect(out.edges.get('righthand')?.cycle).toBe(true);
  });

  it('names the channel a single waiting process waits on, and a failed or finished one', () => {
    const map = sourceMap();
    const one = { sourceMap: map, enabled: [], queues: [], current: undefined };
    const waiting = projectRun({
      ...one,
      processes: [proc('Phil(0)')],
      stop: {
        reason: 'deadlock',
        seq: 1,
        waiting: [
          { process: 'Phil(0)', state: '', offers: [], waitsOn: [{ on: 'Fork(1)', events: ['righthand.1.up'] }] },
        ],
      },
    });
    expect(waiting.nodes.get('phil')?.detail).toBe('waiting on righthand.1.up (Fork(1))');
    const failed = projectRun({
      ...one,
      processes: [proc('Fork(0)')],
      stop: { reason: 'error', seq: 3, process: 'Fork(0)', error: 'boom' },
    });
    expect(failed.nodes.get('fork')).toEqual({ status: 'failed', detail: 'failed: boom', cycle: false });
    const done = projectRun({ ...one, processes: [proc('Fork(0)', true)], stop: undefined });
    expect(done.nodes.get('fork')?.status).toBe('done');
  });

  it('keeps the objects of unchanged nodes and edges, so only changed views re-render', () => {
    const first = projectRun(input({ enabled: [item('lefthand.0.up', ['Phil(0)', 'Fork(0)'])] }));
    const second = projectRun(
      input({ enabled: [item('lefthand.0.up', ['Phil(0)', 'Fork(0)']), item('thinks.1', ['Phil(1)'])] }),
      first,
    );
    expect(second.nodes.get('fork')).toBe(first.nodes.get('fork'));
    expect(second.nodes.get('phil')).not.toBe(first.nodes.get('phil'));
    expect(second.nodes.get('phil')?.detail).toBe('2 running');
  });

  it('shows the queue depth of a buffered edge by its id', () => {
    const out = projectRun(input({ queues: [{ id: 'lefthand', depth: 3, capacity: 8 }] }));
    expect(out.edges.get('lefthand')?.queue).toEqual({ depth: 3, capacity: 8 });
  });
});

describe('waitCycle', () => {
  it('finds the processes on a cycle, not those waiting on it from outside or on ended processes', () => {
    const w = (process: string, on: string[], ended = false) => ({
      process,
      state: '',
      offers: [],
      waitsOn: on.map((o) => ({ on: o, events: [], ...(ended ? { ended } : {}) })),
    });
    expect([...waitCycle([w('A', ['B']), w('B', ['A']), w('C', ['A'])])].sort()).toEqual(['A', 'B']);
    expect(waitCycle([w('A', ['B'], true), w('B', ['A'], true)]).size).toBe(0);
    expect([...waitCycle([w('S', ['S'])])]).toEqual(['S']);
  });
});
