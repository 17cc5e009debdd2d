/**
 * fast-check generators of CSPm ASTs, in the shapes the parser produces
 * (tuples of ≥ 2, no wildcard in expressions, no two adjacent clauses of one
 * name split in two declarations). Used by the print ∘ parse property test.
 * Test-only: imported from *.test.ts, so it may use fast-check.
 */
import fc from 'fast-check';
import type { Assertion, CommField, Decl, Expr, Ident, Module, Pattern, RefinementModel, Span, Stmt } from './ast';

const S: Span = { file: 'gen.csp', line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, end: 0 };
const NAMES = ['a', 'b', 'c', 'x', 'y', 'P', 'Q', 'f', 'g', 'S', 'T', 'A', 'B', 'c1', "x'", 'long_name'];

const name = fc.constantFrom(...NAMES);
const ident: fc.Arbitrary<Ident> = name.map((n) => ({ kind: 'Ident', name: n, span: S }));

const patternArb: fc.Arbitrary<Pattern> = fc.letrec<{ p: Pattern }>((tie) => ({
  p: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    name.map((n): Pattern => ({ kind: 'PVar', name: n, span: S })),
    fc.constant<Pattern>({ kind: 'PWildcard', span: S }),
    fc.integer({ min: -5, max: 100 }).map((v): Pattern => ({ kind: 'PInt', value: v, span: S })),
    fc.boolean().map((v): Pattern => ({ kind: 'PBool', value: v, span: S })),
    fc.array(tie('p'), { minLength: 2, maxLength: 3 }).map((items): Pattern => ({ kind: 'PTuple', items, span: S })),
    fc.array(tie('p'), { minLength: 2, maxLength: 3 }).map((items): Pattern => ({ kind: 'PDot', items, span: S })),
    fc.array(tie('p'), { maxLength: 2 }).map((items): Pattern => ({ kind: 'PSeqEnum', items, span: S })),
    fc.array(tie('p'), { maxLength: 1 }).map((items): Pattern => ({ kind: 'PSet', items, span: S })),
    fc.tuple(tie('p'), tie('p')).map(([left, right]): Pattern => ({ kind: 'PConcat', left, right, span: S })),
  ),
})).p;

const BINARY_OPS = ['+', '-', '*', '/', '%', '==', '!=', '<', '>', '<=', '>=', 'and', 'or', '^'] as const;
const PROC_OPS = ['[]', '|~|', ';', '/\\', '[>', '|||'] as const;
const REPL_OPS = ['[]', '|~|', '|||', ';', '[| |]', '||'] as const;

