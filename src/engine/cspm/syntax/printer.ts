/**
 * Pretty-printer: AST → CSPm text that parses back to the same AST (spans
 * aside). Parentheses are inserted only where the precedence table requires;
 * `let` blocks are printed over several lines because their declarations are
 * separated by layout.
 */
import type { Assertion, Decl, Expr, LinkPair, Pattern, ProcSetOpKind, Stmt } from './ast';
import { Prec } from './precedence';
import { printTypeScheme } from './print-type';

interface Ctx {
  /** Inside `< ... >` without an intervening bracket: a bare `>` would close the sequence. */
  readonly inSeq: boolean;
  /** Indentation of the current line, for multi-line `let`. */
  readonly indent: number;
}
const TOP: Ctx = { inSeq: false, indent: 0 };

const BINARY_PREC: Readonly<Record<string, number>> = {
  '+': Prec.ADD,
  '-': Prec.ADD,
  '*': Prec.MUL,
  '/': Prec.MUL,
  '%': Prec.MUL,
  '==': Prec.CMP,
  '!=': Prec.CMP,
  '<': Prec.CMP,
  '>': Prec.CMP,
  '<=': Prec.CMP,
  '>=': Prec.CMP,
  and: Prec.AND,
  or: Prec.OR,
  '^': Prec.CONCAT,
};
const PROC_PREC: Readonly<Record<string, number>> = {
  '[]': Prec.EXTCHOICE,
  '|~|': Prec.INTCHOICE,
  ';': Prec.SEQ,
  '/\\': Prec.INTERRUPT,
  '[>': Prec.SLIDING,
  '|||': Prec.INTERLEAVE,
};

export function exprPrec(e: Expr): number {
  switch (e.kind) {
    case 'App':
    case 'Rename':
      return Prec.APP;
    case 'Binary':
      return BINARY_PREC[e.op]!;
    case 'Unary':
      return e.op === '-' ? Prec.ADD : e.op === 'not' ? Prec.NOT : Prec.HASH;
    case 'Dot':
      return Prec.DOT;
    case 'Prefix':
    case 'Guard':
      return Prec.PREFIX;
    case 'ProcBinary':
      return PROC_PREC[e.op]!;
    case 'GenPar':
    case 'AlphaPar':
    case 'LinkPar':
      return Prec.PAR;
    case 'ProcSetOp':
      return e.op === 'exception' ? Prec.PAR : e.op === 'syncExtChoice' ? Prec.EXTCHOICE : Prec.INTERRUPT;
    case 'Hide':
    case 'Project':
      return Prec.HIDE;
    case 'If':
    case 'Let':
    case 'Lambda':
    case 'Replicated':
    case 'ReplicatedLinkPar':
      return Prec.LOWEST;
    default:
      return Prec.ATOM;
  }
}

/**
 * Avoid gluing the body's first character to an opening bracket: `{-` opens a
 * comment, `<-`, `{|`, `[|`, `[[` and `[]` are tokens of their own.
 */
