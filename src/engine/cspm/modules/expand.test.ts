/** Modules end to end: parse, check, expand and evaluate (values, instances' own channels, scoping). */
import { describe, expect, it } from 'vitest';
import { load as loadText } from '../index';
import { loadScript } from '../../eval';
import { load, show } from '../../eval/test-helpers';

function diagnostics(text: string): string[] {
  return loadText(text, { file: 'm.csp' }).diagnostics.map(
    (d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`,
  );
}

describe('modules', () => {
  it('exports some names, keeps the others private, and nests', () => {
    const s = load(
      [
        'module X',
        '  g = 4',
        'exports',
        '  f = g + 1',
        '  module Y',
        '    p = 1',
        '  exports',
        '    z = (p, f)',
        '  endmodule',
        '  l = Y::z',
        'endmodule',
        'a = X::f',
        'b = X::Y::z',
        'c = X::l',
      ].join('\n'),
    );
    expect([show(s, 'a'), show(s, 'b'), show(s, 'c')]).toEqual(['5', '(1, 5)', '(1, 5)']);
  });

  it('gives each instance its arguments and its own channels and datatypes', () => {
    const text = [
      'module Buf(Max)',
      'exports',
      '  channel put : {0..Max}',
      '  datatype Level = Lvl.{0..Max}',
      '  top = Max',
      'endmodule',
      'instance Small = Buf(1)',
      'instance Big = Buf(2)',
      'sizes = (Small::top, Big::top)',
      'levels = (card(Small::Level), card(Big::Level))',
      'events = card({| Small::put, Big::put |})',
    ].join('\n');
    expect(diagnostics(text)).toEqual([]);
    const s = load(text);
    expect([show(s, 'sizes'), show(s, 'levels'), show(s, 'events')]).toEqual(['(1, 2)', '(2, 3)', '5']);
    expect([...s.events.all()].map((id) => s.events.text(id))).toEqual([
      'Small::put.0',
      'Small::put.1',
      'Big::put.0',
      'Big::put.1',
      'Big::put.2',
    ]);
  });

  it('binds pattern parameters and lets a module body use the names around it', () => {
    const s = load(
      [
        'k = 10',
        'module M((a, b))',
        'exports',
        '  sum = a + b + k',
        'endmodule',
        'instance N = M((1, 2))',
        'x = N::sum',
      ].join('\n'),
    );
    expect(show(s, 'x')).toBe('13');
  });

  it('resolves an instance of a module exported by another instance', () => {
    const s = load(
      [
        'module M(x)',
        'exports',
        '  module N(y)',
        '  exports',
        '    g = x + y',
        '  endmodule',
        'endmodule',
        'instance X1 = M(5)',
        'instance X2 = X1::N(7)',
        'v = X2::g',
      ].join('\n'),
    );
    expect(show(s, 'v')).toBe('12');
  });

  it('lets local variables shadow module names', () => {
    const s = load(
      [
        'module M',
        'exports',
        '  x = 1',
        '  f(x) = x * 2',
        '  g = let x = 5 within x',
        'endmodule',
        'v = (M::f(3), M::g)',
      ].join('\n'),
    );
    expect(show(s, 'v')).toBe('(6, 5)');
  });

  it('reports names outside the exports, modules used as values and wrong instances, located', () => {
    expect(
      diagnostics(
        [
          'module M(X)',
          '  y = X',
          'exports',
          'endmodule',
          'instance I = M(0)',
          'a = I::y',
          'b = M',
          'instance J = M',
          'instance I = M(1)',
        ].join('\n'),
      ),
    ).toEqual([
      "CSP2021 6:5 'y' is private to module 'I' (it is not exported)",
      "CSP2023 7:5 'M' is a module, not a value",
      "CSP2003 8:1 'M' takes 1 argument(s) but is given 0",
      "CSP2002 9:10 'I' is defined more than once",
    ]);
  });

  it('refuses instances that contain themselves', () => {
    const text = [
      'module M1(x)',
      'exports',
      '  instance P = M2(1)',
      'endmodule',
      'module M2(x)',
      'exports',
      '  instance Q = M1(1)',
      'endmodule',
    ].join('\n');
    expect(diagnostics(text).map((d) => d.split(' ')[0])).toContain('CSP2024');
  });

  it('leaves scripts without modules untouched', () => {
    const r = loadText('x = 1\ny = x + 1\n', { file: 'p.csp' });
    const s = loadScript(r.ast);
    expect(r.module.decls).toBe(r.module.decls);
    expect(s.evaluate('y')).toMatchObject({ ok: true, value: 2 });
  });
});
