/**
 * The CSPm language service behind the editor's worker: it keeps the newest
 * analysis of each document and answers requests (./protocol). Pure apart
 * from the clock it is given, so it is unit-tested without a Worker.
 */
import {
  analyse,
  completions,
  cspmKeywords,
  definition,
  evaluationDiagnostics,
  hover,
  outline,
  references,
} from '../../../../engine/cspm/editor';
import type { Analysis, OutlineItem } from '../../../../engine/cspm/editor';
import type { Diagnostic, Span } from '../../../../engine/cspm';
import { compileWorkflow } from '../../../../engine/workflow';
import type { BodySpan, CompileResult, Workflow } from '../../../../engine/workflow';
import { lineStarts, offsetOfPlace, placeOf, rangeFromGenerated, toGenerated } from './field-map';
import type {
  Completion,
  DefinitionPlace,
  DocumentContext,
  LanguageDiagnostic,
  OutlineNode,
  Query,
  QueryResults,
  TextRange,
  WorkerReply,
  WorkerRequest,
} from './protocol';

/** How long evaluating a script's declarations may take before the editor gives up on it. */
export const EVALUATION_BUDGET_MS = 3_000;

const GENERATED_FILE = 'workflow.csp';

function rangeOf(s: Span): TextRange {
  return { line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn };
}

export function toLanguageDiagnostic(d: Diagnostic): LanguageDiagnostic {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...rangeOf(d.span),
    ...(d.related && d.related.length > 0
      ? { related: d.related.map((r) => ({ ...rangeOf(r.span), message: r.message })) }
      : {}),
  };
}

function outlineNode(item: OutlineItem): OutlineNode {
  return {
    name: item.name,
    kind: item.kind,
    detail: item.detail,
    range: rangeOf(item.span),
    nameRange: rangeOf(item.nameSpan),
    children: item.children.map(outlineNode),
  };
}

interface ScriptDocument {
  readonly version: number;
  readonly analysis: Analysis;
}

interface CompiledContext {
  readonly revision: number;
  readonly compiled: CompileResult;
  readonly analysis: Analysis | undefined;
  readonly starts: readonly number[];
}

export class LanguageService {
  private readonly documents = new Map<string, ScriptDocument>();
  private workflow: { revision: number; workflow: Workflow } | undefined;
  private compiled: CompiledContext | undefined;

  constructor(private readonly now: () => number) {}

  handle(request: WorkerRequest): WorkerReply | undefined {
    switch (request.type) {
      case 'analyse': {
        const started = this.now();
        if (request.context.kind !== 'script') return undefined;
        const doc = this.scriptAnalysis(request.uri, request.version, request.text, request.context.file);
        return {
          type: 'diagnostics',
          uri: request.uri,
          version: request.version,
          phase: 'front',
          diagnostics: this.ownDiagnostics(doc.analysis, doc.analysis.diagnostics),
          ms: this.now() - started,
        };
      }
      case 'evaluate':
        return this.evaluate(request);
      case 'workflow':
        if (this.workflow?.revision !== request.revision) {
          this.workflow = { revision: request.revision, workflow: request.workflow };
          this.compiled = undefined;
        }
        return undefined;
      case 'forget':
        this.documents.delete(request.uri);
        return undefined;
      case 'query':
        return { type: 'answer', id: request.id, result: this.answer(request) };
      case 'generate': {
        const ctx = this.compiledContext(request.revision);
        return {
          type: 'generated',
          id: request.id,
          script: ctx
            ? {
                revision: request.revision,
                cspm: ctx.compiled.cspm,
                sourceMap: ctx.compiled.sourceMap,
                problems: ctx.compiled.diagnostics
                  .filter((d) => d.severity === 'error')
                  .map((d) => (d.path === '' ? d.message : `${d.path}: ${d.message}`)),
              }
            : null,
        };
      }
    }
  }

  private scriptAnalysis(uri: string, version: number, text: string, file: string): ScriptDocument {
    const known = this.documents.get(uri);
    if (known && known.version === version && known.analysis.text === text) return known;
    const doc = { version, analysis: analyse(text, { file }) };
    this.documents.set(uri, doc);
    return doc;
  }

  /** Only what is in the document itself (an included file's problems have no place in it). */
  private ownDiagnostics(a: Analysis, list: readonly Diagnostic[]): LanguageDiagnostic[] {
    return list.filter((d) => d.span.file === a.module.ast.file).map(toLanguageDiagnostic);
  }