function exprArb(depth: number): fc.Arbitrary<Expr> {
  const leaf: fc.Arbitrary<Expr> = fc.oneof(
    name.map((n): Expr => ({ kind: 'Var', name: n, span: S })),
    fc.nat({ max: 1000 }).map((v): Expr => ({ kind: 'IntLit', value: v, span: S })),
    fc.boolean().map((v): Expr => ({ kind: 'BoolLit', value: v, span: S })),
  );
  if (depth <= 0) return leaf;
  const e = exprArb(depth - 1);
  const es = (min: number, max: number) => fc.array(e, { minLength: min, maxLength: max });
  const stmt: fc.Arbitrary<Stmt> = fc.oneof(
    fc
      .tuple(patternArb, fc.constantFrom<'<-' | ':'>('<-', ':'), e)
      .map(([pattern, arrow, source]): Stmt => ({ kind: 'Generator', pattern, arrow, source, span: S })),
    e.map((x): Stmt => ({ kind: 'Predicate', expr: x, span: S })),
  );
  const stmts = fc.array(stmt, { minLength: 1, maxLength: 2 });
  const field: fc.Arbitrary<CommField> = fc.oneof(
    fc
      .tuple(patternArb, fc.option(e, { nil: null }))
      .map(([pattern, restriction]): CommField => ({ kind: 'InputField', pattern, restriction, span: S })),
    e.map((x): CommField => ({ kind: 'OutputField', expr: x, span: S })),
  );
  const letDecl: fc.Arbitrary<Decl> = fc.oneof(
    fc.tuple(ident, e).map(([n, body]): Decl => ({ kind: 'ValueDecl', name: n, body, span: S })),
    fc.tuple(ident, fc.array(patternArb, { minLength: 1, maxLength: 2 }), e).map(([n, ps, body]): Decl => ({
      kind: 'FunctionDecl',
      name: n,
      clauses: [{ kind: 'Clause', params: [ps], body, span: S }],
      span: S,
    })),
  );
  return fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.tuple(e, es(0, 2)).map(([fn, args]): Expr => ({ kind: 'App', fn, args, span: S })),
    fc
      .tuple(fc.constantFrom(...BINARY_OPS), e, e)
      .map(([op, left, right]): Expr => ({ kind: 'Binary', op, left, right, span: S })),
    fc
      .tuple(fc.constantFrom<'-' | 'not' | '#'>('-', 'not', '#'), e)
      .map(([op, operand]): Expr => ({ kind: 'Unary', op, operand, span: S })),
    fc.tuple(e, e, e).map(([cond, then, els]): Expr => ({ kind: 'If', cond, then, else: els, span: S })),
    fc
      .tuple(
        fc.uniqueArray(letDecl, {
          minLength: 1,
          maxLength: 2,
          selector: (d) => (d.kind === 'ValueDecl' || d.kind === 'FunctionDecl' ? d.name.name : ''),
        }),
        e,
      )
      .map(([decls, body]): Expr => ({ kind: 'Let', decls, body, span: S })),
    fc
      .tuple(fc.array(patternArb, { minLength: 1, maxLength: 2 }), e)
      .map(([params, body]): Expr => ({ kind: 'Lambda', params, body, span: S })),
    es(2, 3).map((items): Expr => ({ kind: 'Tuple', items, span: S })),
    es(2, 3).map((items): Expr => ({ kind: 'Dot', items, span: S })),
    es(0, 2).map((items): Expr => ({ kind: 'SetEnum', items, span: S })),
    es(0, 2).map((items): Expr => ({ kind: 'SeqEnum', items, span: S })),
    fc.tuple(e, fc.option(e, { nil: null })).map(([from, to]): Expr => ({ kind: 'SetRange', from, to, span: S })),
    fc.tuple(e, fc.option(e, { nil: null })).map(([from, to]): Expr => ({ kind: 'SeqRange', from, to, span: S })),
    fc.tuple(es(1, 2), stmts).map(([items, ss]): Expr => ({ kind: 'SetComp', items, stmts: ss, span: S })),
    fc.tuple(es(1, 2), stmts).map(([items, ss]): Expr => ({ kind: 'SeqComp', items, stmts: ss, span: S })),
    es(1, 2).map((items): Expr => ({ kind: 'EventSetEnum', items, span: S })),
    fc.tuple(es(1, 2), stmts).map(([items, ss]): Expr => ({ kind: 'EventSetComp', items, stmts: ss, span: S })),
    fc
      .tuple(e, fc.array(field, { maxLength: 2 }), e)
      .map(([event, fields, body]): Expr => ({ kind: 'Prefix', event, fields, body, span: S })),
    fc.tuple(e, e).map(([cond, body]): Expr => ({ kind: 'Guard', cond, body, span: S })),
    fc
      .tuple(fc.constantFrom(...PROC_OPS), e, e)
      .map(([op, left, right]): Expr => ({ kind: 'ProcBinary', op, left, right, span: S })),
    fc.tuple(e, e, e).map(([left, sync, right]): Expr => ({ kind: 'GenPar', left, sync, right, span: S })),
    fc.tuple(e, e, e, e).map(([left, leftAlpha, rightAlpha, right]): Expr => ({
      kind: 'AlphaPar',
      left,
      leftAlpha,
      rightAlpha,
      right,
      span: S,
    })),
    fc.tuple(e, e).map(([body, set]): Expr => ({ kind: 'Hide', body, set, span: S })),
    fc
      .tuple(e, fc.array(fc.tuple(e, e), { minLength: 1, maxLength: 2 }), fc.array(stmt, { maxLength: 1 }))
      .map(([body, pairs, ss]): Expr => ({
        kind: 'Rename',
        body,
        pairs: pairs.map(([from, to]) => ({ kind: 'RenamePair' as const, from, to, span: S })),
        stmts: ss,
        span: S,
      })),
    fc.tuple(fc.constantFrom(...REPL_OPS), stmts, e, e).map(([op, ss, extra, body]): Expr => ({
      kind: 'Replicated',
      op,
      stmts: ss,
      sync: op === '[| |]' ? extra : null,
      alpha: op === '||' ? extra : null,
      body,
      span: S,
    })),
  );
}

