/**
 * Declaration and assertion parsing, with per-declaration error recovery:
 * a broken declaration yields one diagnostic and parsing resumes at the next
 * layout boundary, so one pass reports every broken declaration.
 */
import type {
  AssertionOption,
  Assertion,
  Clause,
  CtorDecl,
  Decl,
  Expr,
  FunctionDecl,
  Ident,
  Pattern,
  PropertyModel,
  RefinementModel,
  Span,
} from './ast';
import { TypeAnnotationParser } from './parse-type';
import { makeDiagnostic } from '../diagnostics';
import { ParseError, describeToken } from './parser-base';
import { Prec } from './precedence';
import { toPattern } from './patterns';
import type { Token } from './tokens';

/** Includes are delegated to the caller (it owns file reading and cycle detection). */
export type IncludeHandler = (path: string, span: Span) => { resolvedPath: string; decls: Decl[] };

/** Tokens that can begin the left-hand side of a definition. */
const DEFINITION_START: ReadonlySet<string> = new Set(['ident', '(', '_', '<', '<>', '{', 'int', 'true', 'false', '-']);

export class DeclParser extends TypeAnnotationParser {
  constructor(
    tokens: readonly Token[],
    text: string,
    private readonly onInclude: IncludeHandler,
  ) {
    super(tokens, text);
  }

  parseModuleDecls(): Decl[] {
    return this.declBlock(new Set(['eof']), null);
  }

  /**
   * Declarations up to one of the `stop` tokens (not consumed), each one
   * recovered on its own. Inside a module (`inModule`) assertions and other
   * top-level-only declarations are refused.
   */
  private declBlock(stop: ReadonlySet<string>, inModule: Token | null): Decl[] {
    const decls: Decl[] = [];
    const savedFence = this.fence;
    while (!stop.has(this.tokens[this.pos]!.kind) && this.tokens[this.pos]!.kind !== 'eof') {
      this.fence = this.pos;
      try {
        const d = this.parseDecl(true, inModule);
        if (d) pushGrouped(decls, d);
        if (!this.isBoundary(this.pos)) {
          const t = this.peek();
          this.fail('CSP1004', t.span, {
            expected: 'the end of the declaration (a new line)',
            found: describeToken(t),
          });
        }
      } catch (e) {
        if (e instanceof RangeError) {
          // Call-stack exhaustion on absurdly deep nesting: report it on this declaration, keep going.
          const t = this.tokens[this.fence]!;
          this.report('CSP1004', t.span, {
            expected: 'an expression nested less deeply',
            found: 'nesting too deep for the parser',
          });
          this.skipToBoundary();
          continue;
        }
        if (!(e instanceof ParseError)) throw e;
        this.diagnostics.push(e.diagnostic);
        if (this.tokens[this.fence]!.kind === 'module') this.skipModule();
        else this.skipToBoundary();
      }
    }
    this.fence = savedFence;
    return decls;
  }

  /** Recovery inside a broken module: resume after its `endmodule` (nested modules counted). */
  private skipModule(): void {
    let depth = 0;
    for (let i = this.fence; i < this.tokens.length; i++) {
      const k = this.tokens[i]!.kind;
      if (k === 'module') depth++;
      else if (k === 'endmodule' && --depth === 0) {
        this.pos = i + 1;
        return;
      } else if (k === 'eof') break;
    }
    this.pos = this.tokens.length - 1;
  }

  /**
   * Declarations of a `let`, one per line, up to `within`. Indentation does
   * not matter (FDR's rule), except that a line in column 1 when the block is
   * indented ends it: that is a top-level declaration after a missing `within`.
   */
  protected parseLetDecls(): Decl[] {
    const savedFence = this.fence;
    const first = this.peek();
    if (first.kind === 'eof' || first.kind === 'within') {
      this.fail('CSP1004', first.span, { expected: "a definition after 'let'", found: describeToken(first) });
    }
    const decls: Decl[] = [];
    try {
      while (!this.at('within') && this.tokens[this.pos]!.kind !== 'eof') {
        const t = this.tokens[this.pos]!;
        if (t.firstOnLine && t.column === 1 && first.column > 1) break;
        this.fence = this.pos;
        const d = this.parseDecl(false, null);
        if (d) pushGrouped(decls, d);
        if (!this.at('within') && !this.isBoundary(this.pos)) {
          const t = this.peek();
          this.fail('CSP1004', t.span, { expected: "a new line or 'within'", found: describeToken(t) });
        }
      }
    } finally {
      this.fence = savedFence;
    }
    return decls;
  }

