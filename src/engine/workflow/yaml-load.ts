/**
 * YAML text → workflow (docs/workflows.md). All or nothing: either a valid
 * workflow, or every error found with line, column and document path. Never
 * throws on bad input and never hangs: size is checked before parsing, merge
 * conflict markers before YAML, and aliases are resolved under a limit.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { z } from 'zod';
import { diag, formatPath, hasErrors, WF } from './diagnostics';
import type { WorkflowDiagnostic } from './diagnostics';
import { migrate } from './migrations';
import type { Migration } from './migrations';
import { BUILTIN_KINDS, WorkflowSchema } from './model';
import type { Workflow } from './model';
import { validateWorkflow } from './validate';
import { parsePath, positionOf } from './yaml-positions';

export const MAX_WORKFLOW_BYTES = 10 * 1024 * 1024;
/** Alias resolutions allowed while building the data: a YAML bomb fails fast. */
export const MAX_ALIAS_COUNT = 100;

export interface LoadResult {
  readonly ok: boolean;
  /** Present only when ok: nothing is half-imported. */
  readonly workflow?: Workflow;
  /** Errors and warnings, in document order. */
  readonly diagnostics: readonly WorkflowDiagnostic[];
  /** Migrations applied to an older file (the file is rewritten only on save). */
  readonly migrated: readonly string[];
}

/** UTF-8 length without TextEncoder (the engine has no DOM or Node globals). */
export function utf8Length(text: string, stopAbove = Infinity): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
    if (n > stopAbove) return n;
  }
  return n;
}

function fail(diagnostics: WorkflowDiagnostic[]): LoadResult {
  return { ok: false, diagnostics, migrated: [] };
}

/** Deepest nesting of flow brackets; deep nesting would exhaust the parser's stack, so it is refused first. */
export const MAX_NESTING = 500;

function flowDepth(text: string): { depth: number; offset: number } {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_NESTING) return { depth, offset: i };
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return { depth, offset: -1 };
}

/** Lines holding git merge-conflict markers. */
function conflictMarkers(text: string): WorkflowDiagnostic[] {
  const out: WorkflowDiagnostic[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (/^(<{7}|={7}|>{7}|\|{7})(\s|$)/.test(line)) {
      out.push({
        ...diag(
          WF.mergeConflict,
          '',
          `merge-conflict marker "${line.slice(0, 7)}": resolve the conflict before loading`,
        ),
        line: i + 1,
        column: 1,
      });
    }
  });
  return out;
}

/** What each built-in's config holds (docs/workflows.md "Built-in nodes"). */
const CONFIG_HINT =
  'timer { interval }, map and filter { expression }, buffer { capacity }, http { url, allow }; inject, log, merge and split may leave it out';

function zodMessage(issue: z.core.$ZodIssue): string {
  const m = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_union' && issue.path.at(-1) !== undefined) {
    const note = (issue as { note?: string }).note;
    if (note === 'No matching discriminator')
      return `expected kind: csp, script, agent or a built-in (${BUILTIN_KINDS.join(', ')})`;
    if (issue.path[0] === 'parameters') return 'expected an integer or a boolean';
  }
  if (issue.code === 'invalid_value') return m.replace(/^Invalid option: /, '');
  // A built-in without its config: say what the config holds rather than "expected object".
  const [top, , key] = issue.path;
  if (top === 'processes' && key === 'config' && issue.path.length === 3 && issue.code === 'invalid_type') {
    return `${issue.input === undefined ? 'this built-in needs a config' : 'config must be a mapping'}: ${CONFIG_HINT}`;
  }
  return m;
}

function schemaDiagnostics(
  issues: readonly z.core.$ZodIssue[],
): { d: WorkflowDiagnostic; path: (string | number)[]; atKey: boolean }[] {
  const out: { d: WorkflowDiagnostic; path: (string | number)[]; atKey: boolean }[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const p = [...path, key];
        out.push({ d: diag(WF.unknownKey, formatPath(p), `unknown key "${key}"`), path: p, atKey: true });
      }
      continue;
    }
    out.push({ d: diag(WF.schema, formatPath(path), zodMessage(issue)), path, atKey: false });
  }
  return out;
}

function located(
  doc: Document,
  counter: LineCounter,
  d: WorkflowDiagnostic,
  path?: (string | number)[],
  atKey = false,
): WorkflowDiagnostic {
  const pos = positionOf(doc, counter, path ?? parsePath(d.path), atKey);
  return pos ? { ...d, line: pos.line, column: pos.column } : d;
}

function byPosition(a: WorkflowDiagnostic, b: WorkflowDiagnostic): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/**
 * Parses and validates a workflow file's text. `migrations` is for tests; the
 * app uses the built-in list.
 */
export function loadWorkflowYaml(text: string, options: { migrations?: readonly Migration[] } = {}): LoadResult {
  return loadWorkflowYamlDocument(text, options).result;
}

/** The parsed YAML document and its line counter, for callers that place more diagnostics in the same text. */
export interface ParsedYaml {
  readonly doc: Document;
  readonly counter: LineCounter;
}

/**
 * `loadWorkflowYaml`, also handing back the parsed document (absent when the
 * text never got that far), so a caller that locates further diagnostics does
 * not parse a large file twice.
 */
