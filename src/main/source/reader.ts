/**
 * The one source reader: a CSPm script or a workflow, from a file on the host
 * or from text, becomes the CSPm the engine checks and runs
 * (`{ text, sourceMap, assumptions }`) or the diagnostics that say why not.
 * Checks, runs, probes, the CLI and the protocol all read through here, so a
 * file reads the same everywhere.
 *
 * Kind: given, else by the name's extension (.yaml/.yml are workflows). A
 * workflow is validated in full (YAML, schema, compilation, and the CSPm in its
 * behaviours and contracts placed back at their YAML line and column), then
 * compiled. A script is read as it is; its syntax and type errors come from
 * the engine when it is checked or probed, with their own spans.
 */
import { readFileSync, statSync } from 'node:fs';
import { compileWorkflow, validateWorkflowText } from '../../engine/workflow';
import type { CspmCheckOptions, SourceMap, Workflow } from '../../engine/workflow';
import { MAX_WORKFLOW_BYTES } from '../../engine/workflow';
import { fromWorkflow, hasErrors, hostDiagnostic, SRC } from './diagnostics';
import type { SourceDiagnostic } from './diagnostics';

export type SourceKind = 'workflow' | 'cspm';

/** Largest file read (the workflow limit, for scripts too). */
export const MAX_SOURCE_BYTES = MAX_WORKFLOW_BYTES;

export interface SourceRequest {
  /** A file on the host; includes of a script are read relative to it. */
  readonly file?: string;
  /** Or the text itself, named `name` in diagnostics. */
  readonly text?: string;
  readonly name?: string;
  /** Default: by extension of `file` or `name`. */
  readonly kind?: SourceKind;
  /**
   * false: a workflow's CSPm is parsed and type-checked but not evaluated, for a caller
   * that evaluates it next and reads it again in full when that fails (networkFromSource).
   */
  readonly evaluate?: boolean;
}

export type ReadSource =
  | {
      readonly ok: true;
      readonly kind: SourceKind;
      /** The name diagnostics and reports use. */
      readonly file: string;
      /** The source as written (YAML or CSPm). */
      readonly source: string;
      /** The CSPm to check or run (the source itself for a script). */
      readonly text: string;
      /** For a workflow: generated names back to nodes, edges and YAML places. */
      readonly sourceMap?: SourceMap;
      readonly workflow?: Workflow;
      /** Statements every verdict on this source rests on (nodes without a contract, ...). */
      readonly assumptions: readonly string[];
      /** Warnings found while reading. */
      readonly diagnostics: readonly SourceDiagnostic[];
    }
  | {
      readonly ok: false;
      readonly kind: SourceKind;
      readonly file: string;
      readonly diagnostics: readonly SourceDiagnostic[];
    };

export function kindOf(name: string): SourceKind {
  return /\.ya?ml$/i.test(name) ? 'workflow' : 'cspm';
}

export function readSource(request: SourceRequest): ReadSource {
  const file = request.file ?? request.name ?? (request.kind === 'workflow' ? 'workflow.yaml' : 'script.csp');
  const kind = request.kind ?? kindOf(file);
  let source: string;
  if (request.text !== undefined) source = request.text;
  else if (request.file !== undefined) {
    const read = readTextFile(request.file);
    if (!read.ok) return { ok: false, kind, file, diagnostics: [read.diagnostic] };
    source = read.text;
  } else return { ok: false, kind, file, diagnostics: [hostDiagnostic(SRC.unreadable, file, 'give a file or a text')] };
  return kind === 'workflow'
    ? readWorkflow(file, source, request.evaluate === false ? { evaluate: false } : {})
    : { ok: true, kind, file, source, text: source, assumptions: [], diagnostics: [] };
}

/** Validates and compiles a workflow text; every problem placed in its YAML. */
export function readWorkflow(file: string, source: string, options: CspmCheckOptions = {}): ReadSource {
  const validated = validateWorkflowText(source, options);
  const diagnostics = validated.diagnostics.map((d) => fromWorkflow(d, file, source));
  if (!validated.ok || validated.workflow === undefined || hasErrors(diagnostics))
    return { ok: false, kind: 'workflow', file, diagnostics };
  const compiled = compileWorkflow(validated.workflow);
  if (compiled.cspm === '') {
    // validateWorkflowText compiled it too, so this only happens if the two disagree: say so rather than check nothing.
    return {
      ok: false,
      kind: 'workflow',
      file,
      diagnostics: [hostDiagnostic('WF3005', file, 'the workflow does not compile to CSPm')],
    };
  }
  return {
    ok: true,
    kind: 'workflow',
    file,
    source,
    text: compiled.cspm,
    sourceMap: compiled.sourceMap,
    workflow: validated.workflow,
    assumptions: compiled.assumptions,
    diagnostics,
  };
}

/** Reads a text file with its size checked first; never throws. */
export function readTextFile(path: string): { ok: true; text: string } | { ok: false; diagnostic: SourceDiagnostic } {
  try {
    const st = statSync(path);
    if (!st.isFile()) return { ok: false, diagnostic: hostDiagnostic(SRC.unreadable, path, 'not a file') };
    if (st.size > MAX_SOURCE_BYTES) {
      const mb = (st.size / 1024 / 1024).toFixed(1);
      return {
        ok: false,
        diagnostic: hostDiagnostic(
          SRC.tooLarge,
          path,
          `file is ${mb} MB, larger than the ${MAX_SOURCE_BYTES / 1024 / 1024} MB limit; refused before reading`,
        ),
      };
    }
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      ok: false,
      diagnostic: hostDiagnostic(SRC.unreadable, path, code === 'ENOENT' ? 'no such file' : (e as Error).message),
    };
  }
}

/** Include reader for the engine: paths arrive already resolved against the including file. */
export function includeReader(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
