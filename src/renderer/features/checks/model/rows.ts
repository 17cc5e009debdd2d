/**
 * The rows of the checks panel: the document's own assertions (file order),
 * then the built-in checks every system gets, as `check.assertions` numbers
 * them. A built-in that an own assertion already states word for word is not
 * listed twice: the own row says it covers it, and "Run all" checks it once.
 */
import type { Workflow } from '../../../../engine/workflow';
import type { Result } from '../../../../shared/protocol';

export type AssertionInfo = Result<'check.assertions'>['assertions'][number];
export type BuiltinCheck = NonNullable<AssertionInfo['builtin']>;

export interface CheckRow {
  readonly index: number;
  /** CSPm after `assert`. */
  readonly text: string;
  readonly origin: 'own' | 'builtin';
  /** What it checks, in words: "deadlock freedom", "contract of Buyer (divergence freedom)", or the assertion's description. */
  readonly title: string | undefined;
  readonly builtin?: BuiltinCheck;
  /** The built-in checks this own assertion states too (by title). */
  readonly covers: readonly string[];
  /** The verdict the workflow documents (`expect:`), when it does. */
  readonly expect?: 'pass' | 'fail';
  /** Where it is written: a document path (workflow) and/or a line and column. */
  readonly path?: string;
  readonly line?: number;
  readonly column?: number;
}

const normal = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** "deadlock freedom", "divergence freedom", "contract of Buyer (divergence freedom)". */
export function builtinTitle(b: BuiltinCheck, workflow: Workflow | undefined): string {
  if (b.kind === 'deadlock') return 'deadlock freedom';
  if (b.kind === 'divergence') return 'divergence freedom';
  const node = workflow?.processes.find((p) => p.id === b.node);
  return `contract of ${node?.name ?? b.node ?? '?'} (divergence freedom)`;
}

const ASSERTION_PATH = /^assertions\[(\d+)\]/;

export function checkRows(assertions: readonly AssertionInfo[], workflow: Workflow | undefined): CheckRow[] {
  const own: CheckRow[] = [];
  const covers = new Map<string, string[]>();
  for (const a of assertions) {
    if (a.builtin) continue;
    const at = ASSERTION_PATH.exec(a.path ?? '');
    const written = at ? workflow?.assertions[Number(at[1])] : undefined;
    const list: string[] = [];
    covers.set(normal(a.text), list);
    own.push({
      index: a.index,
      text: a.text,
      origin: 'own',
      title: written?.description,
      covers: list,
      ...(written?.expect !== undefined ? { expect: written.expect } : {}),
      ...place(a),
    });
  }
  const builtins: CheckRow[] = [];
  for (const a of assertions) {
    if (!a.builtin) continue;
    const title = builtinTitle(a.builtin, workflow);
    const same = covers.get(normal(a.text));
    if (same) {
      same.push(title);
      continue;
    }
    builtins.push({
      index: a.index,
      text: a.text,
      origin: 'builtin',
      title,
      builtin: a.builtin,
      covers: [],
      ...place(a),
    });
  }
  return [...own, ...builtins];
}

function place(a: AssertionInfo): Pick<CheckRow, 'path' | 'line' | 'column'> {
  return {
    ...(a.path !== undefined ? { path: a.path } : {}),
    ...(a.line !== undefined ? { line: a.line } : {}),
    ...(a.column !== undefined ? { column: a.column } : {}),
  };
}
