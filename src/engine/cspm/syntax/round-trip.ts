/**
 * The pretty-printer's round trip: print a parsed script and parse the text
 * again; the two ASTs must be equal, positions aside. This is what libcspm's
 * prettyprinter tests check, and what `csp fmt` relies on to never change a
 * script's meaning.
 */
import type { Module, Span } from './ast';
import { makeDiagnostic, type Diagnostic } from '../diagnostics';
import { parse, type ParseOptions } from './parse';
import { printModule } from './printer';

export interface RoundTrip {
  /** The script as the printer writes it. */
  readonly printed: string;
  /** Empty when the printed text parses back to the same AST. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Keys that record where a node was written, not what it is. */
const POSITION_KEYS = new Set(['span', 'modelSpan', 'text']);

/**
 * Prints `ast` and re-parses it with the same options (so includes resolve as
 * before). A printed text that does not parse, or parses to a different AST,
 * is a CSP1030 at the first node that differs.
 */
export function roundTrip(ast: Module, options: ParseOptions = {}): RoundTrip {
  const printed = printModule(ast);
  const again = parse(printed, { ...options, file: ast.file });
  const broken = again.diagnostics.find((d) => d.severity === 'error');
  if (broken !== undefined) {
    return {
      printed,
      diagnostics: [
        makeDiagnostic('CSP1030', ast.span, {
          what: `the printed text does not parse (${broken.message} at printed line ${broken.span.line}:${broken.span.column})`,
        }),
      ],
    };
  }
  const difference = firstDifference(ast, again.ast, { kind: 'Module', span: ast.span }, '');
  if (difference === undefined) return { printed, diagnostics: [] };
  return {
    printed,
    diagnostics: [
      makeDiagnostic('CSP1030', difference.span, {
        what: `it parses back differently at ${difference.path} (in a ${difference.kind})`,
      }),
    ],
  };
}

interface Difference {
  /** `decls[2].body.name`, from the module down. */
  readonly path: string;
  /** The innermost node around the difference: its kind and where it was written. */
  readonly kind: string;
  readonly span: Span;
}

/** The first place where `a` and `b` differ, ignoring positions. */
function firstDifference(
  a: unknown,
  b: unknown,
  around: Omit<Difference, 'path'>,
  path: string,
): Difference | undefined {
  if (a === b) return undefined;
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  )
    return { path, ...around };
  const node = a as { kind?: unknown; span?: unknown };
  const here = typeof node.kind === 'string' && isSpan(node.span) ? { kind: node.kind, span: node.span } : around;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return { path: `${path} (${a.length} items, ${b.length} after printing)`, ...here };
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], here, `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    if (POSITION_KEYS.has(key) || (ra[key] === undefined && rb[key] === undefined)) continue;
    const d = firstDifference(ra[key], rb[key], here, path === '' ? key : `${path}.${key}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

function isSpan(x: unknown): x is Span {
  return typeof x === 'object' && x !== null && typeof (x as { line?: unknown }).line === 'number';
}
