import { describe, expect, it } from 'vitest';
import { Explorer } from './explore';
import { printTerm } from './print';
import { kit } from './test-helpers';
import type { Term } from './terms';

describe('printTerm', () => {
  it('prints prefixes, choices and calls as CSPm', () => {
    const { f, e, ev } = kit();
    const P: Term = f.call('P', [1, 2], () => P);
    const t = f.extChoice([f.prefix(e('a'), f.prefix(e('c', 1), P)), f.seq(f.skip, f.stop)]);
    expect(printTerm(t, ev)).toBe('(a -> c.1 -> P(1, 2)) [] (SKIP ; STOP)');
  });

  it('prints whole channels as {| c |} and Ω as SKIP inside a parallel, STOP on its own', () => {
    const { f, e, ev } = kit();
    const c0 = e('c', 0);
    const c1 = e('c', 1);
    const d = e('d');
    const par = f.genPar(f.eventSet([c0, c1, d]), [f.omega, f.prefix(d, f.stop)]);
    expect(printTerm(par, ev)).toBe('SKIP [| {| c, d |} |] (d -> STOP)');
    expect(printTerm(f.omega, ev)).toBe('STOP');
    expect(printTerm(f.hide(f.run(f.eventSet([c0])), f.eventSet([c0])), ev)).toBe('RUN({c.0}) \\ {c.0}');
  });

  it('prints alphabetised parallel in binary form and renaming with its pairs', () => {
    const { f, e, ev } = kit();
    const a = e('a');
    const b = e('b');
    const c = e('c');
    const three = f.alphaPar([f.stop, f.skip, f.div], [f.eventSet([a]), f.eventSet([b]), f.eventSet([c])]);
    expect(printTerm(three, ev)).toBe('STOP [{a} || {b, c}] (SKIP [{b} || {c}] DIV)');
    expect(printTerm(f.rename(f.prefix(a, f.stop), [[a, b]]), ev)).toBe('(a -> STOP) [[ a <- b ]]');
  });

  it('prints c?x choices compactly when every branch leads to the same state', () => {
    const { f, e, ev } = kit();
    const evs = [e('c', 0), e('c', 1)];
    const t = f.prefixChoice(f.eventSet(evs), () => f.stop, 'k', 'c?x -> …');
    expect(printTerm(t, ev)).toBe('c?_:{0, 1} -> STOP');
  });

  it('expands other c?x choices into explicit branches, up to maxExpanded', () => {
    const { f, e, ev } = kit();
    const c0 = e('c', 0);
    const c1 = e('c', 1);
    const t = f.prefixChoice(f.eventSet([c0, c1]), (x) => (x === c0 ? f.stop : f.skip), 'k', 'c?x -> …');
    expect(printTerm(t, ev)).toBe('c.0 -> STOP [] c.1 -> SKIP');
    expect(printTerm(t, ev, { maxExpanded: 1 })).toBe('c?x -> …');
  });
});

describe('Explorer', () => {
  it('lists initials and successors and follows events by text', () => {
    const { f, e, ev } = kit();
    const a = e('a');
    const P: Term = f.call('P', [], () => f.extChoice([f.prefix(a, P), f.skip]));
    const x = new Explorer(f.semantics, ev);
    const root = x.root(P);
    expect(root.text).toBe('P');
    expect(x.initials(root.id).map((i) => i.text)).toEqual(['✓', 'a']);
    expect(x.successors(root.id).map((s) => `${s.text}:${s.target.text}`)).toEqual(['✓:STOP', 'a:P']);
    expect(x.follow(root.id, 'a')).toEqual([root]);
    expect(x.follow(root.id, 'tick')[0]?.id).toBe(f.omega.id);
    expect(() => x.follow(root.id, 'zzz')).toThrow(/unknown event 'zzz'/);
  });
});
