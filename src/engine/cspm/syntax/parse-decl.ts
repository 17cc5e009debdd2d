/**
 * Declaration and assertion parsing, with per-declaration error recovery:
 * a broken declaration yields one diagnostic and parsing resumes at the next
 * layout boundary, so one pass reports every broken declaration.
 */
import type {
  Assertion, Clause, CtorDecl, Decl, Expr, FunctionDecl, Ident, Pattern, PropertyModel, Span,
} from './ast';
import { ExprParser } from './parse-expr';
import { ParseError, describeToken } from './parser-base';
import { Prec } from './precedence';
import { toPattern } from './patterns';
import type { Token } from './tokens';

/** Includes are delegated to the caller (it owns file reading and cycle detection). */
export type IncludeHandler = (path: string, span: Span) => { resolvedPath: string; decls: Decl[] };

const UNSUPPORTED_DECL: Readonly<Record<string, string>> = {
  subtype: "'subtype' declarations",
  module: 'modules',
  timed: 'timed sections',
  instance: "'instance' declarations",
  print: "'print' statements",
};

/** Tokens that can begin the left-hand side of a definition. */
const DEFINITION_START: ReadonlySet<string> = new Set(['ident', '(', '_', '<', '<>', '{', 'int', 'true', 'false', '-']);

export class DeclParser extends ExprParser {
  constructor(tokens: readonly Token[], text: string, private readonly onInclude: IncludeHandler) {
    super(tokens, text);
  }

  parseModuleDecls(): Decl[] {
    const decls: Decl[] = [];
    while (this.tokens[this.pos]!.kind !== 'eof') {
      this.fence = this.pos;
      this.layoutColumn = 1;
      try {
        const d = this.parseDecl(true);
        if (d) pushGrouped(decls, d);
        if (!this.isBoundary(this.pos)) {
          const t = this.peek();
          this.fail('CSP1004', t.span, { expected: 'the end of the declaration (a new line)', found: describeToken(t) });
        }
      } catch (e) {
        if (e instanceof RangeError) {
          // Call-stack exhaustion on absurdly deep nesting: report it on this declaration, keep going.
          const t = this.tokens[this.fence]!;
          this.report('CSP1004', t.span, { expected: 'an expression nested less deeply', found: 'nesting too deep for the parser' });
          this.layoutColumn = 1;
          this.skipToBoundary();
          continue;
        }
        if (!(e instanceof ParseError)) throw e;
        this.diagnostics.push(e.diagnostic);
        this.layoutColumn = 1;
        this.skipToBoundary();
      }
    }
    return decls;
  }

  /** Declarations of a `let`: laid out at the column of the first one. */
  protected parseLetDecls(): Decl[] {
    const savedColumn = this.layoutColumn;
    const savedFence = this.fence;
    const first = this.peek();
    if (first.kind === 'eof' || first.kind === 'within') {
      this.fail('CSP1004', first.span, { expected: "a definition after 'let'", found: describeToken(first) });
    }
    this.layoutColumn = first.span.column;
    const decls: Decl[] = [];
    try {
      while (!this.at('within') && this.tokens[this.pos]!.kind !== 'eof') {
        // A line left of the block's column ends the block: `within` is missing.
        const t = this.tokens[this.pos]!;
        if (t.firstOnLine && t.column < this.layoutColumn) break;
        this.fence = this.pos;
        const d = this.parseDecl(false);
        if (d) pushGrouped(decls, d);
        if (!this.at('within') && !this.isBoundary(this.pos)) {
          const t = this.peek();
          this.fail('CSP1004', t.span, { expected: "a new line or 'within'", found: describeToken(t) });
        }
      }
    } finally {
      this.layoutColumn = savedColumn;
      this.fence = savedFence;
    }
    return decls;
  }

