/**
 * Where a check's error is in the workflow. The host reports an error's line
 * and column in the CSPm the workflow compiles to; the same workflow compiles
 * to the same script here (the compiler is pure), so its source map puts the
 * place back in the text the person wrote: `declarations`, line 1, column 22.
 * Only for a verdict that is not stale: an edited workflow compiles to other
 * lines.
 */
import { bodyAt, compileWorkflow } from '../../../../engine/workflow';
import type { Workflow } from '../../../../engine/workflow';

export interface ErrorPlace {
  /** Document path of the text holding the error, e.g. `processes[0].behaviour`. */
  readonly path: string;
  /** 1-based place inside that text. */
  readonly line: number;
  readonly column: number;
}

export function errorPlace(
  workflow: Workflow | undefined,
  at: { readonly line: number; readonly column: number },
): ErrorPlace | undefined {
  if (!workflow || at.line < 1) return undefined;
  try {
    return bodyAt(compileWorkflow(workflow).sourceMap, at.line, at.column);
  } catch {
    // A workflow the compiler refuses has no map; the generated line and column are all there is.
    return undefined;
  }
}
