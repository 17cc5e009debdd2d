import { describe, expect, it } from 'vitest';
import { checkScript } from '../check/script';
import { load } from '../cspm';
import { compileWorkflow } from './compile';
import { bufferStates } from './compile-buffers';
import { WorkflowSchema } from './model';
import { cspIdentifier, NameAllocator } from './names';
import { lookupName, rangeAt } from './source-map';

function wf(doc: Record<string, unknown>) {
  return WorkflowSchema.parse({ version: 1, name: 'T', ...doc });
}

function verdicts(cspm: string): string[] {
  const r = checkScript(cspm, { file: 't.csp' });
  expect(r.errors).toEqual([]);
  return r.assertions.map((a) => a.result);
}

const writer = (id: string, port = 'out') => ({
  id,
  name: id.toUpperCase(),
  kind: 'csp',
  ports: [{ name: port, dir: 'out' }],
  behaviour: `${port} -> ${id.toUpperCase()}`,
});
const reader = (id: string, port = 'in') => ({
  id,
  name: id.toUpperCase(),
  kind: 'csp',
  ports: [{ name: port, dir: 'in' }],
  behaviour: `${port} -> ${id.toUpperCase()}`,
});

describe('naming rule', () => {
  it('sanitises, prefixes, suffixes and numbers collisions', () => {
    expect(cspIdentifier('Emergency room!')).toBe('Emergency_room_');
    expect(cspIdentifier('2nd stage')).toBe('n_2nd_stage');
    expect(cspIdentifier('STOP')).toBe('STOP_');
    const a = new NameAllocator();
    a.reserve('out');
    expect([a.allocate('out'), a.allocate('out'), a.allocate('a b')]).toEqual(['out_2', 'out_3', 'a_b']);
  });
});