  private parseDecl(topLevel: boolean): Decl | null {
    const t = this.peek();
    const s = t.span;
    const onlyTop = (): void => {
      if (!topLevel) this.fail('CSP1013', s, { what: t.text });
    };
    switch (t.kind) {
      case 'channel': {
        onlyTop();
        this.advance();
        const names = this.nameList();
        let fields: Expr[] = [];
        if (this.accept(':')) fields = this.dotFields(this.parseExpr());
        return { kind: 'ChannelDecl', names, fields, span: this.from(s) };
      }
      case 'datatype': {
        onlyTop();
        this.advance();
        const name = this.ident();
        this.expect('=');
        const ctors: CtorDecl[] = [];
        do {
          const c = this.ident();
          const fields = this.accept('.') ? this.dotFields(this.parseExpr(Prec.DOT)) : [];
          ctors.push({ kind: 'CtorDecl', name: c, fields, span: this.from(c.span) });
        } while (this.accept('|'));
        return { kind: 'DatatypeDecl', name, ctors, span: this.from(s) };
      }
      case 'nametype': {
        onlyTop();
        this.advance();
        const name = this.ident();
        this.expect('=');
        const type = this.parseExpr();
        return { kind: 'NametypeDecl', name, type, span: this.from(s) };
      }
      case 'assert':
        onlyTop();
        return this.parseAssert(t);
      case 'include': {
        onlyTop();
        this.advance();
        const p = this.expect('string', 'a file name in double quotes');
        const { resolvedPath, decls } = this.onInclude(p.text, this.from(s));
        return { kind: 'IncludeDecl', path: p.text, resolvedPath, decls, span: this.from(s) };
      }
      case 'transparent':
      case 'external': {
        this.advance();
        const names = this.nameList();
        return { kind: t.kind === 'transparent' ? 'TransparentDecl' : 'ExternalDecl', names, span: this.from(s) };
      }
      default: {
        const unsupported = UNSUPPORTED_DECL[t.kind];
        if (unsupported) this.fail('CSP1006', s, { construct: unsupported });
        if (!DEFINITION_START.has(t.kind)) this.fail('CSP1012', s, { found: describeToken(t) });
        return this.parseDefinition();
      }
    }
  }

  private parseDefinition(): Decl {
    const lhs = this.parseExpr();
    if (this.at('::')) this.fail('CSP1006', this.peek().span, { construct: "type annotations '::'" });
    this.expect('=', "'=' (a definition)");
    const body = this.parseExpr();
    const span = this.from(lhs.span);
    if (lhs.kind === 'Var' && lhs.name !== '_') {
      return { kind: 'ValueDecl', name: { kind: 'Ident', name: lhs.name, span: lhs.span }, body, span };
    }
    if (lhs.kind === 'App') {
      const groups: Pattern[][] = [];
      let head: Expr = lhs;
      while (head.kind === 'App') {
        const group: Pattern[] = [];
        for (const a of head.args) {
          const r = toPattern(a);
          if (!r.ok) this.fail('CSP1009', r.span, { what: r.what });
          group.push(r.pattern);
        }
        groups.unshift(group);
        head = head.fn;
      }
      if (head.kind !== 'Var') this.fail('CSP1014', lhs.span, { what: 'a function must be named by an identifier' });
      const clause: Clause = { kind: 'Clause', params: groups, body, span };
      const name: Ident = { kind: 'Ident', name: head.name, span: head.span };
      return { kind: 'FunctionDecl', name, clauses: [clause], span };
    }
    const r = toPattern(lhs);
    if (!r.ok) this.fail('CSP1014', r.span, { what: r.what });
    return { kind: 'PatternDecl', pattern: r.pattern, body, span };
  }

  private parseAssert(assertTok: Token): Decl {
    this.advance();
    const negated = this.accept('not') !== undefined;
    const first = this.peek();
    const lhs = this.parseExpr();
    const assertion = this.parseAssertionTail(lhs);
    const text = this.text.slice(first.span.offset, this.prev!.span.end);
    const shown = negated ? `not ${text}` : text;
    return { kind: 'AssertDecl', negated, assertion, text: shown.replace(/\s+/g, ' ').trim(), span: this.from(assertTok.span) };
  }