  /** `Timed(f) { decls }` or `Timed { decls }`: declarations one per line up to `}` (not `print`). */
  private parseTimed(topLevel: boolean, inModule: Token | null): Decl {
    const start = this.advance();
    let fn: Expr | null = null;
    const paren = this.accept('(');
    if (paren) {
      fn = this.parseExpr();
      this.close(')', paren);
    }
    const open = this.expect('{', "'{' and the timed section's declarations");
    const decls: Decl[] = [];
    const savedFence = this.fence;
    try {
      while (!this.at('}') && this.tokens[this.pos]!.kind !== 'eof') {
        this.fence = this.pos;
        const d = this.parseDecl(topLevel, inModule);
        if (d?.kind === 'PrintDecl') this.fail('CSP1090', d.span, { what: 'print' });
        if (d) pushGrouped(decls, d);
        if (!this.at('}') && !this.isBoundary(this.pos)) {
          const t = this.peek();
          this.fail('CSP1004', t.span, { expected: "a new line or '}'", found: describeToken(t) });
        }
      }
    } finally {
      this.fence = savedFence;
    }
    this.close('}', open);
    return { kind: 'TimedDecl', fn, decls, span: this.from(start.span) };
  }

  private parseDecl(topLevel: boolean, inModule: Token | null): Decl | null {
    const t = this.peek();
    const s = t.span;
    const onlyTop = (): void => {
      if (!topLevel) this.fail('CSP1013', s, { what: t.text });
    };
    const notInModule = (): void => {
      if (inModule) this.fail('CSP1020', s, { what: t.text });
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
        return { kind: 'DatatypeDecl', name, ctors: this.ctorList(), span: this.from(s) };
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
        notInModule();
        return this.parseAssert(t);
      case 'module':
        onlyTop();
        return this.parseModule(t);
      case 'instance': {
        onlyTop();
        this.advance();
        const name = this.ident();
        this.expect('=', "'=' after the instance name");
        const module = this.ident();
        let args: Expr[] | null = null;
        const open = this.accept('(');
        if (open) {
          args = this.commaList(')', () => this.parseExpr());
          if (args.length === 0)
            this.fail('CSP1004', this.peek().span, {
              expected: "the module's arguments",
              found: describeToken(this.peek()),
            });
          this.close(')', open);
        }
        return { kind: 'InstanceDecl', name, module, args, span: this.from(s) };
      }
      case 'subtype': {
        onlyTop();
        this.advance();
        const name = this.ident();
        this.expect('=');
        return { kind: 'SubtypeDecl', name, ctors: this.ctorList(), span: this.from(s) };
      }
      case 'print':
        onlyTop();
        notInModule();
        this.advance();
        return { kind: 'PrintDecl', expr: this.parseExpr(), span: this.from(s) };
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
        const after = this.tokens[this.pos + 1]?.kind;
        if (t.kind === 'ident' && t.text === 'Timed' && (after === '(' || after === '{'))
          return this.parseTimed(topLevel, inModule);
        if (!DEFINITION_START.has(t.kind)) this.fail('CSP1012', s, { found: describeToken(t) });
        return this.parseDefinition();
      }
    }
  }

  /** `module M(p, q)` … `exports` … `endmodule`, once `module` is the current token. */
  private parseModule(moduleTok: Token): Decl {
    this.advance();
    const name = this.ident();
    let params: Pattern[] | null = null;
    const open = this.accept('(');
    if (open) {
      params = this.commaList(')', () => this.parsePattern());
      if (params.length === 0)
        this.fail('CSP1004', this.peek().span, {
          expected: "the module's parameters",
          found: describeToken(this.peek()),
        });
      this.close(')', open);
    }
    const privateDecls = this.declBlock(MODULE_PRIVATE_END, moduleTok);
    if (this.tokens[this.pos]!.kind !== 'exports') this.failClose('exports', moduleTok);
    this.pos++;
    const exportedDecls = this.declBlock(MODULE_END, moduleTok);
    if (this.tokens[this.pos]!.kind !== 'endmodule') this.failClose('endmodule', moduleTok);
    this.pos++;
    return { kind: 'ModuleDecl', name, params, privateDecls, exportedDecls, span: this.from(moduleTok.span) };
  }

  private failClose(close: string, open: Token): never {
    const t = this.tokens[this.pos]!;
    throw new ParseError(
      makeDiagnostic('CSP1005', t.span, { close, open: open.text }, [
        { message: `'${open.text}' opened here`, span: open.span },
      ]),
    );
  }

  /** `A | B.{0..3} | C.Bool` in a datatype or subtype. */
  private ctorList(): CtorDecl[] {
    const ctors: CtorDecl[] = [];
    do {
      const c = this.ident();
      const fields = this.accept('.') ? this.dotFields(this.parseExpr(Prec.DOT)) : [];
      ctors.push({ kind: 'CtorDecl', name: c, fields, span: this.from(c.span) });
    } while (this.accept('|'));
    return ctors;
  }

  private parseDefinition(): Decl {
    const lhs = this.parseExpr();
    if ((this.at('::') || this.at(',')) && lhs.kind === 'Var') return this.parseTypeAnnotation(lhs);
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
    const options = this.parseAssertionOptions();
    return {
      kind: 'AssertDecl',
      negated,
      assertion,
      text: shown.replace(/\s+/g, ' ').trim(),
      ...(options.length > 0 ? { options } : {}),
      span: this.from(assertTok.span),
    };
  }

  /** `:[partial order reduce [mode]]` and `:[tau priority over]: A` after an assertion, each at most once. */
  private parseAssertionOptions(): AssertionOption[] {
    const options: AssertionOption[] = [];
    while (this.at(':[')) {
      const open = this.advance();
      const words: Token[] = [];
      while (this.at('ident')) words.push(this.advance());
      const phrase = words.map((w) => w.text).join(' ');
      let option: AssertionOption;
      if (phrase === 'partial order reduce') {
        let mode: string | null = null;
        const inner = this.accept('[');
        if (inner) {
          mode = this.expect('ident', 'a reduction mode (fast, precise or hybrid)').text;
          if (!this.accept(']]')) {
            this.close(']', inner, false);
            this.close(']', open, false);
          }
        } else this.close(']', open, false);
        option = { kind: 'PartialOrderReduce', mode, span: this.from(open.span) };
      } else if (phrase === 'tau priority' || phrase === 'tau priority over') {
        this.close(']', open, false);
        this.expect(':', "':' before the set of events tau has priority over");
        option = { kind: 'TauPriority', set: this.parseExpr(), span: this.from(open.span) };
      } else {
        const span = words.length > 0 ? this.from(words[0]!.span) : this.peek().span;
        return this.fail('CSP1010', span, {
          what: 'assertion option',
          name: phrase,
          expected: 'partial order reduce or tau priority over',
        });
      }
      if (options.some((o) => o.kind === option.kind)) this.fail('CSP1023', option.span, { name: phrase });
      options.push(option);
    }
    return options;
  }

  private parseAssertionTail(lhs: Expr): Assertion {
    const t = this.peek();
    if (REFINEMENT_TOKENS.has(t.kind)) {
      this.advance();
      const impl = this.parseExpr();
      return {
        kind: 'RefinementAssertion',
        model: t.kind.slice(1, -1) as RefinementModel,
        modelSpan: t.span,
        spec: lhs,
        impl,
        span: this.from(lhs.span),
      };
    }
    if (t.kind !== ':[')
      this.fail('CSP1004', t.span, {
        expected: "a refinement ('[T=', '[F=', '[FD=', …) or a property ':[...]'",
        found: describeToken(t),
      });
    this.advance();
    const words: Token[] = [];
    // FDR also writes the properties with hyphens: `deadlock-free`, `divergence-free`, `livelock-free`.
    while (
      this.at('ident') ||
      this.at('not') ||
      (this.at('-') && words.length > 0 && this.tokens[this.pos + 1]?.kind === 'ident')
    ) {
      const w = this.advance();
      if (w.kind !== '-') words.push(w);
    }
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
      else this.close(']', open, false);
    }
    if (!closedTwice) this.close(']', t, false);
    switch (phrase) {
      case 'deadlock free':
      case 'divergence free':
      case 'livelock free':
      case 'deterministic':
        return { kind: 'PropertyAssertion', property: phrase, model, process: lhs, span: this.from(lhs.span) };
      case 'has trace': {
        this.accept(':');
        const trace = this.parseExpr();
        return { kind: 'HasTraceAssertion', model, process: lhs, trace, span: this.from(lhs.span) };
      }
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

/** `[T=` … `[VD=`: every refinement model FDR4 checks. */
const REFINEMENT_TOKENS: ReadonlySet<string> = new Set(['[T=', '[F=', '[FD=', '[R=', '[RD=', '[V=', '[VD=']);

const MODULE_PRIVATE_END: ReadonlySet<string> = new Set(['exports', 'endmodule']);
const MODULE_END: ReadonlySet<string> = new Set(['endmodule', 'exports']);

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
