/**
 * Checking a whole CSPm script: parse and type-check (src/engine/cspm),
 * evaluate (src/engine/eval), then run each assertion in file order and
 * report it in the shape of docs/cspm.md#command-line-contract.
 *
 * Pure: the file text, an include reader and a clock come from the caller.
 * A syntax, type or declaration error stops before any check (the CLI exits
 * 2); an assertion that cannot be evaluated, or that runs out of budget, is
 * reported as `error` for that assertion alone.
 */
import type { Diagnostic, FileReader } from '../cspm';
import { load } from '../cspm';
import { catalogue, formatTemplate } from '../cspm/diagnostics';
import { EvaluationError } from '../csp/errors';
import { loadScript, type EvaluatedAssertion, type FailedAssertion } from '../eval';
import type { BudgetOptions, Progress } from './budget';
import type { Counterexample } from './counterexample';
import { limitCode, runCheck, type CheckAssertion, type CheckOutcome } from './index';
import type { Team } from './parallel/team';
import type { CompileLimits } from './system';

export type AssertionResult = 'passed' | 'failed' | 'error';

export interface AssertionReport {
  readonly index: number;
  readonly text: string;
  readonly result: AssertionResult;
  readonly states: number;
  readonly transitions: number;
  readonly seconds: number;
  readonly assumptions: string[];
  /** How the verdict was reached, when the user should know (e.g. one thread used although `--workers` offered more). */
  readonly notes?: string[];
  readonly counterexample?: Counterexample;
  readonly error?: { readonly code: string; readonly message: string; readonly line: number; readonly column: number };
}

export interface ScriptReport {
  readonly file: string;
  /** Errors that stop the script from being checked at all (syntax, types, declarations). */
  readonly errors: readonly Diagnostic[];
  /** Every diagnostic, warnings and infos included. */
  readonly diagnostics: readonly Diagnostic[];
  readonly assertions: AssertionReport[];
}

export interface ScriptCheckOptions {
  readonly file: string;
  readonly readFile?: FileReader;
  /** Check only the assertion with this 1-based index. */
  readonly only?: number;
  /** Budget for each assertion (clock, limits, signal); progress is tagged with the assertion index. */
  readonly budget?: Omit<BudgetOptions, 'onProgress'>;
  readonly onProgress?: (index: number, p: Progress) => void;
  /** Called as each assertion is decided (for streaming output). */
  readonly onAssertion?: (r: AssertionReport) => void;
  readonly limits?: CompileLimits;
  /** Threads for one assertion's search (deadlock, divergence, determinism and refinement checks; the others run in this thread). */
  readonly team?: Team;
}

/** The script's assertions (index and text) and the errors that stop it, without checking anything. */
export interface ScriptOutline {
  readonly errors: readonly Diagnostic[];
  readonly diagnostics: readonly Diagnostic[];
  readonly assertions: readonly { readonly index: number; readonly text: string }[];
}

function prepare(text: string, file: string, readFile: FileReader | undefined, budget?: ScriptCheckOptions['budget']) {
  const loaded = load(text, { file, ...(readFile ? { readFile } : {}) });
  const front = loaded.diagnostics;
  const fatal = front.filter((d) => d.severity === 'error');
  if (fatal.length > 0) return { errors: fatal, diagnostics: front, script: undefined };
  const limitCheck = limitCheckOf(budget);
  const script = loadScript(loaded.ast, limitCheck ? { limitCheck } : {});
  const diagnostics = [...front, ...script.diagnostics];
  // declaration errors (e.g. an infinite channel type) make every check meaningless
  const assertionErrors = new Set(script.assertions.filter((a): a is FailedAssertion => !a.ok).map((a) => a.error));
  const declErrors = script.diagnostics.filter((d) => d.severity === 'error' && !assertionErrors.has(d));
  if (declErrors.length > 0) return { errors: declErrors, diagnostics, script: undefined };
  return { errors: [], diagnostics, script };
}

/**
 * The time limit and cancellation of a budget, for evaluation and
 * compilation (which run before any state is counted, and may be long: a
 * huge type, a deep recursion): throws CSP4002 / CSP4003 as an evaluation error.
 */
