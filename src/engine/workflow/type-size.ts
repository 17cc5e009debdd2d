/**
 * Sizes of CSPm types, for the buffer state estimate of docs/workflow-semantics.md#buffered-edges-and-close: the
 * workflow's parameters and declarations are evaluated by the CSPm evaluator,
 * and each type's size is the product of the cardinalities of its dotted
 * parts. Infinite or unevaluable types give undefined (no estimate).
 */
import { load } from '../cspm';
import { loadScript } from '../eval';
import type { Workflow } from './model';
import { splitDotted } from './types';

/** A typeSize function for compileWorkflow over `wf`'s declarations, evaluating all `types` at once. */
export function evaluatorTypeSize(
  wf: Workflow,
  types: readonly string[],
  generated: string = '',
): (type: string) => number | undefined {
  const parts = [...new Set(types.flatMap((t) => splitDotted(t)))].filter((p) => p !== 'Int' && p !== '');
  if (parts.length === 0) return () => undefined;
  const header = [
    ...Object.entries(wf.parameters).map(([k, v]) => `${k} = ${String(v)}`),
    generated,
    wf.declarations ?? '',
  ].join('\n');
  const probes = parts.map((p, i) => `WF_SIZE_${i} = card(${p})`).join('\n');
  const sizes = new Map<string, number>();
  try {
    const front = load(`${header}\n${probes}\n`, { file: 'type-size.csp' });
    if (!front.diagnostics.some((d) => d.severity === 'error')) {
      const script = loadScript(front.ast);
      parts.forEach((p, i) => {
        const r = script.evaluate(`WF_SIZE_${i}`);
        if (r.ok && typeof r.value === 'number') sizes.set(p, r.value);
      });
    }
  } catch {
    // An evaluator failure only means no estimate; the checker reports the real error.
  }
  return (type: string) => {
    let n = 1;
    for (const p of splitDotted(type)) {
      const s = sizes.get(p);
      if (s === undefined) return undefined;
      n *= s;
    }
    return n;
  };
}
