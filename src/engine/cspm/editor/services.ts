/**
 * Editor services over one analysed document: diagnostics, completion of the
 * names in scope at a position, hover with a name's type, and go-to-definition.
 * Positions are 0-based offsets (Monaco's `model.getOffsetAt`).
 */
import type { Span } from '../syntax/ast';
import type { ParseOptions } from '../syntax/parse';
import { load } from '../index';
import { loadScript } from '../../eval';
import { BUILTINS } from '../check/builtins';
import type { CheckedModule, Occurrence, SymbolInfo, SymbolKind } from '../check/symbols';
import { formatType } from '../check/types';
import { sortDiagnostics, type Diagnostic } from '../diagnostics';

export interface Analysis {
  readonly text: string;
  readonly module: CheckedModule;
  readonly diagnostics: readonly Diagnostic[];
}

export interface CompletionItem {
  readonly label: string;
  readonly kind: SymbolKind;
  /** The name's type, e.g. `(Int) -> Proc`. */
  readonly detail: string;
}

export interface HoverInfo {
  readonly span: Span;
  /** `PHIL :: (Int) -> Proc` style text. */
  readonly contents: string;
  readonly kind: SymbolKind;
}

/** Parse and type-check: the diagnostics `csp check` reports before it evaluates anything. */
export function analyse(text: string, options: ParseOptions = {}): Analysis {
  const loaded = load(text, options);
  return { text, module: loaded.module, diagnostics: loaded.diagnostics };
}

export interface EvaluationOptions {
  /** Called now and then while declarations are evaluated; throw to stop (a deadline in an editor). */
  readonly limitCheck?: () => void;
}

/**
 * What evaluating the declarations finds once parsing and typing passed
 * (an infinite channel type used where every event is needed, an assertion
 * naming a process that cannot be built, a division by zero in a constant):
 * the rest of what `csp check` reports before it explores any state. Empty
 * when the front end already has errors, as the CLI never gets this far then.
 * Only diagnostics in the analysed file (not in included files) are returned.
 */
export function evaluationDiagnostics(a: Analysis, options: EvaluationOptions = {}): Diagnostic[] {
  if (a.diagnostics.some((d) => d.severity === 'error')) return [];
  const file = a.module.ast.file;
  const loaded = loadScript(a.module.ast, options.limitCheck ? { limitCheck: options.limitCheck } : {});
  return sortDiagnostics(loaded.diagnostics.filter((d) => d.span.file === file));
}

function describe(s: SymbolInfo): string {
  return s.kind === 'datatype' ? `datatype ${s.name}` : formatType(s.type);
}

/** Names visible at `offset` (innermost first), then top-level names, then built-ins; optionally filtered by prefix. */
export function completions(a: Analysis, offset: number, prefix = ''): CompletionItem[] {
  const seen = new Set<string>();
  const out: CompletionItem[] = [];
  const add = (s: SymbolInfo): void => {
    if (seen.has(s.name) || !s.name.startsWith(prefix)) return;
    seen.add(s.name);
    out.push({ label: s.name, kind: s.kind, detail: describe(s) });
  };
  const file = a.module.ast.file;
  // Innermost first: later start, then earlier end, then recorded later (nested scopes are recorded after their parents).
  const regions = a.module.scopes
    .map((r, index) => ({ r, index }))
    .filter(({ r }) => r.span.file === file && r.span.offset <= offset && offset <= r.span.end)
    .sort((x, y) => y.r.span.offset - x.r.span.offset || x.r.span.end - y.r.span.end || y.index - x.index);
  for (const { r } of regions) r.symbols.forEach(add);
  for (const s of a.module.symbols.values()) add(s);
  for (const name of BUILTINS.keys()) {
    if (!seen.has(name) && name.startsWith(prefix)) out.push({ label: name, kind: 'builtin', detail: '' });
  }
  return out;
}

function occurrenceAt(a: Analysis, offset: number): Occurrence | undefined {
  const file = a.module.ast.file;
  let best: Occurrence | undefined;
  for (const o of a.module.occurrences) {
    if (o.span.file !== file || offset < o.span.offset || offset > o.span.end) continue;
    if (!best || o.span.end - o.span.offset < best.span.end - best.span.offset) best = o;
  }
  return best;
}

export function hover(a: Analysis, offset: number): HoverInfo | null {
  const o = occurrenceAt(a, offset);
  if (!o) return null;
  return { span: o.span, contents: `${o.symbol.name} :: ${describe(o.symbol)}`, kind: o.symbol.kind };
}

/** Where the name under the cursor is defined (null for built-ins and non-names). */
export function definition(a: Analysis, offset: number): Span | null {
  return occurrenceAt(a, offset)?.symbol.span ?? null;
}

/** Every occurrence of the symbol under the cursor (highlight and rename support). */
export function references(a: Analysis, offset: number): Span[] {
  const o = occurrenceAt(a, offset);
  if (!o) return [];
  return a.module.occurrences.filter((x) => x.symbol === o.symbol).map((x) => x.span);
}