  private parseAssertionTail(lhs: Expr): Assertion {
    const t = this.peek();
    if (t.kind === '[T=' || t.kind === '[F=' || t.kind === '[FD=') {
      this.advance();
      const impl = this.parseExpr();
      if (this.at(':[')) this.fail('CSP1006', this.peek().span, { construct: 'refinement options (tau priority)' });
      return { kind: 'RefinementAssertion', model: t.kind.slice(1, -1) as 'T' | 'F' | 'FD', spec: lhs, impl, span: this.from(lhs.span) };
    }
    if (t.kind === '[R=' || t.kind === '[V=') this.fail('CSP1006', t.span, { construct: `refinement model '${t.text}'` });
    if (t.kind !== ':[') this.fail('CSP1004', t.span, { expected: "a refinement '[T=', '[F=', '[FD=' or a property ':[...]'", found: describeToken(t) });
    this.advance();
    const words: Token[] = [];
    while (this.at('ident') || this.at('not')) words.push(this.advance());
    const phrase = words.map((w) => w.text).join(' ');
    const wordsSpan = words.length > 0 ? this.from(words[0]!.span) : this.peek().span;
    let model: PropertyModel | null = null;
    let closedTwice = false;
    if (this.at('[')) {
      const open = this.advance();
      const m = this.expect('ident', 'a semantic model (T, F or FD)');
      if (m.text !== 'T' && m.text !== 'F' && m.text !== 'FD') {
        this.fail('CSP1010', m.span, { what: 'model', name: m.text, expected: 'T, F or FD' });
      }
      model = m.text;
      if (this.accept(']]')) closedTwice = true;
      else this.close(']', open);
    }
    if (!closedTwice) this.close(']', t);
    switch (phrase) {
      case 'deadlock free':
      case 'divergence free':
      case 'livelock free':
      case 'deterministic':
        return { kind: 'PropertyAssertion', property: phrase, model, process: lhs, span: this.from(lhs.span) };
      case 'has trace': {
        this.expect(':', "':' before the trace");
        const trace = this.parseExpr();
        return { kind: 'HasTraceAssertion', model, process: lhs, trace, span: this.from(lhs.span) };
      }
      case 'tau priority':
      case 'tau priority over':
        return this.fail('CSP1006', wordsSpan, { construct: `':[${phrase}]'` });
      default:
        return this.fail('CSP1010', wordsSpan, {
          what: 'property',
          name: phrase,
          expected: 'deadlock free, divergence free, livelock free, deterministic or has trace',
        });
    }
  }

  private ident(): Ident {
    const t = this.expect('ident', 'a name');
    return { kind: 'Ident', name: t.text, span: t.span };
  }

  private nameList(): Ident[] {
    const names = [this.ident()];
    while (this.accept(',')) names.push(this.ident());
    return names;
  }

  /** `A.B.C` written as a type: the unparenthesised dot chain's items. */
  private dotFields(e: Expr): Expr[] {
    return e.kind === 'Dot' && !this.parenthesised.has(e) ? [...e.items] : [e];
  }
}

/** Adjacent clauses of the same function form one FunctionDecl (as in libcspm). */
function pushGrouped(decls: Decl[], d: Decl): void {
  const last = decls[decls.length - 1];
  if (last?.kind === 'FunctionDecl' && d.kind === 'FunctionDecl' && last.name.name === d.name.name) {
    const merged: FunctionDecl = {
      kind: 'FunctionDecl',
      name: last.name,
      clauses: [...last.clauses, ...d.clauses],
      span: { ...last.span, endLine: d.span.endLine, endColumn: d.span.endColumn, end: d.span.end },
    };
    decls[decls.length - 1] = merged;
  } else decls.push(d);
}
