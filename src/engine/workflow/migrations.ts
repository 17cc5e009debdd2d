/**
 * Schema migrations (CONTRIBUTING.md#versioned-documents): an ordered list, each taking a raw
 * document of version `from` to version `from + 1`. Loading runs every
 * migration between the file's version and WORKFLOW_VERSION; the file itself is
 * rewritten only when the user saves (docs/workflow-semantics.md#the-workflow-file).
 *
 * Version 1 is the first published format; version 2 added groups; version 3
 * added debugger breakpoints. The
 * runner is also exercised by tests with their own lists.
 */
import { WORKFLOW_VERSION } from './model';

export interface Migration {
  readonly from: number;
  readonly description: string;
  readonly migrate: (doc: Record<string, unknown>) => Record<string, unknown>;
}

export const MIGRATIONS: readonly Migration[] = [
  // Version 2 added optional groups; a version-1 file simply has none.
  { from: 1, description: 'groups of nodes (a version-1 file has none)', migrate: (doc) => doc },
  // Version 3 added optional debugger breakpoints; a version-2 file has none.
  { from: 2, description: 'debugger breakpoints (a version-2 file has none)', migrate: (doc) => doc },
];

export type MigrationResult =
  | { ok: true; doc: Record<string, unknown>; applied: readonly string[] }
  | { ok: false; reason: 'newer' | 'missing' | 'gap'; message: string };

/**
 * Brings `doc` to `target`. Refuses a newer file with both versions named, and
 * a version for which no migration path exists.
 */
export function migrate(
  doc: Record<string, unknown>,
  migrations: readonly Migration[] = MIGRATIONS,
  target: number = WORKFLOW_VERSION,
): MigrationResult {
  const version = doc['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      reason: 'missing',
      message: `expected "version: ${target}" (a positive integer), got ${JSON.stringify(version ?? null)}`,
    };
  }
  if (version > target) {
    return {
      ok: false,
      reason: 'newer',
      message: `file has version ${version}, newer than version ${target} that this app supports; update the app to open it`,
    };
  }
  let current = doc;
  const applied: string[] = [];
  for (let v = version; v < target; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) return { ok: false, reason: 'gap', message: `no migration from version ${v} to ${v + 1}` };
    current = { ...step.migrate(current), version: v + 1 };
    applied.push(`${v}→${v + 1}: ${step.description}`);
  }
  return { ok: true, doc: current, applied };
}
