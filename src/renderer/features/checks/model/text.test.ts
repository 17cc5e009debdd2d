import { describe, expect, it } from 'vitest';
import { DEADLOCK, PASSED, philosophers } from './fixtures.test-data';
import { exportBaseName, reportJson, reportText, verdictLine } from './text';

describe('verdicts as text and JSON', () => {
  it('writes a failed check with its events in node and edge names and each component', () => {
    const text = reportText(DEADLOCK, 'Dining philosophers', philosophers());
    expect(text).toBe(
      [
        'Dining philosophers: assertion 1: SYSTEM :[deadlock free [F]]',
        'failed: deadlock after 6 events (1,428 states, 5,079 transitions, 0.16 s)',
        '',
        'Trace:',
        '  1. thinks.0       Phil › thinks',
        '  2. thinks.1       Phil › thinks',
        '  3. thinks.2       Phil › thinks',
        '  4. lefthand.0.up  Phil.left → Fork.grip',
        '  5. lefthand.1.up  Phil.left → Fork.grip',
        '  6. lefthand.2.up  Phil.left → Fork.grip',
        '',
        'Components at the end:',
        '  Phil(0) (Phil): right.1.up -> eats.0 -> Phil(0)',
        '    its events: thinks.0, left.0.up',
        '  Fork(0) (Fork): grip.0.down -> Fork(0)',
        '    its events: grip.0.up',
        '  BUF_x: STOP',
        '    its events: none',
        '',
      ].join('\n'),
    );
  });

  it('writes a refusal-testing failure with what was refused before each event', () => {
    const ce = DEADLOCK.counterexample as NonNullable<typeof DEADLOCK.counterexample>;
    const refusing = {
      ...DEADLOCK,
      counterexample: {
        ...ce,
        trace: ce.trace.slice(0, 2),
        traceSources: ce.traceSources?.slice(0, 2),
        refusals: [['thinks.1'], null],
      },
    };
    const lines = reportText(refusing, 'Dining philosophers', philosophers()).split('\n');
    expect(lines).toContain('  1. thinks.0  Phil › thinks  (refused {thinks.1})');
    expect(lines).toContain('  2. thinks.1  Phil › thinks  (not stable: no refusal)');
  });

  it('writes a passed check with the assumptions it rests on', () => {
    expect(reportText(PASSED, 'Sensors', undefined)).toBe(
      [
        'Sensors: assertion 2: SYSTEM :[divergence free]',
        'passed (2,163 states, 7,000 transitions, 0.02 s)',
        '',
        'This verdict assumes:',
        '  - node sensor (map) is checked as "any output value after each input"',
        '',
      ].join('\n'),
    );
  });

  it('says what an error is', () => {
    expect(
      verdictLine({ ...PASSED, result: 'error', error: { code: 'CSP4003', message: 'cancelled', line: 3, column: 1 } }),
    ).toBe('error: CSP4003 cancelled');
  });

  it('exports the report as csp check --json gives it, with the events named', () => {
    const json = JSON.parse(reportJson(DEADLOCK, 'Dining philosophers', philosophers())) as {
      file: string;
      assertion: unknown;
      events: unknown[];
    };
    expect(json.file).toBe('Dining philosophers');
    expect(json.assertion).toEqual(DEADLOCK);
    expect(json.events[3]).toEqual({
      step: 4,
      event: 'lefthand.0.up',
      element: { kind: 'edge', id: 'lefthand' },
      where: 'Phil.left → Fork.grip',
    });
    expect(exportBaseName('Dining philosophers.yaml', 1)).toBe('dining-philosophers-assertion-1');
    expect(exportBaseName('***', 2)).toBe('check-assertion-2');
  });
});
