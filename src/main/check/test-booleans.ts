/**
 * `csp check --eval-tests`: the script's `test…` booleans (libcspm's
 * evaluator convention, see engine/eval/test-booleans.ts), located for the
 * CLI's human and JSON output.
 */
import { load } from '../../engine/cspm';
import { evaluateTestBooleans, loadScript } from '../../engine/eval';
import { includeReader } from './input';

export interface TestBooleanReport {
  readonly name: string;
  readonly result: 'true' | 'false' | 'error';
  readonly line: number;
  readonly column: number;
  readonly error?: { readonly code: string; readonly message: string; readonly line: number; readonly column: number };
}

/** Evaluates every top-level `test…` definition; call only for a script without front-end errors. */
export function runTestBooleans(text: string, file: string): TestBooleanReport[] {
  const loaded = load(text, { file, readFile: includeReader });
  const script = loadScript(loaded.ast);
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

/** `testFoo: false (line 3:1)`, one line per test that is not true. */
export function testLine(t: TestBooleanReport): string {
  const detail = t.error
    ? `${t.error.code} at ${t.error.line}:${t.error.column}: ${t.error.message}`
    : `${t.line}:${t.column}`;
  return `${t.name}: ${t.result} (${detail})`;
}