function inner(open: string, body: string, close: string): string {
  return open + (/^[-|[]/.test(body) ? ' ' : '') + body + close;
}

/** A string or character literal's contents with FDR's escapes. */
function escapeText(text: string, quote: string): string {
  return text.replace(/[\\\n\r\t]|["']/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : c === '\\' || c === quote ? '\\' + c : c,
  );
}

function links(ls: readonly LinkPair[], ss: readonly Stmt[], ctx: Ctx): string {
  const pairs = ls.map((l) => `${expr(l.from, Prec.LOWEST, ctx)} <-> ${expr(l.to, Prec.LOWEST, ctx)}`).join(', ');
  return inner('[', pairs + (ss.length > 0 ? ` | ${stmts(ss, ctx)}` : ''), ']');
}

const SET_OP_BRACKETS: Readonly<Record<ProcSetOpKind, readonly [string, string]>> = {
  exception: ['[|', '|>'],
  syncExtChoice: ['[+', '+]'],
  syncInterrupt: ['/+', '+\\'],
};

function list(items: readonly Expr[], ctx: Ctx): string {
  return items.map((e) => expr(e, Prec.LOWEST, ctx)).join(', ');
}

function stmts(ss: readonly Stmt[], ctx: Ctx): string {
  return ss
    .map((s) =>
      s.kind === 'Generator'
        ? `${pattern(s.pattern, Prec.LOWEST)} ${s.arrow} ${expr(s.source, Prec.LOWEST, ctx)}`
        : expr(s.expr, Prec.LOWEST, ctx),
    )
    .join(', ');
}

export function printExpr(e: Expr): string {
  return expr(e, Prec.LOWEST, TOP);
}

function expr(e: Expr, min: number, ctx: Ctx): string {
  const needParens = exprPrec(e) < min || (ctx.inSeq && e.kind === 'Binary' && e.op === '>');
  if (needParens) return `(${bare(e, { ...ctx, inSeq: false })})`;
  return bare(e, ctx);
}

function bare(e: Expr, ctx: Ctx): string {
  const flat: Ctx = { ...ctx, inSeq: false };
  switch (e.kind) {
    case 'IntLit':
      return String(e.value);
    case 'BoolLit':
      return e.value ? 'true' : 'false';
    case 'Var':
      return e.name;
    case 'App':
      return `${expr(e.fn, Prec.APP, ctx)}(${list(e.args, flat)})`;
    case 'Binary': {
      const p = BINARY_PREC[e.op]!;
      return `${expr(e.left, p, ctx)} ${e.op} ${expr(e.right, p + 1, ctx)}`;
    }
    case 'Unary': {
      if (e.op === '-') return `-${expr(e.operand, Prec.ADD + 1, ctx)}`;
      if (e.op === 'not') return `not ${expr(e.operand, Prec.NOT + 1, ctx)}`;
      return `#${expr(e.operand, Prec.HASH + 1, ctx)}`;
    }
    case 'If':
      return `if ${expr(e.cond, Prec.LOWEST, flat)} then ${expr(e.then, Prec.LOWEST, flat)} else ${expr(e.else, Prec.LOWEST, ctx)}`;
    case 'Let': {
      const pad = ' '.repeat(ctx.indent + 4);
      const declCtx: Ctx = { inSeq: false, indent: ctx.indent + 4 };
      const body = e.decls
        .map(
          (d) =>
            pad +
            decl(d, declCtx)
              .split('\n')
              .join('\n' + pad),
        )
        .join('\n');
      return `let\n${body}\n${' '.repeat(ctx.indent + 2)}within ${expr(e.body, Prec.LOWEST, { ...ctx, indent: ctx.indent + 2 })}`;
    }
    case 'Lambda':
      return `\\ ${e.params.map((p) => pattern(p, Prec.DOT)).join(', ')} @ ${expr(e.body, Prec.LOWEST, ctx)}`;
    case 'Tuple':
      return `(${list(e.items, flat)})`;
    case 'Dot':
      return e.items.map((i) => expr(i, Prec.DOT + 1, ctx)).join('.');
    case 'SetEnum':
      return inner('{', list(e.items, flat), '}');
    case 'SetRange':
      return inner('{', `${expr(e.from, Prec.LOWEST, flat)}..${e.to ? expr(e.to, Prec.LOWEST, flat) : ''}`, '}');
    case 'SetComp':
      return inner('{', `${list(e.items, flat)} | ${stmts(e.stmts, flat)}`, '}');
    case 'SeqEnum': {
      if (e.items.length === 0) return '<>';
      const seq: Ctx = { ...ctx, inSeq: true };
      return inner('<', list(e.items, seq), '>');
    }
    case 'SeqRange': {
      const seq: Ctx = { ...ctx, inSeq: true };
      return inner('<', `${expr(e.from, Prec.LOWEST, seq)}..${e.to ? expr(e.to, Prec.LOWEST, seq) : ''}`, '>');
    }
    case 'SeqComp': {
      const seq: Ctx = { ...ctx, inSeq: true };
      return inner('<', `${list(e.items, seq)} | ${stmts(e.stmts, seq)}`, '>');
    }
    case 'EventSetEnum':
      return `{| ${list(e.items, flat)} |}`;
    case 'EventSetComp':
      return `{| ${list(e.items, flat)} | ${stmts(e.stmts, flat)} |}`;
    case 'Prefix': {
      if (e.fields.length === 0) return `${expr(e.event, Prec.FIELD, ctx)} -> ${expr(e.body, Prec.PREFIX, ctx)}`;
      const fields = e.fields
        .map((f) =>
          f.kind === 'InputField'
            ? `${f.nondeterministic ? '$' : '?'}${pattern(f.pattern, Prec.DOT)}${f.restriction ? ':' + expr(f.restriction, Prec.OR, ctx) : ''}`
            : `!${expr(f.expr, Prec.DOT, ctx)}`,
        )
        .join('');
      return `${expr(e.event, Prec.FIELD + 1, ctx)}${fields} -> ${expr(e.body, Prec.PREFIX, ctx)}`;
    }
    case 'Guard':
      return `${expr(e.cond, Prec.PREFIX + 1, ctx)} & ${expr(e.body, Prec.PREFIX, ctx)}`;
    case 'ProcBinary': {
      const p = PROC_PREC[e.op]!;
      return `${expr(e.left, p, ctx)} ${e.op} ${expr(e.right, p + 1, ctx)}`;
    }
    case 'GenPar':
      return `${expr(e.left, Prec.PAR, ctx)} [| ${expr(e.sync, Prec.LOWEST, flat)} |] ${expr(e.right, Prec.PAR + 1, ctx)}`;
    case 'AlphaPar':
      return `${expr(e.left, Prec.PAR, ctx)} ${inner('[', `${expr(e.leftAlpha, Prec.LOWEST, flat)} || ${expr(e.rightAlpha, Prec.LOWEST, flat)}`, ']')} ${expr(e.right, Prec.PAR + 1, ctx)}`;
    case 'Hide':
      return `${expr(e.body, Prec.HIDE, ctx)} \\ ${expr(e.set, Prec.PREFIX, ctx)}`;
    case 'Rename': {
      const pairs = e.pairs
        .map((p) => `${expr(p.from, Prec.LOWEST, flat)} <- ${expr(p.to, Prec.LOWEST, flat)}`)
        .join(', ');
      const comp = e.stmts.length > 0 ? ` | ${stmts(e.stmts, flat)}` : '';
      return `${expr(e.body, Prec.APP, ctx)}[[${pairs}${comp}]]`;
    }
    case 'Replicated': {
      const ss = stmts(e.stmts, flat);
      const body = expr(e.body, Prec.LOWEST, ctx);
      if (e.op === '[| |]') return `[| ${expr(e.sync!, Prec.LOWEST, flat)} |] ${ss} @ ${body}`;
      if (e.op === '||') return `|| ${ss} @ ${inner('[', expr(e.alpha!, Prec.LOWEST, flat), ']')} ${body}`;
      if (e.op === '[+ +]') return `[+ ${expr(e.sync!, Prec.LOWEST, flat)} +] ${ss} @ ${body}`;
      return `${e.op} ${ss} @ ${body}`;
    }
    case 'LinkPar':
      return `${expr(e.left, Prec.PAR, ctx)} ${links(e.links, e.stmts, flat)} ${expr(e.right, Prec.PAR + 1, ctx)}`;
    case 'ReplicatedLinkPar':
      return `${links(e.links, e.linkStmts, flat)} ${stmts(e.stmts, flat)} @ ${expr(e.body, Prec.LOWEST, ctx)}`;
    case 'ProcSetOp': {
      const p = exprPrec(e);
      const [open, close] = SET_OP_BRACKETS[e.op];
      return `${expr(e.left, p, ctx)} ${open} ${expr(e.set, Prec.LOWEST, flat)} ${close} ${expr(e.right, p + 1, ctx)}`;
    }
    case 'Project':
      return `${expr(e.body, Prec.HIDE, ctx)} |\\ ${expr(e.set, Prec.PREFIX, ctx)}`;
    case 'StringLit':
      return `"${escapeText(e.value, '"')}"`;
    case 'CharLit':
      return `'${escapeText(e.value, "'")}'`;
    case 'MapLit':
      return e.entries.length === 0
        ? '(| |)'
        : `(| ${e.entries.map((m) => `${expr(m.key, Prec.LOWEST, flat)} => ${expr(m.value, Prec.LOWEST, flat)}`).join(', ')} |)`;
  }
}

function patternPrec(p: Pattern): number {
  if (p.kind === 'PDouble') return Prec.LOWEST;
  if (p.kind === 'PDot') return Prec.DOT;
  if (p.kind === 'PConcat') return Prec.CONCAT;
  if (p.kind === 'PInt' && p.value < 0) return Prec.ADD;
  return Prec.ATOM;
}

export function printPattern(p: Pattern): string {
  return pattern(p, Prec.LOWEST);
}

function pattern(p: Pattern, min: number): string {
  const s = barePattern(p);
  return patternPrec(p) < min ? `(${s})` : s;
}

function barePattern(p: Pattern): string {
  const items = (ps: readonly Pattern[]): string => ps.map((q) => pattern(q, Prec.LOWEST)).join(', ');
  switch (p.kind) {
    case 'PVar':
      return p.name;
    case 'PWildcard':
      return '_';
    case 'PInt':
      return String(p.value);
    case 'PBool':
      return p.value ? 'true' : 'false';
    case 'PTuple':
      return `(${items(p.items)})`;
    case 'PDot':
      return p.items.map((q) => pattern(q, Prec.DOT + 1)).join('.');
    case 'PSeqEnum':
      return p.items.length === 0 ? '<>' : inner('<', items(p.items), '>');
    case 'PConcat':
      return `${pattern(p.left, Prec.CONCAT)}^${pattern(p.right, Prec.CONCAT + 1)}`;
    case 'PDouble':
      return `${pattern(p.left, Prec.LOWEST + 1)} @@ ${pattern(p.right, Prec.LOWEST + 1)}`;
    case 'PSet':
      return inner('{', items(p.items), '}');
    case 'PChar':
      return `'${escapeText(p.value, "'")}'`;
    case 'PString':
      return `"${escapeText(p.value, '"')}"`;
  }
}

function assertion(a: Assertion, ctx: Ctx): string {
  const model = (m: string | null): string => (m ? ` [${m}]` : '');
  switch (a.kind) {
    case 'RefinementAssertion':
      return `${expr(a.spec, Prec.LOWEST, ctx)} [${a.model}= ${expr(a.impl, Prec.LOWEST, ctx)}`;
    case 'PropertyAssertion':
      return `${expr(a.process, Prec.LOWEST, ctx)} :[${a.property}${model(a.model)}]`;
    case 'HasTraceAssertion':
      return `${expr(a.process, Prec.LOWEST, ctx)} :[has trace${model(a.model)}]: ${expr(a.trace, Prec.LOWEST, ctx)}`;
  }
}

function assertionLead(a: Assertion): Expr {
  return a.kind === 'RefinementAssertion' ? a.spec : a.process;
}

/** The assertion with its leading process in parentheses. */
function parenthesiseLead(a: Assertion, ctx: Ctx): string {
  const lead = `(${expr(assertionLead(a), Prec.LOWEST, ctx)})`;
  const rest = assertion(a, ctx).slice(expr(assertionLead(a), Prec.LOWEST, ctx).length);
  return lead + rest;
}

function fields(fs: readonly Expr[], ctx: Ctx): string {
  return fs.map((f) => expr(f, Prec.DOT + 1, ctx)).join('.');
}

export function printDecl(d: Decl): string {
  return decl(d, TOP);
}

function decl(d: Decl, ctx: Ctx): string {
  switch (d.kind) {
    case 'ChannelDecl':
      return `channel ${d.names.map((n) => n.name).join(', ')}${d.fields.length > 0 ? ' : ' + fields(d.fields, ctx) : ''}`;
    case 'DatatypeDecl':
      return `datatype ${d.name.name} = ${d.ctors.map((c) => (c.fields.length > 0 ? `${c.name.name}.${fields(c.fields, ctx)}` : c.name.name)).join(' | ')}`;
    case 'NametypeDecl':
      return `nametype ${d.name.name} = ${expr(d.type, Prec.LOWEST, ctx)}`;
    case 'ValueDecl':
      return `${d.name.name} = ${expr(d.body, Prec.LOWEST, ctx)}`;
    case 'FunctionDecl':
      return d.clauses
        .map(
          (c) =>
            `${d.name.name}${c.params.map((g) => `(${g.map((p) => pattern(p, Prec.LOWEST)).join(', ')})`).join('')} = ${expr(c.body, Prec.LOWEST, ctx)}`,
        )
        .join('\n');
    case 'PatternDecl':
      return `${pattern(d.pattern, Prec.LOWEST)} = ${expr(d.body, Prec.LOWEST, ctx)}`;
    case 'AssertDecl': {
      // `assert not` is read as a negated assertion, so a process starting with `not` needs parentheses.
      const body = assertion(d.assertion, ctx);
      const ambiguous = !d.negated && /^not\b/.test(body);
      const options = (d.options ?? []).map((o) =>
        o.kind === 'PartialOrderReduce'
          ? ` :[partial order reduce${o.mode ? ` [${o.mode}]` : ''}]`
          : ` :[tau priority over]: ${expr(o.set, Prec.LOWEST, ctx)}`,
      );
      return `assert ${d.negated ? 'not ' : ''}${ambiguous ? parenthesiseLead(d.assertion, ctx) : body}${options.join('')}`;
    }
    case 'IncludeDecl':
      return `include "${d.path.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    case 'TransparentDecl':
      return `transparent ${d.names.map((n) => n.name).join(', ')}`;
    case 'ExternalDecl':
      return `external ${d.names.map((n) => n.name).join(', ')}`;
    case 'ModuleDecl': {
      const params = d.params === null ? '' : `(${d.params.map((p) => pattern(p, Prec.LOWEST)).join(', ')})`;
      const block = (ds: readonly Decl[]): string[] => ds.map((x) => decl(x, ctx).replace(/^/gm, '  '));
      return [
        `module ${d.name.name}${params}`,
        ...block(d.privateDecls),
        'exports',
        ...block(d.exportedDecls),
        'endmodule',
      ].join('\n');
    }
    case 'PrintDecl':
      return `print ${expr(d.expr, Prec.LOWEST, ctx)}`;
    case 'TimedDecl': {
      const head = d.fn === null ? 'Timed' : `Timed(${expr(d.fn, Prec.LOWEST, ctx)})`;
      return [`${head} {`, ...d.decls.map((x) => decl(x, ctx).replace(/^/gm, '  ')), '}'].join('\n');
    }
    case 'InstanceDecl':
      return `instance ${d.name.name} = ${d.module.name}${d.args === null ? '' : `(${list(d.args, ctx)})`}`;
    case 'TypeAnnotationDecl':
      return `${d.names.map((n) => n.name).join(', ')} :: ${printTypeScheme(d.scheme)}`;
    case 'SubtypeDecl':
      return `subtype ${d.name.name} = ${d.ctors.map((c) => (c.fields.length > 0 ? `${c.name.name}.${fields(c.fields, ctx)}` : c.name.name)).join(' | ')}`;
  }
}

/** A whole module, one declaration per line (included files are referenced, not inlined). */
export function printModule(m: { readonly decls: readonly Decl[] }): string {
  return m.decls.map((d) => decl(d, TOP)).join('\n') + '\n';
}
