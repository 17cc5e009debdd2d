/**
 * Syntax highlighting tokens for the CSPm editor, Monaco-friendly: each has a
 * 1-based line and column, a length and a token class (Monaco's standard
 * scopes: keyword, identifier, number, string, operator, delimiter, comment;
 * plus `type` for built-in sets and `function` for built-in functions).
 */
import { lex } from '../syntax/lexer';
import { KEYWORDS } from '../syntax/tokens';
import { BUILTINS } from '../check/builtins';

export type HighlightClass =
  'keyword' | 'identifier' | 'number' | 'string' | 'operator' | 'delimiter' | 'comment' | 'type' | 'function';

export interface HighlightToken {
  readonly line: number;
  readonly column: number;
  readonly length: number;
  readonly offset: number;
  readonly type: HighlightClass;
}

const DELIMITERS = new Set(['(', ')', '{', '}', '[', ']', '<', '>', ',', '{|', '|}', '[[', ']]', '<>']);
const TYPES = new Set(['Int', 'Bool', 'Events']);
const PROCESSES = new Set(['STOP', 'SKIP', 'DIV', 'RUN', 'CHAOS']);
const keywordSet: ReadonlySet<string> = new Set(KEYWORDS);

/** Tokens in source order; comments spanning several lines give one token per line. */
export function highlight(text: string, file = 'script.csp'): HighlightToken[] {
  const { tokens, comments, source } = lex(text, file);
  const out: HighlightToken[] = [];
  for (const t of tokens) {
    if (t.kind === 'eof') continue;
    let type: HighlightClass;
    if (t.kind === 'int') type = 'number';
    else if (t.kind === 'string' || t.kind === 'char') type = 'string';
    else if (t.kind === 'ident') {
      type = TYPES.has(t.text)
        ? 'type'
        : PROCESSES.has(t.text)
          ? 'keyword'
          : BUILTINS.has(t.text)
            ? 'function'
            : 'identifier';
    } else if (keywordSet.has(t.kind)) type = 'keyword';
    else type = DELIMITERS.has(t.kind) ? 'delimiter' : 'operator';
    out.push({
      line: t.span.line,
      column: t.span.column,
      length: t.span.end - t.span.offset,
      offset: t.span.offset,
      type,
    });
  }
  for (const c of comments) {
    let start = c.offset;
    while (start < c.end) {
      const nl = text.indexOf('\n', start);
      const stop = nl < 0 || nl > c.end ? c.end : nl;
      const p = source.position(start);
      if (stop > start)
        out.push({ line: p.line, column: p.column, length: stop - start, offset: start, type: 'comment' });
      start = stop + 1;
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}
