/**
 * Diagnostics of the open workflow, for badges, the properties panel and the
 * Problems tab. Computed in a worker from the document store; never edited.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Workflow } from '../../../../engine/workflow';
import { useDocument } from '../document';
import { byTarget } from './analyse';
import type { DesignerDiagnostic } from './analyse';
import { Validator } from './validator';
import type { ValidatorPort } from './validator';

export interface DiagnosticsState {
  /** The workflow these diagnostics are about (the document may already be newer). */
  workflow: Workflow | undefined;
  list: readonly DesignerDiagnostic[];
  /** By target key (`node:phil`, `edge:e1`, `workflow`). */
  byTarget: ReadonlyMap<string, readonly DesignerDiagnostic[]>;
  /** The analysis failed (a bug): said once, not hidden. */
  error: string | undefined;
}

export const useDiagnostics = create<DiagnosticsState>(() => ({
  workflow: undefined,
  list: [],
  byTarget: new Map(),
  error: undefined,
}));

const EMPTY: readonly DesignerDiagnostic[] = [];

/** Diagnostics of one element; a stable empty array when there are none (cheap for memoised nodes). */
export function useTargetDiagnostics(key: string): readonly DesignerDiagnostic[] {
  return useDiagnostics((s) => s.byTarget.get(key) ?? EMPTY);
}

function startWorker(): ValidatorPort {
  return new Worker(new URL('./validate.worker.ts', import.meta.url), {
    type: 'module',
    name: 'designer-validation',
  }) as unknown as ValidatorPort;
}

/** Runs validation for as long as the caller is mounted (the designer mounts it once). */
export function useDiagnosticsSync(): void {
  useEffect(() => {
    const validator = new Validator(startWorker(), (r) => {
      useDiagnostics.setState({
        workflow: r.workflow,
        list: r.diagnostics,
        byTarget: byTarget(r.diagnostics),
        error: r.error,
      });
    });
    const push = (wf: Workflow | undefined): void => {
      if (wf) validator.validate(wf);
      else useDiagnostics.setState({ workflow: undefined, list: [], byTarget: new Map(), error: undefined });
    };
    push(useDocument.getState().workflow);
    const unsubscribe = useDocument.subscribe((s, prev) => {
      if (s.workflow !== prev.workflow) push(s.workflow);
    });
    return () => {
      unsubscribe();
      validator.dispose();
    };
  }, []);
}
