/**
 * Evaluation errors: every failure is an EvaluationError carrying a CSP3xxx
 * code from the catalogue, its formatted message and the span of the
 * expression at fault. They are thrown (evaluation is deeply recursive and
 * lazy) and turned into Diagnostics at the API boundary (`toDiagnostic`).
 */
import { EvaluationError } from '../csp/errors';
import { catalogue, type Diagnostic, type DiagnosticArgs, type DiagnosticCode } from '../cspm/diagnostics';
import { formatTemplate } from '../cspm/diagnostics/diagnostic';
import type { Span } from '../cspm/syntax/ast';

export { EvaluationError };

export function fail(code: DiagnosticCode, span: Span, args: DiagnosticArgs = {}): never {
  throw new EvaluationError(code, formatTemplate(catalogue[code].template, args), span);
}

/** An EvaluationError (or a JS stack overflow) as a diagnostic; `fallback` locates errors raised without a span. */
export function toDiagnostic(err: unknown, fallback: Span): Diagnostic {
  if (err instanceof EvaluationError) {
    const code = (err.code in catalogue ? err.code : 'CSP3014') as DiagnosticCode;
    return { code, severity: catalogue[code].severity, message: err.message, span: err.span ?? fallback };
  }
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return {
      code: 'CSP3007',
      severity: 'error',
      message: formatTemplate(catalogue.CSP3007.template, {
        name: 'this expression',
        why: 'the evaluation stack overflowed',
      }),
      span: fallback,
    };
  }
  throw err;
}
