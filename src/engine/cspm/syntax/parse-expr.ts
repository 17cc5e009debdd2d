/**
 * Expression, pattern and statement parsing (a Pratt parser over the table in
 * precedence.ts). Processes are expressions: `a -> P [] Q` is parsed here too.
 */
import type {
  BinaryOp,
  CommField,
  Decl,
  Expr,
  LinkPair,
  MapEntry,
  Pattern,
  ProcBinaryOp,
  ProcSetOpKind,
  RenamePair,
  Stmt,
} from './ast';
import { ParserBase, describeToken } from './parser-base';
import { INFIX, Prec } from './precedence';
import { toPattern } from './patterns';
import type { Token } from './tokens';

const PROC_BINARY: Readonly<Record<string, ProcBinaryOp>> = {
  '[]': '[]',
  '|~|': '|~|',
  ';': ';',
  '/\\': '/\\',
  '[>': '[>',
  '|||': '|||',
};
const BINARY: ReadonlySet<string> = new Set([
  '+',
  '-',
  '*',
  '/',
  '%',
  '==',
  '!=',
  '<',
  '>',
  '<=',
  '>=',
  'and',
  'or',
  '^',
]);

export abstract class ExprParser extends ParserBase {
  /** Expressions written in parentheses: a parenthesised Dot is not flattened into an outer chain. */
  protected readonly parenthesised = new WeakSet<Expr>();
  /** Innermost bracket context: true inside `< ... >`, where `>` closes instead of comparing. */
  private seqContext: boolean[] = [false];

  protected abstract parseLetDecls(): Decl[];

  private inSeq(): boolean {
    return this.seqContext[this.seqContext.length - 1] === true;
  }

  private nested<T>(inSequence: boolean, f: () => T): T {
    this.seqContext.push(inSequence);
    try {
      return f();
    } finally {
      this.seqContext.pop();
    }
  }

  parseExpr(minPrec: number = Prec.LOWEST): Expr {
    let left = this.parsePrefixExpr();
    for (;;) {
      const t = this.peek();
      if (t.kind === '@@' && minPrec <= Prec.DOT) {
        // `p @@ q` (both patterns at once) is read as an expression first, like every pattern: an
        // application of the name `@@`, which toPattern turns into a PDouble (and nothing else accepts).
        this.advance();
        const right = this.parseExpr(Prec.DOT);
        left = {
          kind: 'App',
          fn: { kind: 'Var', name: '@@', span: t.span },
          args: [left, right],
          span: this.from(left.span),
        };
        continue;
      }
      const info = INFIX[t.kind];
      if (!info || info.prec < minPrec) break;
      if (t.kind === '>' && this.inSeq()) break;
      left = this.parseInfix(left, t, info.assoc === 'left' ? info.prec + 1 : info.prec);
    }
    return left;
  }

