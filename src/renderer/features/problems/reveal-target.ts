/**
 * Where a diagnostic points, as a reveal target: a node for `processes[i]…`,
 * an edge for `edges[i]…`, a field for other document paths, and a place in
 * CSPm text for a script's diagnostics. Pure (unit-tested).
 */
import type { Workflow } from '../../../engine/workflow';
import type { RevealTarget } from '../../state/reveal-store';
import type { Diagnostic } from './problems-store';

const RECORD = /^(processes|edges)\[(\d+)\]/;

export function revealTargetOf(
  d: Diagnostic,
  workflow: Workflow | undefined,
  kind: 'workflow' | 'cspm' = 'workflow',
): RevealTarget | undefined {
  const at = {
    ...(d.line !== undefined ? { line: d.line } : {}),
    ...(d.column !== undefined ? { column: d.column } : {}),
    ...(d.file !== undefined ? { file: d.file } : {}),
  };
  if (kind === 'cspm') return d.line === undefined ? undefined : { kind: 'cspm', ...at };
  const path = d.path ?? '';
  const record = RECORD.exec(path);
  if (record) {
    const index = Number(record[2]);
    const id = record[1] === 'processes' ? workflow?.processes[index]?.id : workflow?.edges[index]?.id;
    return { kind: record[1] === 'processes' ? 'node' : 'edge', ...(id !== undefined ? { id } : {}), path, ...at };
  }
  if (path !== '') return { kind: 'field', path, ...at };
  return d.line === undefined ? undefined : { kind: 'field', path: '', ...at };
}

/** "processes[2].behaviour" → "fork0 › behaviour": the record's id where the workflow knows it. */
export function describeLocation(d: Diagnostic, workflow: Workflow | undefined): string {
  const path = d.path ?? '';
  const record = RECORD.exec(path);
  let where = path;
  if (record) {
    const index = Number(record[2]);
    const id = record[1] === 'processes' ? workflow?.processes[index]?.id : workflow?.edges[index]?.id;
    const rest = path.slice(record[0].length).replace(/^\./, '');
    if (id !== undefined) where = rest === '' ? id : `${id} › ${rest}`;
  }
  const pos = d.line !== undefined ? `${d.line}:${d.column ?? 1}` : '';
  return [where, pos && `line ${pos}`].filter((x) => x !== '').join(' · ');
}