export const expressionArb = exprArb(3);
export const patternArbitrary = patternArb;

const assertionArb: fc.Arbitrary<Assertion> = fc.oneof(
  fc
    .tuple(fc.constantFrom<RefinementModel>('T', 'F', 'FD', 'R', 'RD', 'V', 'VD'), exprArb(2), exprArb(2))
    .map(([model, spec, impl]): Assertion => ({ kind: 'RefinementAssertion', model, spec, impl, span: S })),
  fc
    .tuple(
      fc.constantFrom<'deadlock free' | 'divergence free' | 'livelock free' | 'deterministic'>(
        'deadlock free',
        'divergence free',
        'livelock free',
        'deterministic',
      ),
      fc.constantFrom<'T' | 'F' | 'FD' | null>('F', 'FD', null),
      exprArb(2),
    )
    .map(([property, model, process]): Assertion => ({ kind: 'PropertyAssertion', property, model, process, span: S })),
  fc
    .tuple(fc.constantFrom<'T' | 'F' | 'FD' | null>('T', null), exprArb(2), exprArb(2))
    .map(([model, process, trace]): Assertion => ({ kind: 'HasTraceAssertion', model, process, trace, span: S })),
);

const declArb: fc.Arbitrary<Decl> = fc.oneof(
  fc.tuple(ident, exprArb(3)).map(([n, body]): Decl => ({ kind: 'ValueDecl', name: n, body, span: S })),
  fc
    .tuple(
      ident,
      fc.array(fc.tuple(fc.array(fc.array(patternArb, { maxLength: 2 }), { minLength: 1, maxLength: 2 }), exprArb(2)), {
        minLength: 1,
        maxLength: 2,
      }),
    )
    .map(([n, clauses]): Decl => ({
      kind: 'FunctionDecl',
      name: n,
      clauses: clauses.map(([params, body]) => ({ kind: 'Clause' as const, params, body, span: S })),
      span: S,
    })),
  fc
    .tuple(fc.array(ident, { minLength: 1, maxLength: 2 }), fc.array(exprArb(2), { maxLength: 2 }))
    .map(([names, fields]): Decl => ({ kind: 'ChannelDecl', names, fields, span: S })),
  fc
    .tuple(ident, fc.array(fc.tuple(ident, fc.array(exprArb(2), { maxLength: 2 })), { minLength: 1, maxLength: 3 }))
    .map(([n, ctors]): Decl => ({
      kind: 'DatatypeDecl',
      name: n,
      ctors: ctors.map(([c, fields]) => ({ kind: 'CtorDecl' as const, name: c, fields, span: S })),
      span: S,
    })),
  fc.tuple(ident, exprArb(2)).map(([n, type]): Decl => ({ kind: 'NametypeDecl', name: n, type, span: S })),
  fc
    .tuple(fc.boolean(), assertionArb)
    .map(([negated, assertion]): Decl => ({ kind: 'AssertDecl', negated, assertion, text: '', span: S })),
  fc.array(fc.constantFrom('normal', 'sbisim', 'diamond'), { minLength: 1, maxLength: 2 }).map((ns): Decl => ({
    kind: 'TransparentDecl',
    names: ns.map((n) => ({ kind: 'Ident' as const, name: n, span: S })),
    span: S,
  })),
  fc.tuple(fc.array(patternArb, { minLength: 2, maxLength: 2 }), exprArb(2)).map(([items, body]): Decl => ({
    kind: 'PatternDecl',
    pattern: { kind: 'PTuple', items, span: S },
    body,
    span: S,
  })),
);

/** Modules whose adjacent function declarations have different names (the parser would merge them). */
export const moduleArb: fc.Arbitrary<Module> = fc.array(declArb, { maxLength: 4 }).map((decls) => {
  const out: Decl[] = [];
  for (const d of decls) {
    const last = out[out.length - 1];
    if (last?.kind === 'FunctionDecl' && d.kind === 'FunctionDecl' && last.name.name === d.name.name) continue;
    out.push(d);
  }
  return { kind: 'Module', file: 'gen.csp', decls: out, span: S };
});
