/**
 * Tokens → syntax tree, by recursive descent with JavaScript's precedence:
 * `?:` < `??` < `||` < `&&` < equality < comparison < `+ -` < `* / %` < unary
 * < member access and calls. Like JavaScript, `??` does not mix with `&&`/`||`
 * without parentheses. Nesting is counted so that deep input is an error, not
 * a stack overflow; method calls are refused here with the function to use.
 */
import { EXPR_LIMITS } from './ast';
import type { BinaryOp, Expr, ExprError, ObjectEntry } from './ast';
import { tokenize } from './lexer';
import type { Token } from './lexer';

export type Parsed = { ok: true; expr: Expr } | { ok: false; error: ExprError };

/** Methods and namespaced JavaScript calls people write, and the built-in that does the job. */
const METHOD_HINTS: Readonly<Record<string, string>> = {
  toUpperCase: 'upper',
  toLowerCase: 'lower',
  trim: 'trim',
  includes: 'contains',
  startsWith: 'startsWith',
  endsWith: 'endsWith',
  split: 'split',
  join: 'join',
  slice: 'slice',
  replace: 'replace',
  replaceAll: 'replace',
  toString: 'str',
  concat: 'merge',
};
/** `Object.keys(x)`, `Math.max(a, b)`, `JSON.parse(s)`: the receiver is a namespace, not an argument. */
const NAMESPACE_HINTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Object: { keys: 'keys', values: 'values', assign: 'merge', hasOwn: 'has' },
  Math: { round: 'round', floor: 'floor', ceil: 'ceil', abs: 'abs', min: 'min', max: 'max', trunc: 'int' },
  JSON: { parse: 'json', stringify: 'str' },
};
const WORD_HINTS: Readonly<Record<string, string>> = {
  in: "'in' is not supported (use has(obj, key))",
  instanceof: "'instanceof' is not supported (use type(x))",
  typeof: "'typeof' is not supported (use type(x))",
  new: "'new' is not supported",
  function: 'functions are not supported',
};
const own = (table: object, key: string): boolean => Object.hasOwn(table, key);

class ParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export function parseExpression(text: string): Parsed {
  if (text.length > EXPR_LIMITS.maxLength) {
    return {
      ok: false,
      error: {
        message: `expression is longer than ${EXPR_LIMITS.maxLength} characters`,
        column: EXPR_LIMITS.maxLength + 1,
      },
    };
  }
  const lexed = tokenize(text);
  if (!lexed.ok) return lexed;
  try {
    return { ok: true, expr: new Parser(text, lexed.tokens).parseAll() };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: { message: e.message, column: e.offset + 1 } };
    throw e;
  }
}

class Parser {
  private pos = 0;
  private depth = 0;
  /** Nodes written inside parentheses: they may mix `??` with `&&`/`||`. */
  private readonly parenthesized = new Set<Expr>();

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  parseAll(): Expr {
    if (this.peek().kind === 'end') throw new ParseError('expression is empty', 0);
    const expr = this.conditional();
    if (this.peek().kind !== 'end') throw this.unexpected(this.peek());
    return expr;
  }

  // ── tokens ──

