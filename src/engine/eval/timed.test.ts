/**
 * Timed sections (FDR's tock-CSP translation): traces of small processes
 * written inside `Timed(f) { ... }`, and the checker's rules for them.
 */
import { describe, expect, it } from 'vitest';
import { load as loadText } from '../cspm';
import { traces } from '../csp/test-helpers';
import { load, term } from './test-helpers';

function tracesOf(src: string, name: string, n: number): Set<string> {
  const s = load(src);
  return traces(s.factory, s.events, term(s, name), n);
}

const HEAD = `channel a, b, tock
OneStep(_) = 1
Twice(a) = 2
Twice(b) = 0
`;

describe('timed sections', () => {
  it('an event may wait for tocks and is followed by f(e) tocks', () => {
    const t = tracesOf(HEAD + 'Timed(OneStep) {\n  P = a -> P\n}', 'P', 3);
    expect(t).toEqual(
      new Set([
        '',
        'tock',
        'a',
        'tock,tock',
        'tock,a',
        'a,tock',
        'tock,tock,tock',
        'tock,tock,a',
        'tock,a,tock',
        'a,tock,tock',
        'a,tock,a',
      ]),
    );
  });

  it('uses the section function per event, and 1 without one', () => {
    expect(tracesOf(HEAD + 'Timed(Twice) {\n  P = a -> b -> STOP\n}', 'P', 4)).toContain('a,tock,tock,b');
    expect(tracesOf(HEAD + 'Timed(Twice) {\n  P = a -> b -> STOP\n}', 'P', 4)).not.toContain('a,tock,b');
    expect(tracesOf(HEAD + 'Timed {\n  P = a -> STOP\n}', 'P', 2)).toEqual(
      new Set(['', 'tock', 'a', 'tock,tock', 'tock,a', 'a,tock']),
    );
  });

  it('STOP lets time pass, SKIP may also terminate, WAIT(n) waits n tocks', () => {
    expect(tracesOf(HEAD + 'Timed {\n  S = STOP\n}', 'S', 2)).toEqual(new Set(['', 'tock', 'tock,tock']));
    expect(tracesOf(HEAD + 'Timed {\n  K = SKIP\n}', 'K', 2)).toEqual(
      new Set(['', 'tock', '✓', 'tock,tock', 'tock,✓']),
    );
    expect(tracesOf(HEAD + 'Timed {\n  W = WAIT(2) ; a -> STOP\n}', 'W', 3)).toContain('tock,tock,a');
    expect(tracesOf(HEAD + 'Timed {\n  W = WAIT(2) ; a -> STOP\n}', 'W', 3)).not.toContain('tock,a');
  });

  it('choices and interleavings share tock; outside the section they do not', () => {
    const src =
      HEAD + 'Timed {\n  C = a -> STOP [] b -> STOP\n  I = a -> STOP ||| b -> STOP\n}\nU = a -> STOP ||| b -> STOP';
    expect(tracesOf(src, 'C', 2)).toContain('tock,a');
    expect(tracesOf(src, 'C', 2)).not.toContain('a,b');
    // one tock for both sides of the interleaving, not one each
    expect(tracesOf(src, 'I', 3)).toContain('a,tock,b');
    expect(tracesOf(src, 'U', 2)).not.toContain('tock');
  });

  it('timed_priority gives τ precedence over tock', () => {
    const s = load(HEAD + 'Timed {\n  P = timed_priority((a -> STOP) \\ {a})\n}');
    const t = term(s, 'P');
    // the hidden a (a τ) must happen before any tock
    expect(s.semantics.initials(t)).toEqual([0]);
  });

  it('needs a channel tock, and keeps WAIT and timed_priority inside', () => {
    const codes = (text: string): string[] => loadText(text).diagnostics.map((d) => d.code);
    expect(codes('channel a, tock\nTimed { P = a -> STOP }')).toEqual([]);
    expect(codes('channel a\nTimed {\n  P = a -> STOP\n}')).toEqual(['CSP2090']);
    expect(codes('channel tock\nP = WAIT(1)')).toEqual(['CSP2001']);
    expect(codes('channel tock\nTimed(\\ e @ true) {\n  P = STOP\n}')).toEqual(['CSP2004']);
  });
});
