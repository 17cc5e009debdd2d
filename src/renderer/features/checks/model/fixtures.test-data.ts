/**
 * Test data: the dining philosophers example as a workflow, and the report
 * `csp check resources/examples/dining-philosophers.yaml --json` gives for its
 * deadlock assertion (trimmed to three philosophers' worth of components).
 */
import { WorkflowSchema } from '../../../../engine/workflow';
import type { Workflow } from '../../../../engine/workflow';
import type { AssertionReport } from './check-view';
import type { AssertionInfo } from './rows';

export function philosophers(): Workflow {
  return WorkflowSchema.parse({
    version: 1,
    name: 'Dining philosophers',
    parameters: { N: 5 },
    declarations: 'datatype Grip = up | down',
    processes: [
      {
        id: 'phil',
        name: 'Phil',
        kind: 'csp',
        ports: [
          { name: 'thinks', dir: 'out', index: 'i' },
          { name: 'eats', dir: 'out', index: 'i' },
          { name: 'left', dir: 'out', type: 'Grip', index: 'i' },
          { name: 'right', dir: 'out', type: 'Grip', index: '(i+1)%N' },
        ],
        replicate: 'i in {0..N-1}',
        behaviour:
          'thinks.i -> left.i.up -> right.((i+1)%N).up -> eats.i -> left.i.down -> right.((i+1)%N).down -> Phil(i)',
      },
      {
        id: 'fork',
        name: 'Fork',
        kind: 'csp',
        ports: [{ name: 'grip', dir: 'in', type: 'Grip', index: 'j' }],
        replicate: 'j in {0..N-1}',
        behaviour: 'grip.j.up -> grip.j.down -> Fork(j)',
      },
    ],
    edges: [
      { id: 'lefthand', from: 'phil.left', to: 'fork.grip' },
      { id: 'righthand', from: 'phil.right', to: 'fork.grip' },
    ],
    assertions: [
      {
        id: 'deadlock',
        text: 'SYSTEM :[deadlock free [F]]',
        expect: 'fail',
        description: 'All philosophers hold their left fork.',
      },
      { id: 'divergence', text: 'SYSTEM :[divergence free]', expect: 'pass' },
    ],
    layout: { phil: { x: 80, y: 120 }, fork: { x: 420, y: 120 } },
  });
}

/** What check.assertions lists for it: two own assertions, then the built-ins. */
export const LISTED: AssertionInfo[] = [
  { index: 1, text: 'SYSTEM :[deadlock free [F]]', file: 'dp.yaml', path: 'assertions[0].text', line: 38, column: 31 },
  { index: 2, text: 'SYSTEM :[divergence free]', file: 'dp.yaml', path: 'assertions[1].text', line: 39, column: 33 },
  { index: 3, text: 'SYSTEM :[deadlock free [F]]', builtin: { kind: 'deadlock' } },
  { index: 4, text: 'SYSTEM :[divergence free]', builtin: { kind: 'divergence' } },
];

const trace = ['thinks.0', 'thinks.1', 'thinks.2', 'lefthand.0.up', 'lefthand.1.up', 'lefthand.2.up'];

export const DEADLOCK: AssertionReport = {
  index: 1,
  text: 'SYSTEM :[deadlock free [F]]',
  result: 'failed',
  states: 1428,
  transitions: 5079,
  seconds: 0.163,
  assumptions: [],
  counterexample: {
    kind: 'deadlock',
    trace,
    steps: 6,
    components: [
      {
        name: 'Phil(0)',
        trace: ['thinks.0', 'left.0.up'],
        state: 'right.1.up -> eats.0 -> Phil(0)',
        source: 'node phil',
      },
      { name: 'Fork(0)', trace: ['grip.0.up'], state: 'grip.0.down -> Fork(0)', source: 'node fork' },
      { name: 'BUF_x', trace: [], state: 'STOP' },
    ],
    traceSources: ['node phil', 'node phil', 'node phil', 'edge lefthand', 'edge lefthand', 'edge lefthand'],
  },
};

export const PASSED: AssertionReport = {
  index: 2,
  text: 'SYSTEM :[divergence free]',
  result: 'passed',
  states: 2163,
  transitions: 7000,
  seconds: 0.02,
  assumptions: ['node sensor (map) is checked as "any output value after each input"'],
};
