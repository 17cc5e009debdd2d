/**
 * Small helpers the reducers share: refusing with a reason, checking a record
 * against the model's schema (with the messages `csp validate` gives), and the
 * id namespaces of a workflow.
 */
import { ID_PATTERN, recordProblems, splitPortRef } from '../../../../engine/workflow';
import type { Point, Workflow } from '../../../../engine/workflow';
import type { z } from 'zod';
import type { ReduceResult } from './changes';

export function refuse(reason: string): ReduceResult {
  return { ok: false, reason };
}

export function done(workflow: Workflow): ReduceResult {
  return { ok: true, workflow };
}

/** The first schema problem of `value` placed at `at`, as "path: message"; undefined when it is valid. */
export function schemaProblem(schema: z.ZodType, value: unknown, at: readonly (string | number)[]): string | undefined {
  const first = recordProblems(schema, value, at)[0];
  return first === undefined ? undefined : `${first.path}: ${first.message}`;
}

/** The parsed record (defaults filled in), or the reason it is refused. */
export function parseRecord<T>(
  schema: z.ZodType<T>,
  value: unknown,
  at: readonly (string | number)[],
): { ok: true; value: T } | { ok: false; reason: string } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, reason: schemaProblem(schema, value, at) ?? 'invalid record' };
}

/** Ids of everything drawn as a node: processes, buses and groups share one namespace. */
export function drawnIds(wf: Workflow): Set<string> {
  return new Set([...wf.processes.map((p) => p.id), ...wf.buses.map((b) => b.id), ...wf.groups.map((g) => g.id)]);
}

export function idProblem(id: string, taken: ReadonlySet<string>, what: string): string | undefined {
  if (!ID_PATTERN.test(id)) return `${what} id "${id}": expected an id: a letter or _, then letters, digits, _ or -`;
  if (taken.has(id)) return `${what} id "${id}" is already used`;
  return undefined;
}

export function pointProblem(id: string, p: Point): string | undefined {
  return Number.isFinite(p.x) && Number.isFinite(p.y)
    ? undefined
    : `position of "${id}" must be finite numbers, got (${p.x}, ${p.y})`;
}

/** The node id of a `node.port` reference. */
export function refNode(ref: string): string {
  return splitPortRef(ref).node;
}

/** A `node.port` reference to a port that exists, with its direction; undefined when it dangles. */
export function portDir(wf: Workflow, ref: string): 'in' | 'out' | undefined {
  const { node, port } = splitPortRef(ref);
  return wf.processes.find((p) => p.id === node)?.ports.find((p) => p.name === port)?.dir;
}