describe('compileWorkflow', () => {
  it('makes fan-in a choice of writers, not a synchronisation of them', () => {
    const c = compileWorkflow(
      wf({
        processes: [writer('a'), writer('b'), reader('r')],
        edges: [
          { id: 'e1', from: 'a.out', to: 'r.in' },
          { id: 'e2', from: 'b.out', to: 'r.in' },
        ],
        assertions: [
          { id: 'x', text: 'SYSTEM :[has trace]: <e1, e1>' },
          { id: 'y', text: 'SYSTEM :[deadlock free]' },
        ],
      }),
    );
    expect(c.cspm).toContain('R [[ in <- e1, in <- e2 ]]');
    expect(verdicts(c.cspm)).toEqual(['passed', 'passed']);
  });

  it('makes a bus a multiway synchronisation', () => {
    const c = compileWorkflow(
      wf({
        processes: [
          writer('a', 'p'),
          { ...reader('b', 'p'), ports: [{ name: 'p', dir: 'in' }] },
          { ...reader('c', 'p'), behaviour: 'p -> STOP' },
        ],
        buses: [{ id: 'bus', name: 'sync', members: ['a.p', 'b.p', 'c.p'] }],
        assertions: [
          { id: 'x', text: 'SYSTEM :[has trace]: <sync>' },
          { id: 'y', text: 'not SYSTEM :[has trace]: <sync, sync>' },
        ],
      }),
    );
    expect(c.cspm).toContain('channel sync  -- bus bus: a.p, b.p, c.p');
    expect(verdicts(c.cspm)).toEqual(['passed', 'passed']);
  });

  it('gives unconnected ports that several nodes share their own channels', () => {
    const c = compileWorkflow(wf({ processes: [writer('a', 'log'), writer('b', 'log')] }));
    expect(c.cspm).toContain('channel A_log  -- unconnected port a.log');
    expect(c.cspm).toContain('A [[ log <- A_log ]]');
    expect(c.sourceMap.names['B_log']).toEqual({ kind: 'external', node: 'b', port: 'log' });
  });

  it('uses "may do, refuse or end anything" for a code node without a contract and says so', () => {
    const c = compileWorkflow(
      wf({
        processes: [
          { id: 's', name: 'Scripted', kind: 'script', ports: [{ name: 'out', dir: 'out' }], script: 'send("out")' },
        ],
      }),
    );
    expect(c.cspm).toContain(
      'Scripted =\n  let\n    Scripted = SKIP |~| CHAOS({| out |}) |~| ([] x__ : {| out |} @ x__ -> Scripted)\n  within Scripted',
    );
    expect(c.assumptions).toEqual(['node s has no contract']);
  });

  it('buffer variables never clash with port channels named k, s, x or open (a pattern naming a channel would match it)', () => {
    const doc = {
      channels: [
        { id: 'q', name: 'q', type: '{0..2}', capacity: 2, close: true },
        { id: 'r', name: 'r', capacity: 2 },
      ],
      processes: [
        {
          id: 'a',
          name: 'A',
          kind: 'csp',
          ports: [
            { name: 'x', dir: 'out', type: '{0..2}' },
            { name: 'k', dir: 'out' },
          ],
          behaviour: 'x!1 -> k -> x_close -> SKIP',
        },
        {
          id: 'b',
          name: 'B',
          kind: 'csp',
          ports: [
            { name: 's', dir: 'in', type: '{0..2}' },
            { name: 'open', dir: 'in' },
          ],
          behaviour: 's?v -> open -> s_closed -> SKIP',
        },
      ],
      edges: [
        { id: 'q', from: 'a.x', to: 'b.s', channel: 'q' },
        { id: 'r', from: 'a.k', to: 'b.open', channel: 'r' },
      ],
      assertions: [{ id: 't', text: 'SYSTEM :[has trace]: <q.1, r, q_out.1, r_out, q_close, q_closed>' }],
    };
    const c = compileWorkflow(wf(doc));
    expect(c.diagnostics).toEqual([]);
    expect(c.cspm).toContain("BUF_q(s', open') =");
    const report = checkScript(c.cspm, { file: 'clash.csp' });
    expect(report.errors).toEqual([]);
    expect(report.assertions.map((a) => a.result)).toEqual(['passed']);
  });

  it('refuses a buffer whose state estimate passes the limit, unless checkCapacity is set', () => {
    const doc = {
      channels: [{ id: 'q', name: 'q', type: '{0..9}', capacity: 8 }],
      processes: [
        { ...writer('a'), ports: [{ name: 'out', dir: 'out', type: '{0..9}' }], behaviour: 'out?x -> A' },
        { ...reader('b'), ports: [{ name: 'in', dir: 'in', type: '{0..9}' }], behaviour: 'in?x -> B' },
      ],
      edges: [{ id: 'q', from: 'a.out', to: 'b.in', channel: 'q' }],
    };
    const typeSize = (t: string) => (t === '{0..9}' ? 10 : undefined);
    const big = compileWorkflow(wf(doc), { typeSize });
    expect(big.cspm).toBe('');
    expect(big.diagnostics[0]?.code).toBe('WF3001');
    expect(big.diagnostics[0]?.message).toMatch(/edge q: a buffer of capacity 8 over \{0\.\.9\}/);
    const capped = compileWorkflow(wf({ ...doc, channels: [{ ...doc.channels[0], checkCapacity: 2 }] }), { typeSize });
    expect(capped.diagnostics).toEqual([]);
    expect(capped.assumptions[0]).toMatch(/checked with capacity 2 instead of 8.*unsound for deadlock and refinement/);
    expect(capped.cspm).toContain('#s < 2');
    // Without a hook the evaluator sizes the type from the declarations.
    const evaluated = compileWorkflow(wf(doc));
    expect(evaluated.diagnostics[0]?.code).toBe('WF3001');
    const small = compileWorkflow(wf({ ...doc, channels: [{ ...doc.channels[0], capacity: 2 }] }));
    expect(small.diagnostics).toEqual([]);
    expect(small.assumptions).toEqual([]);
  });

  it('estimates buffer states as the sum of |T|^k', () => {
    expect(bufferStates(2, 3, false)).toBe(1 + 3 + 9);
    expect(bufferStates(2, undefined, false)).toBe(3);
    expect(bufferStates(1, 2, true)).toBe(6);
  });

  it('refuses port names used with two types', () => {
    const c = compileWorkflow(
      wf({
        processes: [
          { ...writer('a'), ports: [{ name: 'out', dir: 'out', type: 'Bool' }], behaviour: 'out!true -> A' },
          { ...writer('b'), ports: [{ name: 'out', dir: 'out', type: '{0..1}' }], behaviour: 'out!0 -> B' },
        ],
      }),
    );
    expect(c.diagnostics.map((d) => d.code)).toEqual(['WF3002']);
  });

  it('maps events and lines back to the canvas', () => {
    const c = compileWorkflow(
      wf({ processes: [writer('a'), reader('b')], edges: [{ id: 'link', from: 'a.out', to: 'b.in' }] }),
    );
    expect(lookupName(c.sourceMap, 'link')).toEqual({ kind: 'edge', id: 'link', role: 'sync' });
    expect(lookupName(c.sourceMap, 'A')).toEqual({ kind: 'node', id: 'a' });
    const line = c.cspm.split('\n').findIndex((l) => l.startsWith('B = ')) + 1;
    expect(rangeAt(c.sourceMap, line)).toMatchObject({ kind: 'node', id: 'b' });
    expect(load(c.cspm).diagnostics).toEqual([]);
  });

  it('keeps line breaks in names out of the generated comments', () => {
    const c = compileWorkflow(
      wf({ name: 'Two\nlines', processes: [{ ...writer('a'), name: 'A\r\nB', behaviour: 'out -> STOP' }] }),
    );
    expect(c.cspm.startsWith('-- Two lines\n')).toBe(true);
    expect(c.cspm).toContain('-- Node a "A B" (csp)');
    expect(load(c.cspm).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('hides hidden channels in SYSTEM', () => {
    const c = compileWorkflow(
      wf({
        channels: [{ id: 'h', name: 'h', hidden: true }],
        processes: [writer('a'), reader('b')],
        edges: [{ id: 'h', from: 'a.out', to: 'b.in', channel: 'h' }],
        assertions: [{ id: 'd', text: 'SYSTEM :[divergence free]' }],
      }),
    );
    expect(c.cspm).toContain(') \\ {| h |}');
    expect(verdicts(c.cspm)).toEqual(['failed']);
  });
});
