import { describe, expect, it } from 'vitest';
import { load } from './test-helpers';

/** Evaluates `name` and returns its single diagnostic as `CODE line:col message`. */
function errorOf(src: string, name: string): string {
  const s = load(src);
  const r = s.evaluate(name);
  if (r.ok) {
    // Processes fail lazily: explore until the error surfaces.
    const v = r.value;
    if (typeof v === 'object' && v.t === 'proc') {
      const a = s.assertions[0];
      return a && !a.ok ? `${a.error.code} ${a.error.span.line}:${a.error.span.column} ${a.error.message}` : 'no error';
    }
    return 'no error';
  }
  const d = r.diagnostics[0];
  return d ? `${d.code} ${d.span.line}:${d.span.column} ${d.message}` : 'no diagnostic';
}

describe('evaluation errors are diagnostics with spans', () => {
  it('division by zero and modulo by zero', () => {
    expect(errorOf('x = 1 + 4 / (2 - 2)', 'x')).toBe('CSP3001 1:9 division by zero in 4 / 0');
    expect(errorOf('x = 4 % 0', 'x')).toBe('CSP3001 1:5 division by zero in 4 % 0');
  });

  it('integer overflow (32-bit, as FDR)', () => {
    expect(errorOf('x = 2147483647 + 1', 'x')).toBe(
      'CSP3002 1:5 integer overflow: 2147483647 + 1 = 2147483648 is outside the 32-bit range',
    );
  });

  it('head and tail of the empty sequence', () => {
    expect(errorOf('x = head(<>)', 'x')).toMatch(/^CSP3003 1:5 head of an empty sequence$/);
    expect(errorOf('x = tail(<>)', 'x')).toMatch(/^CSP3003 1:5 tail of an empty sequence$/);
  });

  it('a value outside a channel type', () => {
    const src = 'channel c : {0..3}\nP = c!7 -> STOP\nassert P :[deadlock free]';
    expect(errorOf(src, 'P')).toBe("CSP3004 2:7 7 is outside the type of channel 'c'");
  });

  it('an input restricted to values outside the channel type', () => {
    const src = 'channel c : {0..3}\nP = c?x:{1, 5} -> STOP\nassert P :[deadlock free]';
    expect(errorOf(src, 'P')).toBe("CSP3004 2:9 5 is outside the type of channel 'c'");
  });

  it('a channel of an infinite type is accepted, and refused where all its events are needed, naming the channel', () => {
    const s = load(
      'channel c : Int\nP = c?x -> STOP\nQ = c!1 -> STOP\nassert P :[deadlock free]\nassert Q :[deadlock free]',
    );
    expect(s.assertions.map((a) => a.ok)).toEqual([false, true]);
    const d = s.diagnostics[0];
    expect(d?.code).toBe('CSP3005');
    expect(d?.message).toContain("the type of channel 'c'");
    expect([d?.span.line, d?.span.column]).toEqual([2, 5]);
  });

  it('replicated internal choice over the empty set', () => {
    expect(errorOf('channel a\nP = |~| x : {} @ a -> STOP\nassert P :[deadlock free]', 'P')).toMatch(/^CSP3006 2:5 /);
  });

  it('unbounded recursion in functions and in values', () => {
    expect(errorOf('f(n) = f(n + 1)\nx = f(0)', 'x')).toMatch(
      /^CSP3007 1:1 unbounded recursion evaluating 'f' \((more than \d+ nested calls|the recursion is too deep for the evaluation stack)\)$/,
    );
    expect(errorOf('x = x + 1', 'x')).toMatch(
      /^CSP3007 1:1 unbounded recursion evaluating 'x' \(its value depends on itself\)$/,
    );
  });

  it('no matching clause, type errors', () => {
    expect(errorOf('f(0) = 1\nx = f(2)', 'x')).toBe("CSP3009 1:1 no clause of 'f' matches the arguments (2)");
    expect(errorOf('x = 1 + true', 'x')).toBe('CSP3008 1:9 expected an integer, found the boolean true');
  });

  it('unguarded recursion found while evaluating an assertion', () => {
    expect(errorOf('channel a\nP = P [] a -> STOP\nassert P :[deadlock free]', 'P')).toMatch(
      /^CSP3010 3:1 unguarded recursion/,
    );
  });

  it('unguarded recursion through ever new parameters is reported, not a crash', () => {
    for (const body of ['P(n + 1)', 'a -> STOP [] P(n + 1)', 'P(n + 1) ||| a -> STOP']) {
      const s = load(`channel a\nP(n) = ${body}\nassert P(0) :[deadlock free]`);
      const a = s.assertions[0];
      expect(a?.ok === false && a.error.code).toBe('CSP3007');
      expect(a?.ok === false && a.error.span.line).toBe(2);
    }
  });

  it('errors in one assertion do not stop the others', () => {
    const s = load('channel a\nP = a -> P\nQ = head(<>)\nassert Q :[deadlock free]\nassert P :[deadlock free]');
    expect(s.assertions.map((a) => a.ok)).toEqual([false, true]);
    expect(s.diagnostics.map((d) => d.code)).toEqual(['CSP3003']);
  });
});
