/**
 * Live diagnostics of the open script: every edit goes to the language worker
 * (parse and type check, then evaluation of the declarations once typing
 * pauses), and the result lands here for the editor's markers, the Problems
 * tab and the status line. No Monaco needed: the script is checked even while
 * the editor view is not showing.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Diagnostic } from '../../../../shared/protocol/methods/diagnostics';
import { useProblems } from '../../problems/problems-store';
import { languageClient } from '../language/instance';
import type { LanguageDiagnostic } from '../language/protocol';
import { useScript } from './script-store';

/** The Problems tab's source name; `cspm…` sources reveal in the editor. */
export const SCRIPT_PROBLEMS = 'cspm-script';

export interface ScriptDiagnosticsState {
  /** The script revision these are about. */
  revision: number;
  list: readonly LanguageDiagnostic[];
  /** The declarations were evaluated too (not only parsed and typed). */
  evaluated: boolean;
  /** From the edit to the result on screen, ms (what a person waits). */
  latencyMs: number | undefined;
  /** Time the worker spent parsing and type-checking, ms. */
  workerMs: number | undefined;
}

export const useScriptDiagnostics = create<ScriptDiagnosticsState>(() => ({
  revision: 0,
  list: [],
  evaluated: false,
  latencyMs: undefined,
  workerMs: undefined,
}));

/** The file name diagnostics and checks use for a stored script (`pq` → `pq.csp`). */
export function scriptFileName(name: string): string {
  return /\.(csp|cspm)$/i.test(name) ? name : `${name}.csp`;
}

export function scriptUri(id: number): string {
  return `inmemory://script/${id}.csp`;
}

export function toProblem(d: LanguageDiagnostic, file: string): Diagnostic {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
  };
}

/** Follows the open script for as long as the caller is mounted (the workbench, once). */
export function useScriptDiagnosticsSync(): void {
  useEffect(() => {
    const client = languageClient;
    // When each revision was typed, to measure what a person waits.
    const editedAt = new Map<number, number>();
    let watching: { uri: string; file: string } | undefined;
    const clear = (): void => {
      useScriptDiagnostics.setState({
        revision: 0,
        list: [],
        evaluated: false,
        latencyMs: undefined,
        workerMs: undefined,
      });
      useProblems.getState().set(SCRIPT_PROBLEMS, []);
    };
    const follow = (): void => {
      const s = useScript.getState();
      if (!s.ref) {
        if (watching) client().unwatch(watching.uri);
        watching = undefined;
        editedAt.clear();
        clear();
        return;
      }
      const uri = scriptUri(s.ref.id);
      const file = scriptFileName(s.ref.name);
      editedAt.set(s.revision, performance.now());
      if (watching?.uri === uri && watching.file === file) {
        client().update(uri, s.revision, s.text);
        return;
      }
      if (watching) client().unwatch(watching.uri);
      watching = { uri, file };
      clear();
      client().watchScript(uri, file, s.revision, s.text, (d) => {
        if (useScript.getState().ref?.id !== s.ref?.id) return;
        const started = editedAt.get(d.version);
        for (const k of editedAt.keys()) if (k < d.version) editedAt.delete(k);
        useScriptDiagnostics.setState({
          revision: d.version,
          list: d.diagnostics,
          evaluated: d.evaluated,
          latencyMs: d.evaluated
            ? useScriptDiagnostics.getState().latencyMs
            : started !== undefined
              ? performance.now() - started
              : undefined,
          workerMs: d.ms,
        });
        useProblems.getState().set(
          SCRIPT_PROBLEMS,
          d.diagnostics.map((x) => toProblem(x, file)),
        );
      });
    };
    follow();
    const off = useScript.subscribe((s, prev) => {
      if (s.ref !== prev.ref || s.text !== prev.text) follow();
    });
    return () => {
      off();
      if (watching) client().unwatch(watching.uri);
      clear();
    };
  }, []);
}
