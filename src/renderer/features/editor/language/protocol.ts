/**
 * Messages between the editor and its CSPm language worker. The worker keeps
 * the newest analysis of each document (by URI) and answers questions about
 * positions in it; the editor never parses CSPm on the UI thread.
 *
 * Two kinds of document:
 *  - a script: the text is the whole CSPm script (a .csp document);
 *  - a field: the text is one field of the open workflow (a behaviour, a
 *    contract…), read in the context of the workflow's generated script, so
 *    completion knows the channels and processes the compiler declares.
 */
import type { SourceMap, Workflow } from '../../../../engine/workflow';

export type Severity = 'error' | 'warning' | 'info';

/** A range in a document: 1-based, end exclusive (Monaco's convention). */
export interface TextRange {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface LanguageDiagnostic extends TextRange {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly related?: readonly (TextRange & { readonly message: string })[];
}

export type CompletionKind =
  | 'channel'
  | 'datatype'
  | 'constructor'
  | 'nametype'
  | 'value'
  | 'function'
  | 'pattern'
  | 'parameter'
  | 'local'
  | 'builtin'
  | 'keyword';

export interface Completion {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail: string;
}

export interface OutlineNode {
  readonly name: string;
  readonly kind: string;
  readonly detail: string;
  readonly range: TextRange;
  readonly nameRange: TextRange;
  readonly children: readonly OutlineNode[];
}

/**
 * Where a definition is: in this document, in another field of the workflow
 * (its document path and the range inside that field), or only in the
 * generated script (a channel the compiler declares).
 */
export type DefinitionPlace =
  | { readonly in: 'document'; readonly range: TextRange }
  | { readonly in: 'field'; readonly path: string; readonly range: TextRange }
  | { readonly in: 'generated'; readonly range: TextRange };

export type Query =
  | { readonly kind: 'completion'; readonly offset: number; readonly prefix: string }
  | { readonly kind: 'hover'; readonly offset: number }
  | { readonly kind: 'definition'; readonly offset: number }
  | { readonly kind: 'references'; readonly offset: number }
  | { readonly kind: 'outline' };

export interface QueryResults {
  readonly completion: readonly Completion[];
  readonly hover: { readonly contents: string; readonly range: TextRange } | null;
  readonly definition: DefinitionPlace | null;
  readonly references: readonly TextRange[];
  readonly outline: readonly OutlineNode[];
}

/** A workflow's generated CSPm script, for the whole-workflow view. */
export interface GeneratedScript {
  readonly revision: number;
  /** Empty when the workflow has errors that stop compilation (see `problems`). */
  readonly cspm: string;
  readonly sourceMap: SourceMap;
  /** Why nothing was generated, for people. */
  readonly problems: readonly string[];
}

export type DocumentContext =
  | { readonly kind: 'script'; readonly file: string }
  /** `revision` names the workflow sent last with a `workflow` message. */
  | { readonly kind: 'field'; readonly path: string; readonly revision: number };

export type WorkerRequest =
  /** Analyse (parse and type-check) a document; answered with `diagnostics`. */
  | {
      readonly type: 'analyse';
      readonly uri: string;
      readonly version: number;
      readonly text: string;
      readonly context: DocumentContext;
    }
  /** Evaluate a script's declarations (slower; the editor asks once typing pauses). */
  | {
      readonly type: 'evaluate';
      readonly uri: string;
      readonly version: number;
      readonly text: string;
      readonly file: string;
    }
  /** The open workflow, for field documents (compiled lazily, once per revision). */
  | { readonly type: 'workflow'; readonly revision: number; readonly workflow: Workflow }
  | { readonly type: 'forget'; readonly uri: string }
  /** The generated script of the workflow sent with `workflow` at this revision. */
  | { readonly type: 'generate'; readonly id: number; readonly revision: number }
  | {
      readonly type: 'query';
      readonly id: number;
      readonly uri: string;
      readonly version: number;
      readonly text: string;
      readonly context: DocumentContext;
      readonly query: Query;
    };

export type WorkerReply =
  | {
      readonly type: 'diagnostics';
      readonly uri: string;
      readonly version: number;
      readonly phase: 'front' | 'evaluation';
      readonly diagnostics: readonly LanguageDiagnostic[];
      /** Time the worker spent on it. */
      readonly ms: number;
    }
  | { readonly type: 'answer'; readonly id: number; readonly result: QueryResults[Query['kind']] }
  | { readonly type: 'generated'; readonly id: number; readonly script: GeneratedScript | null }
  | { readonly type: 'failed'; readonly id?: number; readonly uri?: string; readonly message: string };
