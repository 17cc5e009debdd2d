/**
 * What `csp validate` says about the open workflow, placed on what the user
 * sees: the node, edge, bus, assertion or workflow field each diagnostic is
 * about, and for CSPm errors the line and column inside the behaviour,
 * contract, alphabet, declarations or assertion text. Pure; runs in a worker.
 */
import { compileWorkflow, cspmDiagnostics, parsePath } from '../../../../engine/workflow';
import type { Severity, Workflow, WorkflowDiagnostic } from '../../../../engine/workflow';

/** What a diagnostic is about, by id (stable across edits, unlike array indexes). */
export type DiagnosticTarget =
  | { readonly kind: 'node'; readonly id: string }
  | { readonly kind: 'edge'; readonly id: string }
  | { readonly kind: 'bus'; readonly id: string }
  | { readonly kind: 'assertion'; readonly id: string }
  | { readonly kind: 'workflow' };

export interface DesignerDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** Document path, as `csp validate` prints it. */
  readonly path: string;
  readonly target: DiagnosticTarget;
  /** The field of the target, relative to it: `behaviour`, `ports[1].type`, `config.expression`, `capacity`. */
  readonly field: string;
  /** 1-based place inside the field's text, for CSPm errors in user-written text. */
  readonly inText?: { readonly line: number; readonly column: number };
}

function formatRest(parts: readonly (string | number)[]): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The element and field a document path points at. */
export function targetOf(wf: Workflow, path: string): { target: DiagnosticTarget; field: string } {
  const [top, index, ...rest] = parsePath(path);
  const field = formatRest(rest);
  if (typeof index === 'number') {
    if (top === 'processes' && wf.processes[index])
      return { target: { kind: 'node', id: wf.processes[index].id }, field };
    if (top === 'edges' && wf.edges[index]) return { target: { kind: 'edge', id: wf.edges[index].id }, field };
    if (top === 'buses' && wf.buses[index]) return { target: { kind: 'bus', id: wf.buses[index].id }, field };
    if (top === 'assertions' && wf.assertions[index])
      return { target: { kind: 'assertion', id: wf.assertions[index].id }, field };
    if (top === 'channels' && wf.channels[index]) {
      // A channel record is edited as part of its edge.
      const id = wf.channels[index].id;
      const edge = wf.edges.find((e) => e.channel === id);
      if (edge) return { target: { kind: 'edge', id: edge.id }, field: `channel${field === '' ? '' : `.${field}`}` };
    }
  }
  return { target: { kind: 'workflow' }, field: path };
}

function place(wf: Workflow, d: WorkflowDiagnostic, inText?: { line: number; column: number }): DesignerDiagnostic {
  const { target, field } = targetOf(wf, d.path);
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    path: d.path,
    target,
    field,
    ...(inText ? { inText } : {}),
  };
}

/** Every diagnostic of `wf`: the model's checks, compilation, then the CSPm front end over the compiled script. */
export function analyseWorkflow(wf: Workflow): DesignerDiagnostic[] {
  const compiled = compileWorkflow(wf);
  const out = compiled.diagnostics.map((d) => place(wf, d));
  const found = cspmDiagnostics(compiled);
  // As in `csp validate`: errors in generated text echo an error in the user's text; show them only when nothing else explains them.
  const placed = found.some((d) => d.inText !== undefined && d.severity === 'error');
  for (const d of found) {
    if (placed && d.inText === undefined) continue;
    out.push(place(wf, d, d.inText));
  }
  return out;
}

/** Diagnostics per target key (`node:phil`, `edge:e1`), for badges. */
export function byTarget(list: readonly DesignerDiagnostic[]): Map<string, DesignerDiagnostic[]> {
  const out = new Map<string, DesignerDiagnostic[]>();
  for (const d of list) {
    const key = targetKey(d.target);
    const bucket = out.get(key);
    if (bucket) bucket.push(d);
    else out.set(key, [d]);
  }
  return out;
}

export function targetKey(t: DiagnosticTarget): string {
  return t.kind === 'workflow' ? 'workflow' : `${t.kind}:${t.id}`;
}