  private evaluate(request: Extract<WorkerRequest, { type: 'evaluate' }>): WorkerReply {
    const started = this.now();
    const doc = this.scriptAnalysis(request.uri, request.version, request.text, request.file);
    let overTime = false;
    let found: Diagnostic[] = [];
    try {
      found = evaluationDiagnostics(doc.analysis, {
        limitCheck: () => {
          if (this.now() - started > EVALUATION_BUDGET_MS) {
            overTime = true;
            throw new Error('evaluation budget spent');
          }
        },
      });
    } catch (error) {
      if (!overTime) throw error;
    }
    // Over budget: say nothing rather than something half-evaluated (csp check has its own --timeout).
    const diagnostics = overTime
      ? []
      : this.ownDiagnostics(
          doc.analysis,
          found.filter((d) => d.code !== 'CSP4002' && d.code !== 'CSP4003'),
        );
    return {
      type: 'diagnostics',
      uri: request.uri,
      version: request.version,
      phase: 'evaluation',
      diagnostics,
      ms: this.now() - started,
    };
  }

  private compiledContext(revision: number): CompiledContext | undefined {
    if (!this.workflow || this.workflow.revision !== revision) return undefined;
    if (this.compiled?.revision === revision) return this.compiled;
    const compiled = compileWorkflow(this.workflow.workflow);
    this.compiled = {
      revision,
      compiled,
      analysis: compiled.cspm === '' ? undefined : analyse(compiled.cspm, { file: GENERATED_FILE }),
      starts: lineStarts(compiled.cspm),
    };
    return this.compiled;
  }

  private answer(request: Extract<WorkerRequest, { type: 'query' }>): QueryResults[Query['kind']] {
    const { query, context } = request;
    if (context.kind === 'script') {
      const doc = this.scriptAnalysis(request.uri, request.version, request.text, context.file);
      return scriptAnswer(doc.analysis, query);
    }
    return this.fieldAnswer(request.text, context, query);
  }

  /** A field is answered in its workflow's generated script; without one (errors), only keywords complete. */
  private fieldAnswer(
    text: string,
    context: Extract<DocumentContext, { kind: 'field' }>,
    query: Query,
  ): QueryResults[Query['kind']] {
    const ctx = this.compiledContext(context.revision);
    const body = ctx?.compiled.sourceMap.bodies?.find((b) => b.path === context.path);
    if (!ctx?.analysis || !body) return emptyAnswer(query);
    if (query.kind === 'outline') return [];
    const fieldPlace = placeOf(lineStarts(text), query.offset);
    const generated = toGenerated(body, fieldPlace);
    const offset = offsetOfPlace(ctx.starts, ctx.analysis.text.length, generated);
    const a = ctx.analysis;
    switch (query.kind) {
      case 'completion':
        return withKeywords(completions(a, offset, query.prefix));
      case 'hover': {
        const h = hover(a, offset);
        const range = h ? rangeFromGenerated(body, rangeOf(h.span)) : undefined;
        return h && range ? { contents: h.contents, range } : null;
      }
      case 'definition': {
        const span = definition(a, offset);
        return span ? placeInWorkflow(ctx.compiled, body, rangeOf(span)) : null;
      }
      case 'references':
        return references(a, offset)
          .map((s) => rangeFromGenerated(body, rangeOf(s)))
          .filter((r): r is TextRange => r !== undefined);
    }
  }
}

function placeInWorkflow(compiled: CompileResult, own: BodySpan, range: TextRange): DefinitionPlace {
  const inOwn = rangeFromGenerated(own, range);
  if (inOwn) return { in: 'document', range: inOwn };
  for (const b of compiled.sourceMap.bodies ?? []) {
    const inOther = rangeFromGenerated(b, range);
    if (inOther) return { in: 'field', path: b.path, range: inOther };
  }
  return { in: 'generated', range };
}

function withKeywords(items: readonly { label: string; kind: string; detail: string }[]): Completion[] {
  const out = items.map((c) => ({ label: c.label, kind: c.kind as Completion['kind'], detail: c.detail }));
  for (const k of cspmKeywords) out.push({ label: k, kind: 'keyword', detail: '' });
  return out;
}

function emptyAnswer(query: Query): QueryResults[Query['kind']] {
  switch (query.kind) {
    case 'completion':
      return withKeywords([]);
    case 'hover':
    case 'definition':
      return null;
    case 'references':
    case 'outline':
      return [];
  }
}

export function scriptAnswer(a: Analysis, query: Query): QueryResults[Query['kind']] {
  switch (query.kind) {
    case 'completion':
      return withKeywords(completions(a, query.offset, query.prefix));
    case 'hover': {
      const h = hover(a, query.offset);
      return h ? { contents: h.contents, range: rangeOf(h.span) } : null;
    }
    case 'definition': {
      const span = definition(a, query.offset);
      // A definition in an included file has no place in this document.
      return span && span.file === a.module.ast.file ? { in: 'document', range: rangeOf(span) } : null;
    }
    case 'references':
      return references(a, query.offset)
        .filter((s) => s.file === a.module.ast.file)
        .map(rangeOf);
    case 'outline':
      return outline(a).map(outlineNode);
  }
}
