/** The CSPm evaluator's public API (see README.md). */
export { loadScript, evaluate, flattenDecls } from './script';
export type {
  LoadedScript,
  EvaluatedAssertion,
  FailedAssertion,
  AssertionKind,
  AssertionModel,
  EvaluateResult,
  ScriptInput,
} from './script';
export { Evaluator, MAX_DEPTH } from './evaluator';
export { Env } from './env';
export { EvaluationError } from '../csp/errors';
export { evaluateTestBooleans } from './test-booleans';
export type { TestBoolean } from './test-booleans';
