/** runChecks with a chosen few assertions, in this thread (the CLI's way) and in a worker (the host's); a script with errors. */
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

  it('in a worker: the chosen numbers in file order, once each, one that does not exist checking nothing', async () => {
    const report = await runChecks({ file: 'few.csp', text: SCRIPT }, { workers: 2, only: [3, 9, 1, 3] });
    expect(report.errors).toEqual([]);
    expect(report.assertions.map((a) => [a.index, a.result])).toEqual([
      [1, 'passed'],
      [3, 'passed'],
    ]);
  }, 60_000);

  it('in a worker: a script with errors is reported, nothing checked', async () => {
    const report = await runChecks({ file: 'bad.csp', text: 'P = a ->\nassert P :[deadlock free]\n' }, { workers: 2 });
    expect(report.errors.length).toBeGreaterThan(0);
    expect(report.errors[0]?.span).toMatchObject({ file: 'bad.csp', line: 2 });
    expect(report.assertions).toEqual([]);
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
