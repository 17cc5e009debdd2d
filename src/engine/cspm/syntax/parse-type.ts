/**
 * Type annotations `f, g :: (Eq a) => (a, Int) -> {a}` (FDR's syntax, libcspm's
 * grammar): binding strengths `->` < `=>`, `=>*` < `.`, all to the right. A
 * function's parameters are always in parentheses (`(Int) -> Int`,
 * `(a, b) -> c`, `() -> Proc`).
 */
import type { Expr, Ident, TypeAnnotationDecl, TypeConstraint, TypeExpr, TypeScheme, Var } from './ast';
import { ExprParser } from './parse-expr';
import { describeToken } from './parser-base';
import type { Token } from './tokens';

/** FDR's type classes, usable as constraints in annotations. */
export const TYPE_CLASSES: readonly string[] = ['Eq', 'Ord', 'Complete', 'Set', 'Yieldable'];

const PREC_FUNCTION = 1;
const PREC_DOTABLE = 2;
const PREC_DOT = 3;

export abstract class TypeAnnotationParser extends ExprParser {
  /** Types written in parentheses: only those (and tuples) may be a function's parameters. */
  private readonly parenthesisedTypes = new WeakSet<TypeExpr>();

  /** `first, g, h :: scheme`, once `first` (a name) is parsed. */
  protected parseTypeAnnotation(first: Var | Expr): TypeAnnotationDecl {
    const names: Ident[] = [];
    if (first.kind !== 'Var') this.fail('CSP1014', first.span, { what: 'only names can be given a type' });
    names.push({ kind: 'Ident', name: first.name, span: first.span });
    while (this.accept(',')) {
      const t = this.expect('ident', 'a name');
      names.push({ kind: 'Ident', name: t.text, span: t.span });
    }
    this.expect('::', "'::' and a type");
    const scheme = this.parseTypeScheme();
    return { kind: 'TypeAnnotationDecl', names, scheme, span: this.from(first.span) };
  }

  private parseTypeScheme(): TypeScheme {
    const start = this.peek().span;
    const constraints: TypeConstraint[] = [];
    const t0 = this.tokens[this.pos]!;
    const t1 = this.tokens[this.pos + 1];
    const t2 = this.tokens[this.pos + 2];
    // `Eq a => T` (two names in a row on one line) or `(Eq a, Ord b) => T`.
    if (t0.kind === 'ident' && t1?.kind === 'ident' && !this.isBoundary(this.pos + 1)) {
      constraints.push(this.constraint());
      this.expect('=>', "'=>' after the type constraint");
    } else if (t0.kind === '(' && t1?.kind === 'ident' && t2?.kind === 'ident' && !this.isBoundary(this.pos + 2)) {
      const open = this.advance();
      do constraints.push(this.constraint());
      while (this.accept(','));
      this.close(')', open);
      this.expect('=>', "'=>' after the type constraints");
    }
    const type = this.parseType(0);
    return { kind: 'TypeScheme', constraints, type, span: this.from(start) };
  }

  private constraint(): TypeConstraint {
    const cls = this.expect('ident', 'a type class');
    if (!TYPE_CLASSES.includes(cls.text)) {
      this.fail('CSP1021', cls.span, { name: cls.text, known: TYPE_CLASSES.join(', ') });
    }
    const v = this.expect('ident', 'a type variable');
    return {
      kind: 'TypeConstraint',
      className: { kind: 'Ident', name: cls.text, span: cls.span },
      variable: { kind: 'Ident', name: v.text, span: v.span },
      span: this.from(cls.span),
    };
  }

  private parseType(minPrec: number): TypeExpr {
    let left = this.parseTypeAtom();
    for (;;) {
      const t = this.peek();
      if (t.kind === '.' && PREC_DOT >= minPrec) {
        this.advance();
        const right = this.parseType(PREC_DOT);
        left = { kind: 'TypeDot', left, right, span: this.from(left.span) };
      } else if (t.kind === '=>' && PREC_DOTABLE >= minPrec) {
        this.advance();
        if (this.glued('*')) {
          this.advance();
          if (left.kind !== 'TypeName')
            this.fail('CSP1004', left.span, { expected: "a type variable before '=>*'", found: 'a type' });
          const result = this.parseType(PREC_DOTABLE);
          left = { kind: 'TypeExtendable', name: left.name, result, span: this.from(left.span) };
        } else {
          const result = this.parseType(PREC_DOTABLE);
          left = { kind: 'TypeDotable', field: left, result, span: this.from(left.span) };
        }
      } else if (t.kind === '->' && PREC_FUNCTION >= minPrec) {
        if (left.kind !== 'TypeTuple' && !this.parenthesisedTypes.has(left)) {
          this.fail('CSP1022', left.span, {});
        }
        this.advance();
        const params = left.kind === 'TypeTuple' && !this.parenthesisedTypes.has(left) ? left.items : [left];
        const result = this.parseType(PREC_FUNCTION);
        left = { kind: 'TypeFunction', params, result, span: this.from(left.span) };
      } else return left;
    }
  }

  /** The current token is `kind` and touches the previous one (`=>*`). */
  private glued(kind: string): boolean {
    const t = this.tokens[this.pos]!;
    return t.kind === kind && this.prev !== undefined && this.prev.end === t.offset;
  }

  private parseTypeAtom(): TypeExpr {
    const t = this.peek();
    switch (t.kind) {
      case 'ident':
        this.advance();
        return { kind: 'TypeName', name: t.text, span: t.span };
      case '{':
        return this.bracketed(t, '}', (elem, span) => ({ kind: 'TypeSet', elem, span }));
      case '<':
        return this.bracketed(t, '>', (elem, span) => ({ kind: 'TypeSeq', elem, span }));
      case '(|': {
        this.advance();
        const key = this.parseType(PREC_DOT);
        this.expect('=>', "'=>' between a map's key and value types");
        const value = this.parseType(0);
        this.close('|)', t);
        return { kind: 'TypeMap', key, value, span: this.from(t.span) };
      }
      case '(':
        return this.parenthesisedType(t);
      default:
        return this.fail('CSP1004', t.span, { expected: 'a type', found: describeToken(t) });
    }
  }

  private bracketed(open: Token, close: string, make: (elem: TypeExpr, span: TypeExpr['span']) => TypeExpr): TypeExpr {
    this.advance();
    const elem = this.parseType(0);
    this.close(close as Token['kind'], open);
    return make(elem, this.from(open.span));
  }

  /** `()` (only before `->`), `(T)` or a tuple type `(T, U)`. */
  private parenthesisedType(open: Token): TypeExpr {
    this.advance();
    if (this.at(')')) {
      this.advance();
      this.expect('->', "'->' after '()' (a function without parameters)");
      const result = this.parseType(PREC_FUNCTION);
      return { kind: 'TypeFunction', params: [], result, span: this.from(open.span) };
    }
    const first = this.parseType(0);
    if (this.accept(',')) {
      const items = [first];
      do items.push(this.parseType(0));
      while (this.accept(','));
      this.close(')', open);
      return { kind: 'TypeTuple', items, span: this.from(open.span) };
    }
    this.close(')', open);
    // A parenthesised type keeps its own span; remember that it was parenthesised.
    const inner: TypeExpr = { ...first };
    this.parenthesisedTypes.add(inner);
    return inner;
  }
}
