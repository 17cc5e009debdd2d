/**
 * Validation (on save, on open, `csp validate`) evaluates a workflow's CSPm on the host's thread:
 * a large parameter must validate in reasonable time, and a huge one must end in a located error
 * instead of freezing the host. Without the evaluation bound the huge table runs until the memory
 * is gone, and without the shared renamings a 1000-philosopher table took 44 s: both time out here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../workflows/examples';
import { validateSource } from './validate';

const philosophers = (n: number): string => {
  const text = readFileSync(join(EXAMPLES_DIR, 'dining-philosophers.yaml'), 'utf8');
  const sized = text.replace('parameters: { N: 5 }', `parameters: { N: ${n} }`);
  expect(sized).not.toBe(text);
  return sized;
};

const errors = (text: string) =>
  validateSource(text, 'workflow', 'philosophers.yaml').filter((d) => d.severity === 'error');

describe('validating a workflow with a large parameter', () => {
  it('accepts 1000 philosophers', { timeout: 30_000 }, () => {
    expect(errors(philosophers(1000))).toEqual([]);
  });

  it('stops on 99999999 philosophers with an error naming the parameter and its line', { timeout: 30_000 }, () => {
    const text = philosophers(99_999_999);
    const found = errors(text);
    expect(found).toHaveLength(1);
    const line = text.split('\n').findIndex((l) => l.startsWith('parameters:')) + 1;
    expect(found[0]?.message).toContain('too large to validate here');
    expect(found[0]?.message).toContain(`N = 99999999 at line ${line}`);
  });
});
