import { describe, expect, it } from 'vitest';
import { checkScript } from '../../../../engine/check/script';
import { compileWorkflow } from '../../../../engine/workflow';
import { counterexampleScript, processOfAssertion } from './fdr-script';
import { philosophers } from './fixtures.test-data';

describe('a failed check as a standalone CSPm script', () => {
  it('finds the process whose trace a counterexample is', () => {
    expect(processOfAssertion('SYSTEM :[deadlock free [F]]')).toBe('SYSTEM');
    expect(processOfAssertion('Phil(0) :[divergence free]')).toBe('Phil(0)');
    expect(processOfAssertion('SPEC [T= SYSTEM \\ {| eats |}')).toBe('SYSTEM \\ {| eats |}');
    expect(processOfAssertion('SPEC [FD= IMPL :[partial order reduce]')).toBe('IMPL');
    expect(processOfAssertion('not SYSTEM :[deadlock free]')).toBeUndefined();
  });

  it('replays the deadlock of the philosophers in the engine: the has-trace assertion passes, the deadlock one fails', () => {
    const cspm = compileWorkflow(philosophers()).cspm;
    const found = checkScript(cspm, { file: 'philosophers.csp' }).assertions.find((a) => a.index === 1);
    expect(found?.result).toBe('failed');
    const script = counterexampleScript(cspm, 'Dining philosophers', found!);
    expect(script).toContain('-- Counterexample (deadlock), 10 events:');
    // The workflow's own assertion is in the script already (with its comment): not written twice.
    expect(script.match(/^assert SYSTEM :\[deadlock free \[F\]\]/gm)).toHaveLength(1);

    const again = checkScript(script, { file: 'exported.csp' });
    expect(again.errors).toEqual([]);
    const hasTrace = again.assertions.find((a) => a.text.includes(':[has trace]:'));
    expect(hasTrace?.text).toMatch(/^SYSTEM :\[has trace\]: <[\w.]+(, [\w.]+){9}>$/);
    expect(hasTrace?.result).toBe('passed');
    expect(again.assertions.find((a) => a.text === 'SYSTEM :[deadlock free [F]]')?.result).toBe('failed');
  });

  it('writes out a built-in assertion the script does not hold, and a wrong trace is refused by the checker', () => {
    const cspm = compileWorkflow(philosophers()).cspm;
    const script = counterexampleScript(cspm, 'Dining philosophers', {
      text: 'SYSTEM :[deadlock free]',
      result: 'failed',
      counterexample: { kind: 'deadlock', trace: ['lefthand.0.up', 'lefthand.0.up'] },
    });
    expect(script).toContain('\nassert SYSTEM :[deadlock free]\n');
    const checked = checkScript(script, { file: 'wrong.csp' });
    expect(checked.assertions.find((a) => a.text.includes(':[has trace]:'))?.result).toBe('failed');
  });
});
