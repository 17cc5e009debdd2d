/** Dotted fields as FDR reads them, end to end (type check, evaluation, events). */
import { describe, expect, it } from 'vitest';
import { load as loadText } from '../cspm';
import type { Term } from '../csp/terms';
import { loadScript, type LoadedScript } from './script';
import { show, term } from './test-helpers';

function loaded(text: string): LoadedScript {
  const r = loadText(text, { file: 'dots.csp' });
  expect(r.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`)).toEqual([]);
  const s = loadScript(r.ast);
  expect(s.diagnostics).toEqual([]);
  return s;
}

/** The events a process offers first, as text. */
function initials(s: LoadedScript, name: string): string[] {
  const t: Term = term(s, name);
  return s.factory.semantics.transitions(t).map((tr) => s.events.text(tr.event));
}

describe('dotted fields', () => {
  const types = ['datatype A = Acl.{0..1}', 'datatype B = Bcl.{0..1}.A', 'channel c : A', 'channel d : B'];

  it('reads a constructor nested in an event, with or without parentheses', () => {
    const s = loaded([...types, 'P = d.Bcl.1.Acl.0 -> STOP', 'Q = d.(Bcl.1.Acl.1) -> STOP'].join('\n'));
    expect(initials(s, 'P')).toEqual(['d.Bcl.1.Acl.0']);
    expect(initials(s, 'Q')).toEqual(['d.Bcl.1.Acl.1']);
  });

  it('lets ! and ? supply the fields of a constructor given before them', () => {
    const s = loaded(
      [
        ...types,
        'datatype Who = Alice | Bob',
        'datatype Sig = Claim_Secret.Who.{0..2}',
        'channel signal : Sig',
        'P = c.Acl!1 -> STOP',
        'Q = c.Acl?x -> STOP',
        'R = signal!Claim_Secret!Alice!2 -> STOP',
      ].join('\n'),
    );
    expect(initials(s, 'P')).toEqual(['c.Acl.1']);
    expect(initials(s, 'Q')).toEqual(['c.Acl.0', 'c.Acl.1']);
    expect(initials(s, 'R')).toEqual(['signal.Claim_Secret.Alice.2']);
  });

  it('lets a variable hold several fields of an output', () => {
    const s = loaded(['channel e : {0..1}.{0..1}', 'F(x) = e!x -> STOP', 'P = F(0.1)'].join('\n'));
    expect(initials(s, 'P')).toEqual(['e.0.1']);
  });

  it('gives {| C |} the values a datatype constructor builds', () => {
    const s = loaded(['datatype T = C.{0..2} | D', 'x = {| C |}', 'y = {| D, C.1 |}'].join('\n'));
    expect([show(s, 'x'), show(s, 'y')]).toEqual(['{C.0, C.1, C.2}', '{D, C.1}']);
  });

  it('still refuses an event with too many fields, located', () => {
    const r = loadText('channel c : {0..1}\nP = c.0.1 -> STOP\n', { file: 'dots.csp' });
    expect(r.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column}`)).toEqual(['CSP2008 2:9']);
  });
});

describe('nondeterministic input', () => {
  it('c$x -> P is an internal choice of x; later ? fields stay the environment’s choice', () => {
    const s = loaded(['channel c : {0..1}.{0..2}', 'P = c$x?y -> STOP'].join('\n'));
    const t = term(s, 'P');
    const first = s.factory.semantics.transitions(t);
    expect(first.map((tr) => s.events.text(tr.event))).toEqual(['τ', 'τ']);
    const offers = first.map((tr) => s.factory.semantics.transitions(tr.target).map((x) => s.events.text(x.event)));
    expect(offers).toEqual([
      ['c.0.0', 'c.0.1', 'c.0.2'],
      ['c.1.0', 'c.1.1', 'c.1.2'],
    ]);
  });
});

describe('nondeterministic input over no value', () => {
  it('is an error, as an internal choice over {} is', () => {
    const r = loadText('channel c : {0..1}\nP = c$x:{} -> STOP\nassert P :[deadlock free]\n', { file: 'dots.csp' });
    const a = loadScript(r.ast).assertions[0];
    expect(a?.ok === false && `${a.error.code} ${a.error.span.line}:${a.error.span.column}`).toBe('CSP3006 2:6');
  });
});

describe('constructor pattern bindings', () => {
  it('binds the fields of a constructor value, at top level and in let', () => {
    const s = loaded(
      ['datatype A = Acl.{0..3}', 'Acl.y = Acl.2', 'f = let Acl.z = Acl.3 within z', 'v = (y, f)'].join('\n'),
    );
    expect(show(s, 'v')).toBe('(2, 3)');
  });
});

describe('nested constructor patterns', () => {
  it('match constructors nested to any depth, a last variable taking the remaining fields', () => {
    const s = loaded(
      [
        'datatype A = Acl.{0..2}',
        'datatype B = Bcl.{0..2}.A',
        'datatype C = Ccl.{0..2}.B',
        'f(Ccl.ci.Bcl.bi.Acl.ai) = (ci, bi, ai)',
        'datatype T = N.T.{0,1}.T | L | D.{0,1,2}',
        'g(N.D.x) = x',
        'v = (f(Ccl.0.Bcl.1.Acl.2), g(N.(D.0).1.(D.2)))',
      ].join('\n'),
    );
    expect(show(s, 'v')).toBe('((0, 1, 2), 0.1.D.2)');
  });
});
