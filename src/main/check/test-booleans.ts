/**
 * `csp check --eval-tests`: the script's `test…` booleans (libcspm's
 * evaluator convention, see engine/eval/test-booleans.ts), located for the
 * CLI's human and JSON output.
 */
import { load } from '../../engine/cspm';
import { catalogue, type DiagnosticCode } from '../../engine/cspm';
import { EvaluationError, evaluateTestBooleans, loadScript } from '../../engine/eval';
import { includeReader } from './input';

export interface TestBooleanReport {
  readonly name: string;
  readonly result: 'true' | 'false' | 'error';
  readonly line: number;
  readonly column: number;
  readonly error?: { readonly code: string; readonly message: string; readonly line: number; readonly column: number };
}

/**
 * Evaluates every top-level `test…` definition; call only for a script
 * without front-end errors. Past `limit.deadline` (ms since the epoch) a test
 * still evaluating stops with CSP4002, like an undecided assertion.
 */
export function runTestBooleans(
  text: string,
  file: string,
  limit?: { deadline: number; seconds: number },
): TestBooleanReport[] {
  const loaded = load(text, { file, readFile: includeReader });
  const limitCheck = (): void => {
    if (limit !== undefined && Date.now() > limit.deadline) {
      throw new EvaluationError('CSP4002', formatDiagnosticTemplate('CSP4002', { seconds: limit.seconds, states: 0 }));
    }
  };
  const script = loadScript(loaded.ast, limit === undefined ? {} : { limitCheck });
  return evaluateTestBooleans(loaded.ast, script).map((t) => ({
    name: t.name,
    result: t.result,
    line: t.span.line,
    column: t.span.column,
    ...(t.error
      ? {
          error: { code: t.error.code, message: t.error.message, line: t.error.span.line, column: t.error.span.column },
        }
      : {}),
  }));
}

function formatDiagnosticTemplate(code: DiagnosticCode, args: Record<string, string | number>): string {
  return catalogue[code].template.replace(/\{(\w+)\}/g, (whole, key: string) => String(args[key] ?? whole));
}

/** `testFoo: false (line 3:1)`, one line per test that is not true. */
export function testLine(t: TestBooleanReport): string {
  const detail = t.error
    ? `${t.error.code} at ${t.error.line}:${t.error.column}: ${t.error.message}`
    : `${t.line}:${t.column}`;
  return `${t.name}: ${t.result} (${detail})`;
}
