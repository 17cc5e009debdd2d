/**
 * From CSPm text to a runnable network: parse and check (src/engine/cspm),
 * evaluate (src/engine/eval), take the system process and split its top
 * (network.ts). A workflow arrives here as the CSPm its compiler produced, so
 * the runtime runs exactly what the checker checks. Never throws on user
 * input: every failure is a diagnostic line `file:line:col: ...`.
 */
import { formatDiagnostic, load, type FileReader } from '../../cspm';
import { loadScript, type LoadedScript } from '../../eval';
import { networkOf, type NetworkSpec } from './network';
import type { Term } from '../../csp/terms';
import type { Value } from '../../csp/values';

export interface LoadOptions {
  readonly file?: string;
  readonly readFile?: FileReader;
  /** The process to run (default SYSTEM). */
  readonly process?: string;
  /** Run a generalised parallel / interleaving at the top as components where sound (default true; network.ts). */
  readonly splitParallel?: boolean;
}

export type NetworkLoad =
  | { readonly ok: true; readonly spec: NetworkSpec; readonly script: LoadedScript; readonly process: string }
  | { readonly ok: false; readonly errors: readonly string[] };

export function networkFromCspm(text: string, options: LoadOptions = {}): NetworkLoad {
  const file = options.file ?? 'script.csp';
  const loaded = load(text, { file, ...(options.readFile !== undefined ? { readFile: options.readFile } : {}) });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { ok: false, errors: errors.map(formatDiagnostic) };
  let script: LoadedScript;
  try {
    script = loadScript(loaded.ast);
  } catch (e) {
    return {
      ok: false,
      errors: [`${file}: cannot evaluate the script: ${e instanceof Error ? e.message : String(e)}`],
    };
  }
  const evalErrors = script.diagnostics.filter((d) => d.severity === 'error');
  if (evalErrors.length > 0) return { ok: false, errors: evalErrors.map(formatDiagnostic) };
  const name = options.process ?? 'SYSTEM';
  const term = script.processes.get(name);
  if (term === undefined) {
    const known = [...script.processes.keys()].sort();
    return {
      ok: false,
      errors: [
        `${file}: no process named ${name} without parameters to run${known.length > 0 ? ` (processes: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''})` : ''}`,
      ],
    };
  }
  try {
    const callProcess = (fn: string, args: readonly Value[]): Term | string => {
      const r = script.evaluate(fn, args);
      if (!r.ok) return r.diagnostics.map((d) => d.message).join('; ');
      const v = r.value;
      return typeof v === 'object' && v.t === 'proc' ? v.term : `${fn}(…) is not a process`;
    };
    return {
      ok: true,
      spec: {
        ...networkOf(term, script.factory, script.events, undefined, {
          ...(options.splitParallel !== undefined ? { splitParallel: options.splitParallel } : {}),
        }),
        callProcess,
      },
      script,
      process: name,
    };
  } catch (e) {
    return { ok: false, errors: [`${file}: cannot start ${name}: ${e instanceof Error ? e.message : String(e)}`] };
  }
}