  private parseInfix(left: Expr, t: Token, rightPrec: number): Expr {
    const start = left.span;
    switch (t.kind) {
      case '(': {
        this.advance();
        const args = this.nested(false, () => this.commaList(')', () => this.parseExpr()));
        this.close(')', t);
        return { kind: 'App', fn: left, args, span: this.from(start) };
      }
      case '[[': {
        this.advance();
        return this.nested(false, () => {
          const pairs: RenamePair[] = [];
          do {
            const from = this.parseExpr();
            this.expect('<-', "'<-' in a renaming");
            const to = this.parseExpr();
            pairs.push({ kind: 'RenamePair', from, to, span: this.from(from.span) });
          } while (this.accept(','));
          const stmts = this.accept('|') ? this.parseStmts() : [];
          this.close(']]', t);
          return { kind: 'Rename', body: left, pairs, stmts, span: this.from(start) } satisfies Expr;
        });
      }
      case '.': {
        this.advance();
        const right = this.parseExpr(rightPrec);
        const items = [left, ...(right.kind === 'Dot' && !this.parenthesised.has(right) ? right.items : [right])];
        return { kind: 'Dot', items, span: this.from(start) };
      }
      case '?':
      case '!':
      case '$':
        return this.parsePrefixWithFields(left);
      case '->': {
        this.advance();
        const body = this.parseExpr(rightPrec);
        return { kind: 'Prefix', event: left, fields: [], body, span: this.from(start) };
      }
      case '&': {
        this.advance();
        const body = this.parseExpr(rightPrec);
        return { kind: 'Guard', cond: left, body, span: this.from(start) };
      }
      case '\\':
      case '|\\': {
        this.advance();
        // FDR: `P \ A ||| Q` is `(P \ A) ||| Q` (for every binary process operator), while
        // `P ||| Q \ A` hides in both: the hidden set binds tighter than those operators.
        const set = this.parseExpr(Math.max(rightPrec, Prec.PREFIX));
        return { kind: t.kind === '\\' ? 'Hide' : 'Project', body: left, set, span: this.from(start) };
      }
      case '[|': {
        this.advance();
        const sync = this.nested(false, () => this.parseExpr());
        if (this.accept('|>')) {
          const right = this.parseExpr(rightPrec);
          return { kind: 'ProcSetOp', op: 'exception', left, set: sync, right, span: this.from(start) };
        }
        this.close('|]', t);
        const right = this.parseExpr(rightPrec);
        return { kind: 'GenPar', left, sync, right, span: this.from(start) };
      }
      case '[+':
      case '/+': {
        this.advance();
        const set = this.nested(false, () => this.parseExpr());
        this.close(t.kind === '[+' ? '+]' : '+\\', t);
        const right = this.parseExpr(rightPrec);
        const op: ProcSetOpKind = t.kind === '[+' ? 'syncExtChoice' : 'syncInterrupt';
        return { kind: 'ProcSetOp', op, left, set, right, span: this.from(start) };
      }
      case '[': {
        this.advance();
        const first = this.nested(false, () => this.parseExpr());
        if (this.at('<->')) {
          const { links, stmts } = this.nested(false, () => this.parseLinks(first));
          this.close(']', t);
          const right = this.parseExpr(rightPrec);
          return { kind: 'LinkPar', left, links, stmts, right, span: this.from(start) };
        }
        const [leftAlpha, rightAlpha] = this.nested(false, () => {
          this.expect('||', "'||' in alphabetised parallel '[A || B]' or '<->' in linked parallel '[a <-> b]'");
          const b = this.parseExpr();
          return [first, b] as const;
        });
        this.close(']', t);
        const right = this.parseExpr(rightPrec);
        return { kind: 'AlphaPar', left, leftAlpha, rightAlpha, right, span: this.from(start) };
      }
      default: {
        this.advance();
        const right = this.parseExpr(rightPrec);
        const span = this.from(start);
        const proc = PROC_BINARY[t.kind];
        if (proc) return { kind: 'ProcBinary', op: proc, left, right, span };
        if (BINARY.has(t.kind)) return { kind: 'Binary', op: t.kind as BinaryOp, left, right, span };
        return this.fail('CSP1004', t.span, { expected: 'an operator', found: describeToken(t) });
      }
    }
  }

  /** `a <-> b, c <-> d | stmts` inside `[ ]`, once `a` is parsed (the caller closes the bracket). */
  private parseLinks(first: Expr): { links: LinkPair[]; stmts: Stmt[] } {
    const links: LinkPair[] = [];
    let from = first;
    for (;;) {
      this.expect('<->', "'<->' in a link 'a <-> b'");
      const to = this.parseExpr();
      links.push({ kind: 'LinkPair', from, to, span: this.from(from.span) });
      if (!this.accept(',')) break;
      from = this.parseExpr();
    }
    const stmts = this.accept('|') ? this.parseStmts() : [];
    return { links, stmts };
  }

