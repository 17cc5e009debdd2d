/**
 * What a source asks to check: its own assertions (file order, with where
 * they are written) and the built-in ones every system gets — deadlock
 * freedom and divergence freedom of SYSTEM, and for a workflow each code
 * node's contract being divergence free (a divergent contract has no stable
 * state, so the run-time monitor could never hold the code to it).
 *
 * Numbering is one list: own assertions 1..n, then the built-ins n+1...
 * Built-ins are appended to the CSPm text as ordinary assertions, so the
 * checker and its reports need nothing special. By default ('auto') they run
 * only when the source has no assertions of its own.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { load, prune } from '../../engine/cspm';
import type { AssertDecl, CheckedModule } from '../../engine/cspm';
import { parseReplicate } from '../../engine/workflow';
import type { SourceMap, Workflow } from '../../engine/workflow';
import { positionOf } from '../../engine/workflow/yaml-positions';
import type { SourceDiagnostic } from './diagnostics';
import { includeReader } from './reader';
import type { ReadSource } from './reader';

export type BuiltinKind = 'deadlock' | 'divergence' | 'contract';
/** auto: built-ins only when the source has no assertions of its own; include: always; exclude: never. */
export type BuiltinMode = 'auto' | 'include' | 'exclude';

export interface AssertionInfo {
  /** 1-based in the one list (own, then built-in). */
  readonly index: number;
  /** CSPm after `assert`. */
  readonly text: string;
  /** Set for a built-in: which one, and for a contract the node id. */
  readonly builtin?: { readonly kind: BuiltinKind; readonly node?: string };
  /** Where it is written (own), or the contract it is about; absent for the system-wide built-ins. */
  readonly file?: string;
  readonly path?: string;
  readonly line?: number;
  readonly column?: number;
}

export interface CheckPlan {
  /** Every assertion, own then built-in, with its index. */
  readonly assertions: readonly AssertionInfo[];
  readonly own: number;
  /** The CSPm to check: the source's, with the built-ins appended when they run. */
  readonly text: string;
  /** Whether the built-ins are part of `text` (so of the run). */
  readonly builtinsRun: boolean;
  /** A script's syntax and type errors (its assertions may then be missing from the list). */
  readonly errors: readonly SourceDiagnostic[];
}

type ReadOk = Extract<ReadSource, { ok: true }>;

export function planCheck(read: ReadOk, mode: BuiltinMode = 'auto'): CheckPlan {
  const script =
    read.workflow === undefined ? load(read.text, { file: read.file, readFile: includeReader }) : undefined;
  const errors = script?.diagnostics.filter((d) => d.severity === 'error') ?? [];
  const at = yamlPlaces(read.source);
  const own =
    read.workflow !== undefined
      ? workflowAssertions(read.workflow, read.file, at)
      : scriptAssertions(script?.module.assertions ?? []);
  const module = script === undefined || errors.length > 0 ? undefined : script.module;
  const builtins = builtinAssertions(read, module, at).map((b, i) => ({ ...b, index: own.length + i + 1 }));
  const builtinsRun = builtins.length > 0 && (mode === 'include' || (mode === 'auto' && own.length === 0));
  const text = builtinsRun ? appendAssertions(read.text, builtins) : read.text;
  return { assertions: [...own, ...builtins], own: own.length, text, builtinsRun, errors };
}

/** One line for people: "deadlock freedom of SYSTEM", "the contract of node buyer (divergence freedom)". */
export function describeBuiltin(a: AssertionInfo): string {
  if (a.builtin?.kind === 'deadlock') return 'deadlock freedom';
  if (a.builtin?.kind === 'divergence') return 'divergence freedom';
  return `the contract of node ${a.builtin?.node ?? '?'} (divergence freedom)`;
}

function appendAssertions(text: string, builtins: readonly AssertionInfo[]): string {
  const sep = text.endsWith('\n') || text === '' ? '' : '\n';
  return `${text}${sep}\n-- Built-in checks (added by the studio: the source has no assertions of its own, or they were asked for)\n${builtins.map((b) => `assert ${b.text}`).join('\n')}\n`;
}

function workflowAssertions(wf: Workflow, file: string, at: Places): AssertionInfo[] {
  return wf.assertions.map((a, i) => ({
    index: i + 1,
    text: a.text.replace(/^\s*assert\s+/, '').trim(),
    file,
    path: `assertions[${i}].text`,
    ...at(['assertions', i, 'text']),
  }));
}

function scriptAssertions(decls: readonly AssertDecl[]): AssertionInfo[] {
  return decls.map((a, i) => ({
    index: i + 1,
    text: a.text,
    file: a.span.file,
    line: a.span.line,
    column: a.span.column,
  }));
}

/** `module`: a script's checked module (undefined for a workflow, or a script with errors). */
function builtinAssertions(
  read: ReadOk,
  module: CheckedModule | undefined,
  at: Places,
): Omit<AssertionInfo, 'index'>[] {
  const system = read.workflow !== undefined ? 'SYSTEM' : module !== undefined ? scriptSystem(module) : undefined;
  if (system === undefined) return [];
  const out: Omit<AssertionInfo, 'index'>[] = [
    { text: `${system} :[deadlock free [F]]`, builtin: { kind: 'deadlock' } },
    { text: `${system} :[divergence free]`, builtin: { kind: 'divergence' } },
  ];
  if (read.workflow !== undefined && read.sourceMap !== undefined)
    out.push(...contractAssertions(read.workflow, read.sourceMap, read.file, at));
  return out;
}

/** SYSTEM when the script defines it as a process without parameters. */
function scriptSystem(module: CheckedModule): string | undefined {
  const symbol = module.symbols.get('SYSTEM');
  return symbol !== undefined && symbol.kind === 'value' && prune(symbol.type).t === 'proc' ? 'SYSTEM' : undefined;
}

function contractAssertions(wf: Workflow, map: SourceMap, file: string, at: Places): Omit<AssertionInfo, 'index'>[] {
  const processOf = new Map<string, string>();
  for (const [name, entry] of Object.entries(map.names)) if (entry.kind === 'node') processOf.set(entry.id, name);
  const out: Omit<AssertionInfo, 'index'>[] = [];
  wf.processes.forEach((node, i) => {
    if ((node.kind !== 'script' && node.kind !== 'agent') || node.contract === undefined) return;
    const name = processOf.get(node.id);
    if (name === undefined) return;
    const rep = node.replicate !== undefined ? parseReplicate(node.replicate) : undefined;
    // Interleaving the replicas diverges exactly when one of them does.
    const process = rep === undefined ? name : `(||| ${rep.variable} : ${rep.set} @ ${name}(${rep.variable}))`;
    out.push({
      text: `${process} :[divergence free]`,
      builtin: { kind: 'contract', node: node.id },
      file,
      path: `processes[${i}].contract`,
      ...at(['processes', i, 'contract']),
    });
  });
  return out;
}

type Places = (path: readonly (string | number)[]) => { line?: number; column?: number };

/**
 * Line and column of a document path in a YAML text (empty when it cannot be
 * placed). The text is parsed on the first lookup only, so a large workflow
 * with nothing to place costs no second parse.
 */
function yamlPlaces(yaml: string): Places {
  let parsed: { doc: Document; counter: LineCounter } | undefined;
  return (path) => {
    if (parsed === undefined) {
      const counter = new LineCounter();
      parsed = { doc: parseDocument(yaml, { lineCounter: counter }), counter };
    }
    return positionOf(parsed.doc, parsed.counter, path) ?? {};
  };
}
