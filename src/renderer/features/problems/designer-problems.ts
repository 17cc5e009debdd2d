/**
 * The open workflow's problems come from the designer's live validation
 * (a worker running the same checks as `csp validate` on every edit), so the
 * Problems tab, the canvas badges and the properties panel always agree.
 */
import { useEffect } from 'react';
import { useDiagnostics } from '../designer';
import type { DesignerDiagnostic } from '../designer';
import type { Diagnostic } from './problems-store';
import { useProblems } from './problems-store';

export function toProblem(d: DesignerDiagnostic): Diagnostic {
  return { code: d.code, severity: d.severity, message: d.message, ...(d.path !== '' ? { path: d.path } : {}) };
}

/** Mounted once by the workbench. */
export function useDesignerProblems(): void {
  useEffect(() => {
    const publish = (list: readonly DesignerDiagnostic[]): void =>
      useProblems.getState().set('workflow', list.map(toProblem));
    publish(useDiagnostics.getState().list);
    return useDiagnostics.subscribe((s, prev) => {
      if (s.list !== prev.list) publish(s.list);
    });
  }, []);
}