  /**
   * `{a..b | stmts}` and `<a..b | stmts>` (FDR: the ranges for every binding,
   * joined): read as `Union({ {a..b} | stmts })` and `concat(< <a..b> | stmts >)`.
   */
  private rangeComprehension(range: Expr, join: 'Union' | 'concat', close: '}' | '>', open: Token): Expr {
    const stmts = this.parseStmts();
    this.close(close, open);
    const span = this.from(open.span);
    const items = [{ ...range, span }];
    const comp: Expr =
      join === 'Union' ? { kind: 'SetComp', items, stmts, span } : { kind: 'SeqComp', items, stmts, span };
    return { kind: 'App', fn: { kind: 'Var', name: join, span: open.span }, args: [comp], span };
  }

  /** `(| k => v, ... |)` once `(|` is consumed. */
  private parseMap(open: Token): Expr {
    return this.nested(false, (): Expr => {
      const entries: MapEntry[] = [];
      if (!this.at('|)')) {
        do {
          const key = this.parseExpr();
          this.expect('=>', "'=>' between a key and its value");
          const value = this.parseExpr();
          entries.push({ kind: 'MapEntry', key, value, span: this.from(key.span) });
        } while (this.accept(','));
      }
      this.close('|)', open);
      return { kind: 'MapLit', entries, span: this.from(open.span) };
    });
  }

