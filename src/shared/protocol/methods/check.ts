/**
 * Formal checks (issue 4): run a script's assertions in a worker, follow their
 * progress, cancel them, fetch the results. Report shapes are those of
 * `csp check --json` (docs/cspm.md#command-line-contract).
 */
import { z } from 'zod';
import { defineMethods, defineStreams } from '../registry';
import { Diagnostic, SourceKind } from './diagnostics';

/** Scripts travel inside one message, so they stay under the 1 MiB message limit. */
export const MAX_CHECK_TEXT = 900_000;

export const CheckProgress = z.object({
  states: z.number().int().nonnegative(),
  transitions: z.number().int().nonnegative(),
  statesPerSecond: z.number().nonnegative(),
  queue: z.number().int().nonnegative(),
  seconds: z.number().nonnegative(),
});

export const CounterexampleKind = z.enum([
  'deadlock',
  'refusal',
  'revival',
  'divergence',
  'trace',
  'nondeterminism',
  'no-trace',
]);

export const CheckCounterexample = z.object({
  kind: CounterexampleKind,
  trace: z.array(z.string()).describe('visible events to the failure, ✓ included'),
  steps: z.number().int().nonnegative().optional().describe('transitions (τ included) to the failure (protocol 1.3)'),
  refused: z.array(z.string()).optional(),
  event: z
    .string()
    .optional()
    .describe(
      'the offending event (trace, nondeterminism, no-trace; revival: the event accepted while refused is refused)',
    ),
  refusals: z
    .array(z.array(z.string()).nullable())
    .optional()
    .describe('refusal testing: per trace event, what the stable state it left refused, or null (not stable)'),
  terminates: z
    .boolean()
    .optional()
    .describe(
      'refusal or nondeterminism: the refusing state can terminate, so it may refuse every other event (protocol 1.3)',
    ),
  components: z.array(
    z.object({
      name: z.string(),
      trace: z.array(z.string()).describe("the component's own events, hidden ones included"),
      state: z.string().describe('its final state as a CSPm term'),
      source: z.string().optional().describe('workflow element (node, edge, bus) it came from'),
    }),
  ),
  traceSources: z.array(z.string().nullable()).optional(),
});
export type CheckCounterexample = z.infer<typeof CheckCounterexample>;

export const BuiltinCheck = z
  .object({
    kind: z.enum(['deadlock', 'divergence', 'contract']),
    node: z.string().optional().describe('for a contract: the node id'),
  })
  .describe(
    'a check every system gets, added by the host (deadlock and divergence freedom of SYSTEM; each code node contract divergence free)',
  );

/** Own assertions come first (1..n, file order), then the built-ins (n+1..). */
export const AssertionInfo = z.object({
  index: z.number().int().positive(),
  text: z.string().describe('CSPm after assert'),
  builtin: BuiltinCheck.optional(),
  file: z.string().optional(),
  path: z
    .string()
    .optional()
    .describe('for a workflow: assertions[i].text, or processes[i].contract for a contract check'),
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
});

const Source = {
  file: z.string().min(1).max(4096).optional().describe('path of a .csp script or workflow .yaml on the host'),
  text: z.string().max(MAX_CHECK_TEXT).optional().describe('CSPm or workflow YAML text (instead of file)'),
  name: z
    .string()
    .min(1)
    .max(256)
    .default('script.csp')
    .describe('file name used in diagnostics for text (its extension gives the kind)'),
  kind: SourceKind.optional().describe('workflow or cspm; default: by the extension of file or name'),
};
const oneSource = (p: { file?: string | undefined; text?: string | undefined }): boolean =>
  (p.file === undefined) !== (p.text === undefined);

