/** runChecks with a chosen few assertions, in this thread (the CLI's way) and in a worker (the host's). */
import { describe, expect, it } from 'vitest';
import { defaultMaxBytes, runChecks } from './runner';

const SCRIPT = `channel a, b
P = a -> b -> P
Q = a -> STOP
assert P :[deadlock free [F]]
assert Q :[deadlock free [F]]
assert P :[divergence free]
`;

describe('runChecks only', () => {
  it('checks just the listed assertions, in file order, in this thread', async () => {
    const seen: number[] = [];
    const report = await runChecks(
      { file: 'few.csp', text: SCRIPT },
      { workers: 0, only: [3, 2], onAssertion: (r) => seen.push(r.index) },
    );
    expect(report.assertions.map((a) => [a.index, a.result])).toEqual([
      [2, 'failed'],
      [3, 'passed'],
    ]);
    expect(seen).toEqual([2, 3]);
  });

  it('checks just the listed assertions in a worker thread', async () => {
    const report = await runChecks({ file: 'few.csp', text: SCRIPT }, { workers: 1, only: [1, 3] });
    expect(report.assertions.map((a) => [a.index, a.result])).toEqual([
      [1, 'passed'],
      [3, 'passed'],
    ]);
  }, 60_000);
});

describe('the default memory budget', () => {
  it('is 60% of the memory, and no more than 80% of what is free when the run starts', () => {
    const GiB = 2 ** 30;
    expect(defaultMaxBytes(24 * GiB, 20 * GiB)).toBe(Math.floor(24 * GiB * 0.6));
    expect(defaultMaxBytes(24 * GiB, 10 * GiB)).toBe(8 * GiB);
    expect(defaultMaxBytes()).toBeGreaterThan(0);
  });
});
