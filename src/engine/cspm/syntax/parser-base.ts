/**
 * Token cursor shared by the expression and declaration parsers: lookahead,
 * the layout rule, spans and error recovery.
 *
 * Layout (FDR's rule, whatever the indentation): a declaration ends where a
 * line starts with a token that can start a declaration, unless the previous
 * line ended with an operator that still wants an operand. Such a token reads
 * as end-of-input to the expression parser, so an error in one declaration
 * never swallows the next one. The same rule separates the declarations of a
 * `let` and of a module.
 */
import type { Span } from './ast';
import { makeDiagnostic, type Diagnostic, type DiagnosticArgs, type DiagnosticCode } from '../diagnostics';
import type { Token, TokenKind } from './tokens';

/** Thrown inside the parser only; caught at declaration level and turned into a diagnostic. */
export class ParseError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/** Tokens that can begin a declaration (anything else at column 1 continues the previous line). */
const DECL_START: ReadonlySet<TokenKind> = new Set<TokenKind>([
  'ident',
  'channel',
  'datatype',
  'nametype',
  'subtype',
  'assert',
  'include',
  'transparent',
  'external',
  'module',
  'instance',
  'print',
  '(',
  // A sequence pattern binding (`<x, y> = s`): FDR never reads a line break before `<` as a continuation.
  '<',
  'exports',
  'endmodule',
]);

/** Tokens after which a line break never ends a declaration (an operand is still expected). */
const NOT_PENDING: ReadonlySet<TokenKind> = new Set<TokenKind>([
  'int',
  'ident',
  'string',
  'char',
  'eof',
  'true',
  'false',
  ')',
  '}',
  ']',
  ']]',
  '|}',
  'endmodule',
  '|)',
  '>',
  '<>',
  '_',
]);

export function describeToken(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'end of input';
    case 'int':
      return `number ${t.text}`;
    case 'ident':
      return `name '${t.text}'`;
    case 'string':
      return 'string literal';
    default:
      return `'${t.text}'`;
  }
}

export class ParserBase {
  protected pos = 0;
  /** Index of the first token of the current declaration: it is never a boundary. */
  protected fence = 0;
  /** Indices of `]` tokens that close an alphabet or links (`[A || B]`): an operand follows them, maybe on the next line. */
  private readonly soaking = new Set<number>();
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    protected readonly tokens: readonly Token[],
    protected readonly text: string,
  ) {}

  protected get prev(): Token | undefined {
    return this.pos > 0 ? this.tokens[this.pos - 1] : undefined;
  }

  /** True when token i ends the current declaration by layout. */
  protected isBoundary(i: number): boolean {
    const t = this.tokens[i]!;
    if (t.kind === 'eof') return true;
    if (i === this.fence || !t.firstOnLine) return false;
    if (!DECL_START.has(t.kind)) return false;
    const p = this.tokens[i - 1];
    return p === undefined || (NOT_PENDING.has(p.kind) && !this.soaking.has(i - 1));
  }

  /** The current token, or eof if layout ends the declaration here. */
  protected peek(): Token {
    if (this.isBoundary(this.pos)) return this.eofAt(this.pos);
    return this.tokens[this.pos]!;
  }

  private eofAt(i: number): Token {
    const t = this.tokens[Math.min(i, this.tokens.length - 1)]!;
    return t.eofHere();
  }

  protected at(kind: TokenKind): boolean {
    return this.peek().kind === kind;
  }

  protected advance(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  protected accept(kind: TokenKind): Token | undefined {
    return this.at(kind) ? this.advance() : undefined;
  }

  protected expect(kind: TokenKind, what?: string): Token {
    const t = this.peek();
    if (t.kind === kind) return this.advance();
    this.fail('CSP1004', t.span, { expected: what ?? `'${kind}'`, found: this.describeFound(t) });
  }

  /** Like describeToken, but says when layout (not the file's end) ended the declaration. */
  protected describeFound(t: Token): string {
    const real = this.tokens[this.pos]!;
    return t.kind === 'eof' && real.kind !== 'eof'
      ? `the next declaration (${describeToken(real)} in column ${real.column})`
      : describeToken(t);
  }

  /** Expect a closing bracket; the message names the opener. A `]` is followed by an operand unless `operandFollows` is false. */
  protected close(kind: TokenKind, open: Token, operandFollows = true): Token {
    const t = this.peek();
    if (t.kind === kind) {
      if (kind === ']' && operandFollows) this.soaking.add(this.pos);
      return this.advance();
    }
    throw new ParseError(
      makeDiagnostic('CSP1005', t.span, { close: kind, open: open.text }, [
        { message: `'${open.text}' opened here`, span: open.span },
      ]),
    );
  }

  protected fail(code: DiagnosticCode, span: Span, args: DiagnosticArgs = {}): never {
    throw new ParseError(makeDiagnostic(code, span, args));
  }

  protected report(code: DiagnosticCode, span: Span, args: DiagnosticArgs = {}): void {
    this.diagnostics.push(makeDiagnostic(code, span, args));
  }

  /** Span from a start span to the end of the last consumed token. */
  protected from(start: Span): Span {
    const p = this.prev;
    if (!p || p.end < start.offset) return start;
    if (p.end <= start.end) return start;
    return {
      file: start.file,
      line: start.line,
      column: start.column,
      endLine: p.line,
      endColumn: p.column + (p.end - p.offset),
      offset: start.offset,
      end: p.end,
    };
  }

  /** Skip to the next declaration boundary (error recovery). */
  protected skipToBoundary(): void {
    if (this.pos === this.fence && this.tokens[this.pos]!.kind !== 'eof') this.pos++;
    while (!this.isBoundary(this.pos)) this.pos++;
  }
}
