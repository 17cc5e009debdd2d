/**
 * FDR's watchdog transformations agree with the refinement checks they stand
 * for: for every pair of small specifications and implementations, P [T= Q
 * exactly when `(Q [| A |] trace_watchdog(P, A, e)) \ A` never performs e, and
 * P [F= Q exactly when the same with failure_watchdog, τ given priority over
 * e, never performs e.
 */
import { describe, expect, it } from 'vitest';
import { checkScript } from '../check/script';
import { printTerm } from '../csp/print';
import { load, term } from './test-helpers';

const SPECS = {
  S1: 'a -> (b -> S1 |~| c -> S1)',
  S2: 'a -> S2 [] b -> STOP',
  S3: '(a -> STOP) |~| (b -> STOP)',
  S4: '(a -> S4) [> (b -> S4)',
  S5: 'STOP',
  S6: 'RUN(A)',
  S7: 'c -> S7 |~| (LOOP \\ {a})',
} as const;

const IMPLS = {
  I1: 'a -> b -> I1',
  I2: 'a -> STOP',
  I3: 'a -> a -> STOP',
  I4: 'b -> I4',
  I5: 'STOP',
  I6: 'a -> (b -> I6 [] c -> I6)',
  I7: '(a -> I7) |~| (b -> I7)',
  I8: 'c -> I8',
} as const;

function script(): string {
  const lines = [
    'channel a, b, c, bark',
    'external trace_watchdog, failure_watchdog',
    'A = {a, b, c}',
    'LOOP = a -> LOOP',
  ];
  for (const [n, body] of [...Object.entries(SPECS), ...Object.entries(IMPLS)]) lines.push(`${n} = ${body}`);
  for (const s of Object.keys(SPECS)) {
    for (const i of Object.keys(IMPLS)) {
      lines.push(`assert ${s} [T= ${i}`);
      lines.push(`assert STOP [T= (${i} [| A |] trace_watchdog(${s}, A, bark)) \\ A`);
      lines.push(`assert ${s} [F= ${i}`);
      lines.push(`assert STOP [T= (${i} [| A |] failure_watchdog(${s}, A, bark)) \\ A :[tau priority over]: {bark}`);
    }
  }
  return lines.join('\n');
}

describe('watchdog transformations', () => {
  it('decide trace and failures refinement as the direct checks do', () => {
    const r = checkScript(script(), { file: 'watchdogs.csp' });
    expect(r.errors).toEqual([]);
    const verdicts = r.assertions.map((a) => a.result);
    expect(verdicts.every((v) => v === 'passed' || v === 'failed')).toBe(true);
    const disagreements: string[] = [];
    const pairs = Object.keys(SPECS).flatMap((s) => Object.keys(IMPLS).map((i) => `${s}/${i}`));
    pairs.forEach((pair, k) => {
      const [t, tw, f, fw] = verdicts.slice(4 * k, 4 * k + 4);
      if (t !== tw) disagreements.push(`${pair} traces: ${t} vs watchdog ${tw}`);
      if (f !== fw) disagreements.push(`${pair} failures: ${f} vs watchdog ${fw}`);
    });
    expect(disagreements).toEqual([]);
    // the pairs are not all alike: both verdicts occur
    expect(new Set(verdicts)).toEqual(new Set(['passed', 'failed']));
  });

  it('print as the call that made them', () => {
    const s = load('channel a, x\nexternal trace_watchdog, failure_watchdog\nP = failure_watchdog(STOP, {a}, x)\n');
    expect(printTerm(term(s, 'P'), s.events)).toBe('failure_watchdog(STOP, {a}, x)');
  });

  it('refuse a signal event that is also watched, at the call', () => {
    const r = checkScript(
      'channel a\nexternal trace_watchdog\nP = trace_watchdog(STOP, {a}, a)\nassert P :[deadlock free]\n',
      { file: 'wd.csp' },
    );
    expect(r.assertions.map((a) => [a.error?.code, a.error?.line, a.error?.column])).toEqual([['CSP3014', 3, 5]]);
  });
});