export function loadWorkflowYamlDocument(
  text: string,
  options: { migrations?: readonly Migration[] } = {},
): { result: LoadResult; parsed?: ParsedYaml } {
  const early = refusedBeforeParsing(text);
  if (early) return { result: early };
  const counter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true, strict: true });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      result: fail([
        {
          ...diag(WF.yamlSyntax, '', /call stack/i.test(message) ? 'YAML: nesting too deep' : `YAML: ${message}`),
          line: 1,
          column: 1,
        },
      ]),
    };
  }
  return { result: loadParsed(doc, counter, options), parsed: { doc, counter } };
}

/** Size, merge-conflict markers and nesting depth: refused before the YAML parser sees the text. */
function refusedBeforeParsing(text: string): LoadResult | undefined {
  const size = utf8Length(text, MAX_WORKFLOW_BYTES);
  if (size > MAX_WORKFLOW_BYTES) {
    return fail([
      {
        ...diag(WF.tooLarge, '', `file is larger than ${MAX_WORKFLOW_BYTES / 1024 / 1024} MB; refused before parsing`),
        line: 1,
        column: 1,
      },
    ]);
  }
  const markers = conflictMarkers(text);
  if (markers.length > 0) return fail(markers);

  const deep = flowDepth(text);
  if (deep.offset >= 0) {
    const line = text.slice(0, deep.offset).split('\n').length;
    return fail([
      {
        ...diag(WF.yamlSyntax, '', `nesting deeper than ${MAX_NESTING} levels; refused before parsing`),
        line,
        column: deep.offset - text.lastIndexOf('\n', deep.offset - 1),
      },
    ]);
  }
  return undefined;
}

function loadParsed(doc: Document, counter: LineCounter, options: { migrations?: readonly Migration[] }): LoadResult {
  if (doc.errors.length > 0) {
    return fail(
      doc.errors.map((e) => {
        const pos = counter.linePos(e.pos[0]);
        const msg = e.message.split('\n')[0] ?? e.message;
        return {
          ...diag(WF.yamlSyntax, '', `YAML: ${msg.replace(/ at line \d+, column \d+:?$/, '')}`),
          line: pos.line,
          column: pos.col,
        };
      }),
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const alias = /alias/i.test(message);
    if (/call stack/i.test(message))
      return fail([{ ...diag(WF.yamlSyntax, '', 'YAML: nesting too deep'), line: 1, column: 1 }]);
    return fail([
      {
        ...diag(
          alias ? WF.aliasLimit : WF.yamlSyntax,
          '',
          alias ? `too many YAML alias expansions (limit ${MAX_ALIAS_COUNT}): ${message}` : `YAML: ${message}`,
        ),
        line: 1,
        column: 1,
      },
    ]);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail([
      {
        ...diag(WF.notAMapping, '', 'expected a workflow mapping (version:, name:, processes:, ...) at the top level'),
        line: 1,
        column: 1,
      },
    ]);
  }
  const mig = migrate(raw as Record<string, unknown>, options.migrations);
  if (!mig.ok) {
    return fail([
      located(doc, counter, diag(mig.reason === 'newer' ? WF.newerVersion : WF.missingVersion, 'version', mig.message)),
    ]);
  }
  const parsed = WorkflowSchema.safeParse(mig.doc);
  if (!parsed.success) {
    return fail(
      schemaDiagnostics(parsed.error.issues)
        .map(({ d, path, atKey }) => located(doc, counter, d, path, atKey))
        .sort(byPosition),
    );
  }
  const diagnostics = validateWorkflow(parsed.data)
    .map((d) => located(doc, counter, d))
    .sort(byPosition);
  if (hasErrors(diagnostics)) return fail(diagnostics);
  return { ok: true, workflow: parsed.data, diagnostics, migrated: mig.applied };
}

/**
 * Schema problems of one record (a node, an edge, a channel...) about to be
 * placed at `at` in a document, with the messages `csp validate` gives for it
 * in a file. The designer checks each edit with it before applying the edit.
 */
export function recordProblems(
  schema: z.ZodType,
  value: unknown,
  at: readonly (string | number)[],
): WorkflowDiagnostic[] {
  const parsed = schema.safeParse(value);
  if (parsed.success) return [];
  return schemaDiagnostics(parsed.error.issues.map((issue) => ({ ...issue, path: [...at, ...issue.path] }))).map(
    (x) => x.d,
  );
}

/** Validates an in-memory document (from the canvas or the store): same checks, no positions. */
export function parseWorkflow(data: unknown): LoadResult {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail([diag(WF.notAMapping, '', 'expected a workflow object')]);
  }
  const mig = migrate(data as Record<string, unknown>);
  if (!mig.ok)
    return fail([diag(mig.reason === 'newer' ? WF.newerVersion : WF.missingVersion, 'version', mig.message)]);
  const parsed = WorkflowSchema.safeParse(mig.doc);
  if (!parsed.success) return fail(schemaDiagnostics(parsed.error.issues).map((x) => x.d));
  const diagnostics = validateWorkflow(parsed.data);
  if (hasErrors(diagnostics)) return fail(diagnostics);
  return { ok: true, workflow: parsed.data, diagnostics, migrated: mig.applied };
}