function limitCheckOf(budget: ScriptCheckOptions['budget']): (() => void) | undefined {
  const clock = budget?.clock;
  const started = clock?.();
  const deadline =
    budget?.deadline ??
    (budget?.timeoutMs !== undefined && started !== undefined ? started + budget.timeoutMs : undefined);
  const signal = budget?.signal;
  if (signal === undefined && (deadline === undefined || clock === undefined)) return undefined;
  return () => {
    if (signal?.aborted === true)
      throw new EvaluationError('CSP4003', formatTemplate(catalogue.CSP4003.template, { states: 0 }));
    if (deadline !== undefined && clock !== undefined && clock() > deadline) {
      const seconds = started === undefined ? '?' : ((clock() - started) / 1000).toFixed(1);
      throw new EvaluationError('CSP4002', formatTemplate(catalogue.CSP4002.template, { seconds, states: 0 }));
    }
  };
}

export function outlineScript(text: string, file: string, readFile?: FileReader): ScriptOutline {
  const { errors, diagnostics, script } = prepare(text, file, readFile);
  return { errors, diagnostics, assertions: script?.assertions.map((a) => ({ index: a.index, text: a.text })) ?? [] };
}

export function checkScript(text: string, options: ScriptCheckOptions): ScriptReport {
  const { errors, diagnostics, script } = prepare(text, options.file, options.readFile, options.budget);
  if (script === undefined) return { file: options.file, errors, diagnostics, assertions: [] };

  const clock = options.budget?.clock;
  const reports: AssertionReport[] = [];
  for (const a of script.assertions) {
    if (options.only !== undefined && a.index !== options.only) continue;
    const started = clock?.() ?? 0;
    let report: AssertionReport;
    if (!a.ok) {
      report = base(a, 'error', { states: 0, transitions: 0 }, 0, {
        error: { code: a.error.code, message: a.error.message, line: a.error.span.line, column: a.error.span.column },
      });
    } else {
      const outcome = runCheck(toCheck(a), {
        factory: script.factory,
        events: script.events,
        budget: {
          ...options.budget,
          ...(options.onProgress ? { onProgress: (p: Progress) => options.onProgress?.(a.index, p) } : {}),
        },
        ...(options.limits ? { limits: options.limits } : {}),
        ...(options.team ? { team: options.team } : {}),
      });
      const seconds = clock === undefined ? 0 : (clock() - started) / 1000;
      report = verdict(a, outcome, seconds);
    }
    reports.push(report);
    options.onAssertion?.(report);
  }
  return { file: options.file, errors: [], diagnostics, assertions: reports };
}

function toCheck(a: EvaluatedAssertion): CheckAssertion {
  const model = a.model;
  switch (a.kind) {
    case 'deadlock':
      return { kind: 'deadlock', model: model === 'F' ? 'F' : 'FD', process: a.impl };
    case 'divergence':
      return { kind: 'divergence', process: a.impl };
    case 'determinism':
      return { kind: 'determinism', model: model === 'F' ? 'F' : 'FD', process: a.impl };
    case 'refinement':
      if (a.spec === undefined) throw new Error(`internal: refinement assertion ${a.index} without a specification`);
      return { kind: 'refinement', model, spec: a.spec, impl: a.impl };
    case 'hasTrace':
      return { kind: 'hasTrace', process: a.impl, trace: a.trace ?? [] };
  }
}

function base(
  a: EvaluatedAssertion | FailedAssertion,
  result: AssertionResult,
  stats: { states: number; transitions: number },
  seconds: number,
  extra: Partial<AssertionReport>,
): AssertionReport {
  return {
    index: a.index,
    text: a.text,
    result,
    states: stats.states,
    transitions: stats.transitions,
    seconds,
    assumptions: [],
    ...extra,
  };
}

function verdict(a: EvaluatedAssertion, o: CheckOutcome, seconds: number): AssertionReport {
  const report = verdictOf(a, o, seconds);
  const notes = o.status === 'error' ? undefined : o.notes;
  return notes === undefined || notes.length === 0 ? report : { ...report, notes: [...notes] };
}

function verdictOf(a: EvaluatedAssertion, o: CheckOutcome, seconds: number): AssertionReport {
  const at = { line: a.span.line, column: a.span.column };
  switch (o.status) {
    case 'error':
      return base(a, 'error', o, seconds, {
        error: { code: o.code, message: o.message, line: o.span?.line ?? at.line, column: o.span?.column ?? at.column },
      });
    case 'limit':
      return base(a, 'error', o, seconds, { error: { code: limitCode(o.reason), message: o.message, ...at } });
    case 'passed':
      return base(a, a.negated ? 'failed' : 'passed', o, seconds, {});
    case 'failed':
      // `assert not X` passes when X fails; the counterexample of X is what makes it pass, so it is not shown
      return a.negated
        ? base(a, 'passed', o, seconds, {})
        : base(a, 'failed', o, seconds, { counterexample: o.counterexample });
  }
}
