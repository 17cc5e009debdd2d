import { describe, expect, it } from 'vitest';
import { compileWorkflow } from '../../../../engine/workflow';
import { errorPlace } from './error-place';
import { philosophers } from './fixtures.test-data';

/** The generated line and column of `needle` (1-based), as the checker reports a place. */
function generatedAt(cspm: string, needle: string): { line: number; column: number } {
  const lines = cspm.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`${needle} is not in the generated script`);
  return { line: line + 1, column: (lines[line] as string).indexOf(needle) + 1 };
}

describe('errorPlace', () => {
  it('puts an error in a behaviour back in that node field, at its line and column', () => {
    const wf = philosophers();
    const at = generatedAt(compileWorkflow(wf).cspm, 'grip.j.down -> Fork(j)');
    expect(errorPlace(wf, at)).toEqual({ path: 'processes[1].behaviour', line: 1, column: 14 });
  });

  it('puts an error in the declarations back there', () => {
    const wf = { ...philosophers(), declarations: 'datatype Grip = up | down\nHalf(n) = n / 0' };
    const at = generatedAt(compileWorkflow(wf).cspm, 'n / 0');
    expect(errorPlace(wf, at)).toEqual({ path: 'declarations', line: 2, column: 11 });
  });

  it('has no place for a line the person did not write, or without a workflow', () => {
    const wf = philosophers();
    const at = generatedAt(compileWorkflow(wf).cspm, 'SYSTEM =');
    expect(errorPlace(wf, at)).toBeUndefined();
    expect(errorPlace(undefined, { line: 1, column: 1 })).toBeUndefined();
  });
});
