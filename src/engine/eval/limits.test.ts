/**
 * A time limit or a cancellation holds while a script is evaluated and its
 * processes compiled, before any state is counted: a huge channel type or a
 * deep recursion stops with CSP4002 / CSP4003 instead of running on. The
 * clock is simulated: it advances by one millisecond each time it is read.
 */
import { describe, expect, it } from 'vitest';
import { checkScript } from '../check/script';

function ticking(): () => number {
  let now = 0;
  return () => now++;
}

const SLOW_VALUE = `
fib(0) = 0
fib(1) = 1
fib(n) = fib(n - 1) + fib(n - 2)
channel out : {0..9}
P = out!(fib(60) % 10) -> STOP
assert P :[deadlock free]
`;

const HUGE_TYPE = `
channel c : {0..999}.{0..999}.{0..999}
P = c?x -> P
assert P :[deadlock free]
`;

describe('limits during evaluation', () => {
  it('stops an evaluation that outlives the deadline (CSP4002), for that assertion', () => {
    const r = checkScript(SLOW_VALUE, { file: 'slow.csp', budget: { clock: ticking(), deadline: 200 } });
    expect(r.errors).toEqual([]);
    expect(r.assertions.map((a) => [a.result, a.error?.code])).toEqual([['error', 'CSP4002']]);
  });

  it('stops enumerating a huge channel type, as a script error', () => {
    const r = checkScript(HUGE_TYPE, { file: 'huge.csp', budget: { clock: ticking(), deadline: 200 } });
    expect(r.errors.map((d) => [d.code, d.span.line])).toEqual([['CSP4002', 2]]);
  });

  it('stops while the inputs of a large channel are matched, successor after successor', () => {
    // Every one of the 2,500 events leads to its own `c?y` prefix, each matched against 2,500 events.
    const nested = 'channel c : {0..49}.{0..49}\nP = c?x -> c?y -> STOP\nassert P :[deadlock free]';
    const r = checkScript(nested, { file: 'nested.csp', budget: { clock: ticking(), deadline: 200 } });
    expect(r.assertions.map((a) => a.error?.code)).toEqual(['CSP4002']);
  });

  it('stops on cancellation (CSP4003)', () => {
    const r = checkScript(SLOW_VALUE, { file: 'slow.csp', budget: { signal: { aborted: true } } });
    expect(r.assertions.map((a) => a.error?.code)).toEqual(['CSP4003']);
  });

  it('leaves a script alone when it has no limit', () => {
    const r = checkScript('channel a\nP = a -> P\nassert P :[deadlock free]', {
      file: 'ok.csp',
      budget: { clock: ticking(), deadline: 1e9 },
    });
    expect(r.assertions.map((a) => a.result)).toEqual(['passed']);
  });
});