export const AssertionReport = z.object({
  index: z.number().int().positive(),
  text: z.string(),
  result: z.enum(['passed', 'failed', 'error']),
  states: z.number().int().nonnegative(),
  transitions: z.number().int().nonnegative(),
  seconds: z.number().nonnegative(),
  assumptions: z.array(z.string()),
  notes: z
    .array(z.string())
    .optional()
    .describe('how the verdict was reached, when it matters (e.g. one thread used although workers were asked for)'),
  counterexample: CheckCounterexample.optional(),
  error: z
    .object({ code: z.string(), message: z.string(), line: z.number().int(), column: z.number().int() })
    .optional(),
  builtin: BuiltinCheck.optional(),
});
export type AssertionReport = z.infer<typeof AssertionReport>;

export const ScriptError = z.object({
  code: z.string(),
  message: z.string(),
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
});

export const CheckStatus = z.enum(['running', 'done', 'cancelled', 'failed']);

export const checkMethods = defineMethods({
  'check.run': {
    description:
      "Starts checking a script's assertions (a file on the host, or text) in worker threads; follow it on the check.events stream.",
    params: z
      .object({
        ...Source,
        assertion: z
          .number()
          .int()
          .positive()
          .optional()
          .describe('only this assertion (1-based: own ones in file order, then the built-ins)'),
        assertions: z
          .array(z.number().int().positive())
          .min(1)
          .max(10_000)
          .optional()
          .describe(
            'only these assertions, numbered as for assertion (protocol 1.3); give assertion or assertions, not both',
          ),
        builtins: z
          .enum(['auto', 'include', 'exclude'])
          .default('auto')
          .describe(
            'built-in checks: auto = only when the source has no assertions of its own; include = always; exclude = never',
          ),
        timeoutSeconds: z.number().positive().max(86_400).optional(),
        workers: z.number().int().min(1).max(16).default(1),
      })
      .refine(oneSource, { message: 'give exactly one of file and text' })
      .refine((p) => p.assertion === undefined || p.assertions === undefined, {
        message: 'give assertion or assertions, not both',
        path: ['assertions'],
      }),
    result: z.object({
      checkId: z.string(),
      assertions: z.array(AssertionInfo).describe('the assertions this run checks'),
      errors: z.array(ScriptError).describe('syntax, type or declaration errors: nothing is checked'),
      diagnostics: z
        .array(Diagnostic)
        .optional()
        .describe('every problem found reading the source (workflow ones at their YAML place)'),
    }),
  },
  'check.assertions': {
    description:
      "A script's or workflow's assertions without checking them: its own (with where they are written) and the built-in ones, and which run by default.",
    params: z.object({ ...Source }).refine(oneSource, { message: 'give exactly one of file and text' }),
    result: z.object({
      assertions: z.array(AssertionInfo),
      builtinsByDefault: z
        .boolean()
        .describe('true when the source has no assertions of its own, so check.run checks the built-ins'),
      diagnostics: z.array(Diagnostic).describe('errors here mean nothing can be checked'),
    }),
  },
  'check.cancel': {
    description: 'Cancels a running check; its undecided assertions end as errors (CSP4003).',
    params: z.object({ checkId: z.string().min(1).max(128) }),
    result: z.object({ cancelled: z.boolean().describe('false when it had already finished') }),
  },
  'check.result': {
    description: 'Status and the reports decided so far of a check started by check.run.',
    params: z.object({ checkId: z.string().min(1).max(128) }),
    result: z.object({ status: CheckStatus, assertions: z.array(AssertionReport), message: z.string().optional() }),
  },
});

export const CheckEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), index: z.number().int().positive(), progress: CheckProgress }),
  z.object({ type: z.literal('assertion'), report: AssertionReport }),
  z.object({
    type: z.literal('done'),
    status: CheckStatus,
    passed: z.number().int(),
    failed: z.number().int(),
    errors: z.number().int(),
    message: z.string().optional(),
  }),
]);
export type CheckEvent = z.infer<typeof CheckEvent>;

export const checkStreams = defineStreams({
  'check.events': {
    description:
      'Progress (at least once a second), each decided assertion in file order, then done. runId is the checkId.',
    perRun: true,
    event: CheckEvent,
  },
});
