import { describe, expect, it } from 'vitest';
import { recapLines } from './test-recap.mjs';

describe('the failure recap after npm test’s summary', () => {
  it('repeats a vitest failure’s file, test and expectation, without colour codes, then the report’s end', () => {
    const out = [
      ' \u001b[32m✓\u001b[39m src/a.test.ts (3 tests) 20ms\n',
      ' \u001b[31m×\u001b[39m src/b.test.ts > b > counts (12ms)\n',
      ...Array.from({ length: 40 }, (_, i) => `   ok line ${i}\n`),
      ' FAIL  src/b.test.ts > b > counts\n',
      'AssertionError: expected 2 to be 3\n',
      '- Expected\n',
      '+ Received\n',
      ...Array.from({ length: 20 }, (_, i) => `   context ${i}\n`),
      ' Test Files  1 failed | 1 passed (2)\n',
    ];
    const lines = recapLines(out.map((s) => Buffer.from(s)));
    expect(lines).toContain(' × src/b.test.ts > b > counts (12ms)');
    expect(lines).toContain(' FAIL  src/b.test.ts > b > counts');
    expect(lines).toContain('AssertionError: expected 2 to be 3');
    expect(lines.some((l) => l.includes('ok line'))).toBe(false);
    expect(lines.at(-1)).toBe(' Test Files  1 failed | 1 passed (2)');
    expect(lines.some((l) => l.includes('\u001b'))).toBe(false);
  });

  it('keeps at most 60 telling lines, so a run with many failures still ends readably', () => {
    const out = Array.from({ length: 500 }, (_, i) => ` FAIL  src/f${i}.test.ts\n`);
    const lines = recapLines(out);
    expect(lines.filter((l) => l.includes('FAIL')).length).toBeLessThanOrEqual(60 + 12);
    expect(lines).toContain('  …');
  });
});