  /** `event ?p:S !e ... -> body` once the event head is parsed. */
  private parsePrefixWithFields(event: Expr): Expr {
    const fields: CommField[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === '?') {
        this.advance();
        const pattern = this.parsePattern(Prec.DOT);
        const restriction = this.accept(':') ? this.parseExpr(Prec.OR) : null;
        fields.push({ kind: 'InputField', pattern, restriction, span: this.from(t.span) });
      } else if (t.kind === '!') {
        this.advance();
        const expr = this.parseExpr(Prec.DOT);
        fields.push({ kind: 'OutputField', expr, span: this.from(t.span) });
      } else if (t.kind === '$') {
        // FDR resolves every `$` choice before the environment's `?` ones.
        if (fields.some((f) => f.kind === 'InputField' && f.nondeterministic !== true))
          this.fail('CSP1024', t.span, {});
        this.advance();
        const pattern = this.parsePattern(Prec.DOT);
        const restriction = this.accept(':') ? this.parseExpr(Prec.OR) : null;
        fields.push({ kind: 'InputField', pattern, restriction, nondeterministic: true, span: this.from(t.span) });
      } else break;
    }
    this.expect('->', "'->' after the communication fields");
    const body = this.parseExpr(Prec.PREFIX);
    return { kind: 'Prefix', event, fields, body, span: this.from(event.span) };
  }

  protected parsePattern(minPrec: number = Prec.LOWEST): Pattern {
    const e = this.parseExpr(minPrec);
    const r = toPattern(e);
    if (!r.ok) this.fail('CSP1009', r.span, { what: r.what });
    return r.pattern;
  }

  /** Items separated by commas up to (not including) `close`; empty if `close` comes first. */
  protected commaList<T>(close: string, item: () => T): T[] {
    const items: T[] = [];
    if (this.peek().kind === close) return items;
    do items.push(item());
    while (this.accept(','));
    return items;
  }

  protected parseStmts(): Stmt[] {
    const stmts: Stmt[] = [];
    do stmts.push(this.parseStmt());
    while (this.accept(','));
    return stmts;
  }

  private parseStmt(): Stmt {
    const e = this.parseExpr();
    const arrow = this.peek();
    if (arrow.kind === '<-' || arrow.kind === ':') {
      this.advance();
      const r = toPattern(e);
      if (!r.ok) this.fail('CSP1009', r.span, { what: r.what });
      const source = this.parseExpr();
      return { kind: 'Generator', pattern: r.pattern, arrow: arrow.kind, source, span: this.from(e.span) };
    }
    return { kind: 'Predicate', expr: e, span: e.span };
  }

  private parsePrefixExpr(): Expr {
    const t = this.peek();
    const s = t.span;
    switch (t.kind) {
      case 'int':
        this.advance();
        return { kind: 'IntLit', value: Number(t.text), span: s };
      case 'true':
      case 'false':
        this.advance();
        return { kind: 'BoolLit', value: t.kind === 'true', span: s };
      case 'ident':
        this.advance();
        return { kind: 'Var', name: t.text, span: s };
      case '_':
        // Only meaningful in patterns; an expression use is reported by the name checker.
        this.advance();
        return { kind: 'Var', name: '_', span: s };
      case '-': {
        this.advance();
        const operand = this.parseExpr(Prec.ADD + 1);
        return { kind: 'Unary', op: '-', operand, span: this.from(s) };
      }
      case 'not': {
        this.advance();
        const operand = this.parseExpr(Prec.NOT + 1);
        return { kind: 'Unary', op: 'not', operand, span: this.from(s) };
      }
      case '#': {
        this.advance();
        const operand = this.parseExpr(Prec.HASH + 1);
        return { kind: 'Unary', op: '#', operand, span: this.from(s) };
      }
      case '(':
        return this.parseParen(t);
      case '{':
        return this.parseSet(t);
      case '{|':
        return this.parseEventSet(t);
      case '<':
        return this.parseSeq(t);
      case '<>':
        this.advance();
        return { kind: 'SeqEnum', items: [], span: s };
      case 'if': {
        this.advance();
        const cond = this.nested(false, () => this.parseExpr());
        this.expect('then');
        const then = this.nested(false, () => this.parseExpr());
        this.expect('else');
        const els = this.parseExpr();
        return { kind: 'If', cond, then, else: els, span: this.from(s) };
      }
      case 'let': {
        this.advance();
        const decls = this.nested(false, () => this.parseLetDecls());
        this.expect('within', "'within'");
        const body = this.parseExpr();
        return { kind: 'Let', decls, body, span: this.from(s) };
      }
      case '\\': {
        this.advance();
        const params: Pattern[] = [];
        do params.push(this.parsePattern(Prec.DOT));
        while (this.accept(','));
        this.expect('@', "'@' after the lambda's parameters");
        const body = this.parseExpr();
        return { kind: 'Lambda', params, body, span: this.from(s) };
      }
      case '[]':
      case '|~|':
      case '|||':
      case ';': {
        this.advance();
        const stmts = this.nested(false, () => this.parseStmts());
        this.expect('@', "'@' after the replicated operator's generators");
        const body = this.parseExpr();
        return { kind: 'Replicated', op: t.kind, stmts, sync: null, alpha: null, body, span: this.from(s) };
      }
      case '[|': {
        this.advance();
        const sync = this.nested(false, () => this.parseExpr());
        this.close('|]', t);
        const stmts = this.nested(false, () => this.parseStmts());
        this.expect('@', "'@' after the replicated operator's generators");
        const body = this.parseExpr();
        return { kind: 'Replicated', op: '[| |]', stmts, sync, alpha: null, body, span: this.from(s) };
      }
      case '||': {
        this.advance();
        const stmts = this.nested(false, () => this.parseStmts());
        this.expect('@', "'@' after the replicated operator's generators");
        const open = this.expect('[', "'[' and the component's alphabet");
        const alpha = this.nested(false, () => this.parseExpr());
        this.close(']', open);
        const body = this.parseExpr();
        return { kind: 'Replicated', op: '||', stmts, sync: null, alpha, body, span: this.from(s) };
      }
      case '[+': {
        this.advance();
        const sync = this.nested(false, () => this.parseExpr());
        this.close('+]', t);
        const stmts = this.nested(false, () => this.parseStmts());
        this.expect('@', "'@' after the replicated operator's generators");
        const body = this.parseExpr();
        return { kind: 'Replicated', op: '[+ +]', stmts, sync, alpha: null, body, span: this.from(s) };
      }
      case '[': {
        this.advance();
        const { links, stmts: linkStmts } = this.nested(false, () => this.parseLinks(this.parseExpr()));
        this.close(']', t);
        const stmts = this.nested(false, () => this.parseStmts());
        this.expect('@', "'@' after the replicated operator's generators");
        const body = this.parseExpr();
        return { kind: 'ReplicatedLinkPar', links, linkStmts, stmts, body, span: this.from(s) };
      }
      case 'string':
        this.advance();
        return { kind: 'StringLit', value: t.text, span: s };
      case 'char':
        this.advance();
        return { kind: 'CharLit', value: t.text, span: s };
      case '(|':
        this.advance();
        return this.parseMap(t);
      default:
        return this.fail('CSP1004', s, { expected: 'an expression', found: this.describeFound(t) });
    }
  }

  private parseParen(open: Token): Expr {
    this.advance();
    return this.nested(false, () => {
      const first = this.parseExpr();
      if (this.accept(',')) {
        const items = [first];
        do items.push(this.parseExpr());
        while (this.accept(','));
        this.close(')', open);
        return { kind: 'Tuple', items, span: this.from(open.span) } satisfies Expr;
      }
      this.close(')', open);
      this.parenthesised.add(first);
      return first;
    });
  }

  private parseSet(open: Token): Expr {
    this.advance();
    return this.nested(false, (): Expr => {
      if (this.accept('}')) return { kind: 'SetEnum', items: [], span: this.from(open.span) };
      const first = this.parseExpr();
      if (this.accept('..')) {
        const to = this.at('}') || this.at('|') ? null : this.parseExpr();
        const range: Expr = { kind: 'SetRange', from: first, to, span: this.from(open.span) };
        if (this.accept('|')) return this.rangeComprehension(range, 'Union', '}', open);
        this.close('}', open);
        return { ...range, span: this.from(open.span) };
      }
      const items = [first];
      while (this.accept(',')) items.push(this.parseExpr());
      if (this.accept('|')) {
        const stmts = this.parseStmts();
        this.close('}', open);
        return { kind: 'SetComp', items, stmts, span: this.from(open.span) };
      }
      this.close('}', open);
      return { kind: 'SetEnum', items, span: this.from(open.span) };
    });
  }

  private parseEventSet(open: Token): Expr {
    this.advance();
    return this.nested(false, (): Expr => {
      const items = this.commaList('|}', () => this.parseExpr());
      // `{||}` is the empty set of events (FDR's grammar allows an empty list; RoboChart's output uses it).
      if (items.length > 0 && this.accept('|')) {
        const stmts = this.parseStmts();
        this.close('|}', open);
        return { kind: 'EventSetComp', items, stmts, span: this.from(open.span) };
      }
      this.close('|}', open);
      return { kind: 'EventSetEnum', items, span: this.from(open.span) };
    });
  }

  private parseSeq(open: Token): Expr {
    this.advance();
    return this.nested(true, (): Expr => {
      if (this.accept('>')) return { kind: 'SeqEnum', items: [], span: this.from(open.span) };
      const first = this.parseExpr();
      if (this.accept('..')) {
        const to = this.at('>') || this.at('|') ? null : this.parseExpr();
        const range: Expr = { kind: 'SeqRange', from: first, to, span: this.from(open.span) };
        if (this.accept('|')) return this.rangeComprehension(range, 'concat', '>', open);
        this.close('>', open);
        return { ...range, span: this.from(open.span) };
      }
      const items = [first];
      while (this.accept(',')) items.push(this.parseExpr());
      if (this.accept('|')) {
        const stmts = this.parseStmts();
        this.close('>', open);
        return { kind: 'SeqComp', items, stmts, span: this.from(open.span) };
      }
      this.close('>', open);
      return { kind: 'SeqEnum', items, span: this.from(open.span) };
    });
  }
}
