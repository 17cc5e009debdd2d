/**
 * libcspm's evaluator convention: every top-level definition without
 * parameters whose name starts with `test` is a boolean that must be true.
 * `csp check --eval-tests` reports each one, so a corpus of such scripts
 * measures evaluation, not only parsing and typing.
 */
import type { Module, Span } from '../cspm/syntax/ast';
import type { Diagnostic } from '../cspm/diagnostics';
import { showValue } from '../csp/values';
import { expandedDecls } from '../cspm/modules/expand';
import { toDiagnostic } from './errors';
import type { LoadedScript } from './script';

export interface TestBoolean {
  readonly name: string;
  readonly span: Span;
  /** `error`: the evaluation failed, or gave something other than a boolean. */
  readonly result: 'true' | 'false' | 'error';
  readonly error?: Diagnostic;
}

export function evaluateTestBooleans(module: Module, script: LoadedScript): TestBoolean[] {
  const out: TestBoolean[] = [];
  for (const d of expandedDecls(module).decls) {
    if (d.kind === 'ValueDecl' && d.name.name.startsWith('procTest')) {
      out.push(buildProcess(d.name.name, d.name.span, script));
      continue;
    }
    if (d.kind !== 'ValueDecl' || !d.name.name.startsWith('test')) continue;
    const { name, span } = d.name;
    const r = script.evaluate(name);
    if (!r.ok) {
      out.push({ name, span, result: 'error', ...(r.diagnostics[0] ? { error: r.diagnostics[0] } : {}) });
    } else if (typeof r.value === 'boolean') {
      out.push({ name, span, result: r.value ? 'true' : 'false' });
    } else {
      const error: Diagnostic = {
        code: 'CSP3008',
        severity: 'error',
        message: `expected a boolean for '${name}', found ${showValue(r.value)}`,
        span,
      };
      out.push({ name, span, result: 'error', error });
    }
  }
  return out;
}

/**
 * libcspm also builds every `procTest…` process (its tests compare the
 * result's text): the process expression must evaluate, e.g. a replicated
 * internal choice over {} fails. Building is evaluating the definition and
 * its body, not exploring it; success counts as `true`.
 */
function buildProcess(name: string, span: Span, script: LoadedScript): TestBoolean {
  const r = script.evaluate(name);
  if (!r.ok) return { name, span, result: 'error', ...(r.diagnostics[0] ? { error: r.diagnostics[0] } : {}) };
  if (typeof r.value !== 'object' || r.value.t !== 'proc') return { name, span, result: 'true' };
  try {
    script.factory.canon(r.value.term);
    return { name, span, result: 'true' };
  } catch (err) {
    return { name, span, result: 'error', error: toDiagnostic(err, span) };
  }
}
