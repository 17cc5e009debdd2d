/**
 * Parser entry point: `parse(text, { file, readFile })` → `{ ast, diagnostics }`.
 * Never throws on any input. `include "f"` is resolved relative to the
 * including file and read through the caller's `readFile` (the engine does no I/O).
 */
import type { Decl, Module, Node, Span } from './ast';
import { forEachChild } from './visit';
import { makeDiagnostic, type Diagnostic } from '../diagnostics';
import { lex } from './lexer';
import { DeclParser } from './parse-decl';
import { reportAnnotationGroups } from './annotation-groups';

/** Returns the file's text, or undefined if it does not exist. May throw; the error message is reported. */
export type FileReader = (path: string) => string | undefined;

export interface ParseOptions {
  readonly file?: string;
  readonly readFile?: FileReader;
}

export interface ParseResult {
  readonly ast: Module;
  readonly diagnostics: Diagnostic[];
}

/** POSIX-style join of an include path onto the including file's folder. */
export function resolveIncludePath(from: string, path: string): string {
  if (path.startsWith('/')) return normalise(path);
  const slash = from.lastIndexOf('/');
  const dir = slash >= 0 ? from.slice(0, slash + 1) : '';
  return normalise(dir + path);
}

function normalise(p: string): string {
  const absolute = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part === '..' && absolute) continue;
    else out.push(part);
  }
  return (absolute ? '/' : '') + out.join('/');
}

export function parse(text: string, options: ParseOptions = {}): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const file = options.file ?? 'script.csp';
  const ast = parseFile(text, file, options.readFile, [file], diagnostics);
  // What FDR's parser refuses about type annotations (their declaration lists include the included files').
  reportAnnotationGroups(ast.decls, (code, span, args) => diagnostics.push(makeDiagnostic(code, span, args)));
  return { ast, diagnostics };
}

function parseFile(
  text: string,
  file: string,
  readFile: FileReader | undefined,
  stack: string[],
  diagnostics: Diagnostic[],
): Module {
  const lexed = lex(text, file);
  diagnostics.push(...lexed.diagnostics);
  const include = (path: string, span: Span): { resolvedPath: string; decls: Decl[] } => {
    const resolvedPath = resolveIncludePath(file, path);
    if (stack.includes(resolvedPath)) {
      diagnostics.push(makeDiagnostic('CSP1008', span, { path }));
      return { resolvedPath, decls: [] };
    }
    if (!readFile) {
      diagnostics.push(makeDiagnostic('CSP1007', span, { path, reason: 'no file reader is available here' }));
      return { resolvedPath, decls: [] };
    }
    let content: string | undefined;
    try {
      content = readFile(resolvedPath);
    } catch (e) {
      diagnostics.push(makeDiagnostic('CSP1007', span, { path, reason: e instanceof Error ? e.message : String(e) }));
      return { resolvedPath, decls: [] };
    }
    if (content === undefined) {
      diagnostics.push(makeDiagnostic('CSP1007', span, { path, reason: 'file not found' }));
      return { resolvedPath, decls: [] };
    }
    const sub = parseFile(content, resolvedPath, readFile, [...stack, resolvedPath], diagnostics);
    return { resolvedPath, decls: [...sub.decls] };
  };
  const parser = new DeclParser(lexed.tokens, text, include);
  let decls: Decl[] = [];
  try {
    decls = parser.parseModuleDecls();
  } catch (e) {
    // Defensive: the parser recovers from ParseError itself; anything else is a bug,
    // reported as a diagnostic rather than a crash of the host.
    diagnostics.push(
      makeDiagnostic('CSP1004', lexed.source.span(0, 0), {
        expected: 'a parsable script',
        found: `an internal parser error (${e instanceof Error ? e.message : String(e)})`,
      }),
    );
  }
  diagnostics.push(...parser.diagnostics);
  for (const d of decls) reportStrayDoublePatterns(d, diagnostics);
  return { kind: 'Module', file, decls, span: lexed.source.span(0, text.length) };
}

/**
 * `p @@ q` and `_` read where an expression, not a pattern, is wanted
 * (patterns became PDouble and PWildcard): FDR's parser refuses both.
 */
function reportStrayDoublePatterns(n: Node, diagnostics: Diagnostic[]): void {
  if (n.kind === 'IncludeDecl') return; // its file reported its own
  if (n.kind === 'App' && n.fn.kind === 'Var' && n.fn.name === '@@')
    diagnostics.push(makeDiagnostic('CSP1025', n.fn.span));
  if (n.kind === 'Var' && n.name === '_') diagnostics.push(makeDiagnostic('CSP1026', n.span));
  forEachChild(n, (c) => reportStrayDoublePatterns(c, diagnostics));
}