  private peek(): Token {
    return this.tokens[this.pos] ?? this.tokens[this.tokens.length - 1]!;
  }
  private at(punct: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.text === punct;
  }
  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.pos++;
    return t;
  }
  private eat(punct: string): Token | undefined {
    return this.at(punct) ? this.next() : undefined;
  }
  private expect(punct: string, what: string): Token {
    const t = this.eat(punct);
    if (t) return t;
    const found = this.peek();
    throw new ParseError(`expected '${punct}' ${what}, found ${describe(found)}`, found.start);
  }
  private get lastEnd(): number {
    return this.tokens[this.pos - 1]?.end ?? 0;
  }
  private unexpected(t: Token): ParseError {
    if (t.kind === 'name' && own(WORD_HINTS, t.text)) return new ParseError(WORD_HINTS[t.text]!, t.start);
    return new ParseError(`unexpected ${describe(t)}`, t.start);
  }

  /** Runs `parse` one nesting level deeper; `opener` is blamed when the limit is passed. */
  private nested<T>(opener: Token, parse: () => T): T {
    if (++this.depth > EXPR_LIMITS.maxDepth) {
      throw new ParseError(`expression is nested too deeply (more than ${EXPR_LIMITS.maxDepth} levels)`, opener.start);
    }
    const result = parse();
    this.depth--;
    return result;
  }

  // ── precedence levels, lowest first ──

  private conditional(): Expr {
    const test = this.shortCircuit();
    const question = this.eat('?');
    if (!question) return test;
    return this.nested(question, () => {
      const then = this.conditional();
      this.expect(':', "after the 'then' branch of '?'");
      const otherwise = this.conditional();
      return {
        kind: 'conditional',
        test,
        then,
        otherwise,
        start: test.start,
        end: this.lastEnd,
        column: question.start + 1,
      };
    });
  }

  private shortCircuit(): Expr {
    let left = this.or();
    if (!this.at('??')) return left;
    const mixed = "'??' cannot be mixed with '&&' or '||' without parentheses";
    if (left.kind === 'logical' && !this.parenthesized.has(left)) throw new ParseError(mixed, this.peek().start);
    for (let op = this.eat('??'); op; op = this.eat('??')) {
      const right = this.equality();
      left = { kind: 'logical', op: '??', left, right, start: left.start, end: right.end, column: op.start + 1 };
    }
    if (this.at('&&') || this.at('||')) throw new ParseError(mixed, this.peek().start);
    return left;
  }

  private or(): Expr {
    let left = this.and();
    for (let op = this.eat('||'); op; op = this.eat('||')) {
      const right = this.and();
      left = { kind: 'logical', op: '||', left, right, start: left.start, end: right.end, column: op.start + 1 };
    }
    return left;
  }

  private and(): Expr {
    let left = this.equality();
    for (let op = this.eat('&&'); op; op = this.eat('&&')) {
      const right = this.equality();
      left = { kind: 'logical', op: '&&', left, right, start: left.start, end: right.end, column: op.start + 1 };
    }
    return left;
  }

  private equality(): Expr {
    return this.binaryLevel(['==', '!=', '===', '!=='], () => this.relational());
  }
  private relational(): Expr {
    return this.binaryLevel(['<', '<=', '>', '>='], () => this.additive());
  }
  private additive(): Expr {
    return this.binaryLevel(['+', '-'], () => this.multiplicative());
  }
  private multiplicative(): Expr {
    return this.binaryLevel(['*', '/', '%'], () => this.unary());
  }

  /** One left-associative level of binary operators. */
  private binaryLevel(ops: readonly BinaryOp[], operand: () => Expr): Expr {
    let left = operand();
    for (;;) {
      const t = this.peek();
      const op = ops.find((o) => t.kind === 'punct' && t.text === o);
      if (!op) return left;
      this.next();
      const right = operand();
      left = { kind: 'binary', op, left, right, start: left.start, end: right.end, column: t.start + 1 };
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind === 'punct' && (t.text === '!' || t.text === '-' || t.text === '+')) {
      const op = t.text;
      this.next();
      const operand = this.nested(t, () => this.unary());
      return { kind: 'unary', op, operand, start: t.start, end: operand.end, column: t.start + 1 };
    }
    return this.postfix();
  }

  // ── member access, calls, primaries ──

  private postfix(): Expr {
    let expr = this.primary();
    let optionalSeen = false;
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'punct') break;
      if (t.text === '.') {
        this.next();
        expr = this.member(expr, t, false);
      } else if (t.text === '?.') {
        this.next();
        optionalSeen = true;
        if (this.at('[')) {
          this.next();
          expr = this.index(expr, t, true);
        } else if (this.at('(')) {
          throw new ParseError('only built-in functions can be called, by name', t.start);
        } else {
          expr = this.member(expr, t, true);
        }
      } else if (t.text === '[') {
        this.next();
        expr = this.index(expr, t, false);
      } else if (t.text === '(') {
        this.next();
        throw this.methodCall(expr, t);
      } else {
        break;
      }
    }
    if (!optionalSeen) return expr;
    return { kind: 'chain', expr, start: expr.start, end: expr.end, column: expr.column };
  }

  private member(object: Expr, dot: Token, optional: boolean): Expr {
    const name = this.next();
    if (name.kind !== 'name')
      throw new ParseError(`expected a property name after '${dot.text}', found ${describe(name)}`, name.start);
    return {
      kind: 'member',
      object,
      property: name.text,
      optional,
      start: object.start,
      end: name.end,
      column: dot.start + 1,
    };
  }

  private index(object: Expr, open: Token, optional: boolean): Expr {
    const index = this.nested(open, () => this.conditional());
    this.expect(']', 'to close the index');
    return { kind: 'index', object, index, optional, start: object.start, end: this.lastEnd, column: open.start + 1 };
  }

  /** `x.f(…)` or `(x)(…)`: refused, with the built-in to call instead when there is one. */
  private methodCall(callee: Expr, open: Token): ParseError {
    const args = this.nested(open, () => this.argumentList());
    const argsText = args.length ? this.text.slice(args[0]!.start, args[args.length - 1]!.end) : '';
    if (callee.kind !== 'member') return new ParseError('only built-in functions can be called, by name', open.start);
    const receiver = this.text.slice(callee.object.start, callee.object.end);
    const namespace =
      callee.object.kind === 'name' && own(NAMESPACE_HINTS, callee.object.name)
        ? NAMESPACE_HINTS[callee.object.name]
        : undefined;
    if (namespace) {
      const fn = own(namespace, callee.property) ? namespace[callee.property] : undefined;
      const suggestion = fn ? `: write ${fn}(${argsText})` : '';
      return new ParseError(`${receiver}.${callee.property} is not available${suggestion}`, callee.start);
    }
    const fn = own(METHOD_HINTS, callee.property) ? METHOD_HINTS[callee.property] : undefined;
    const written = `${fn ?? 'f'}(${[receiver, argsText].filter((s) => s !== '').join(', ')})`;
    const advice = fn ? `write ${written} instead` : `call a built-in function instead, e.g. ${written}`;
    return new ParseError(`methods are not supported (.${callee.property}): ${advice}`, callee.column - 1);
  }

  private argumentList(): Expr[] {
    const args: Expr[] = [];
    while (!this.at(')')) {
      args.push(this.conditional());
      if (!this.eat(',')) break;
    }
    this.expect(')', 'to close the argument list');
    return args;
  }

  private primary(): Expr {
    const t = this.next();
    const place = { start: t.start, end: t.end, column: t.start + 1 };
    switch (t.kind) {
      case 'number':
        return { kind: 'literal', value: t.value ?? Number(t.text), ...place };
      case 'string':
        return { kind: 'literal', value: t.text, ...place };
      case 'name':
        return this.word(t);
      case 'end':
        throw new ParseError('unexpected end of expression', t.start);
      case 'punct':
        if (t.text === '(') return this.group(t);
        if (t.text === '[') return this.nested(t, () => this.arrayLiteral(t));
        if (t.text === '{') return this.nested(t, () => this.objectLiteral(t));
        throw this.unexpected(t);
    }
  }

  private word(t: Token): Expr {
    const place = { start: t.start, end: t.end, column: t.start + 1 };
    if (t.text === 'true' || t.text === 'false') return { kind: 'literal', value: t.text === 'true', ...place };
    if (t.text === 'null') return { kind: 'literal', value: null, ...place };
    if (own(WORD_HINTS, t.text)) throw new ParseError(WORD_HINTS[t.text]!, t.start);
    if (!this.at('(')) return { kind: 'name', name: t.text, ...place };
    const open = this.next();
    const args = this.nested(open, () => this.argumentList());
    return { kind: 'call', name: t.text, args, start: t.start, end: this.lastEnd, column: t.start + 1 };
  }

  private group(open: Token): Expr {
    const inner = this.nested(open, () => this.conditional());
    this.expect(')', "to close '('");
    this.parenthesized.add(inner);
    return inner;
  }

  private arrayLiteral(open: Token): Expr {
    const items: Expr[] = [];
    while (!this.at(']')) {
      if (this.at(',')) throw new ParseError('empty element in an array (remove the extra comma)', this.peek().start);
      items.push(this.conditional());
      if (!this.eat(',')) break;
    }
    this.expect(']', 'to close the array');
    return { kind: 'array', items, start: open.start, end: this.lastEnd, column: open.start + 1 };
  }

  private objectLiteral(open: Token): Expr {
    const entries: ObjectEntry[] = [];
    while (!this.at('}')) {
      entries.push(this.objectEntry());
      if (!this.eat(',')) break;
    }
    this.expect('}', 'to close the object');
    return { kind: 'object', entries, start: open.start, end: this.lastEnd, column: open.start + 1 };
  }

  /** `name: v`, `"key": v`, `1: v`, or the shorthand `name` (meaning `name: name`). */
  private objectEntry(): ObjectEntry {
    const t = this.next();
    if (t.kind === 'punct' && t.text === '[')
      throw new ParseError('computed keys ([...]: v) are not supported', t.start);
    if (t.kind !== 'name' && t.kind !== 'string' && t.kind !== 'number') {
      throw new ParseError(`expected a key in the object, found ${describe(t)}`, t.start);
    }
    const key = t.kind === 'number' ? String(t.value) : t.text;
    if (this.eat(':')) return { key, value: this.conditional() };
    const keyword = t.text === 'true' || t.text === 'false' || t.text === 'null';
    if (t.kind !== 'name' || keyword)
      throw new ParseError(`expected ':' after the key ${JSON.stringify(key)}`, this.peek().start);
    return { key, value: { kind: 'name', name: t.text, start: t.start, end: t.end, column: t.start + 1 } };
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'end':
      return 'end of expression';
    case 'name':
      return `name '${t.text}'`;
    case 'number':
      return `number ${t.text}`;
    case 'string':
      return `string ${JSON.stringify(t.text)}`;
    case 'punct':
      return `'${t.text}'`;
  }
}
