/**
 * The probe (FDR's Probe) and what it needs from a CSPm script: open a process
 * of a script or workflow, expand a state into its transitions (an event, τ or
 * ✓, and the state it leads to, shown as a CSPm term), walk on, close. Built on
 * the engine's one semantics, in the host, so it works on remote hosts too.
 * State ids are stable for the life of a probe (expanding a state twice gives
 * the same ids), so a client can walk back by remembering the path it took.
 */
import { z } from 'zod';
import { defineMethods, defineStreams } from '../registry';
import { Diagnostic, MAX_DOCUMENT_TEXT, SourceKind } from './diagnostics';

/** Probes a host keeps open at once; opening one more closes the least recently used. */
export const MAX_PROBES = 32;
/** Transitions one probe.expand returns at most (the rest are counted in `more`). */
export const MAX_PROBE_TRANSITIONS = 500;
/** Longest term text sent; longer terms end with `…`. */
export const MAX_TERM_TEXT = 8_000;

const ProbeId = z.string().min(1).max(128);

export const ProbeState = z.object({
  id: z.number().int().nonnegative().describe('stable within the probe'),
  term: z.string().describe('the state as a CSPm process expression'),
});

export const ProbeTransition = z.object({
  kind: z.enum(['event', 'tau', 'tick']),
  event: z.string().describe('the event in CSPm syntax, τ or ✓'),
  target: ProbeState,
});

const SourceFields = {
  file: z.string().min(1).max(4096).optional().describe('path of a .csp script or workflow .yaml on the host'),
  text: z.string().max(MAX_DOCUMENT_TEXT).optional().describe('CSPm or workflow YAML text (instead of file)'),
  name: z
    .string()
    .min(1)
    .max(256)
    .default('script.csp')
    .describe('file name used in diagnostics for text (its extension gives the kind)'),
  kind: SourceKind.optional(),
};
const oneSource = (p: { file?: string | undefined; text?: string | undefined }): boolean =>
  (p.file === undefined) !== (p.text === undefined);

export const ProcessInfo = z.object({
  name: z.string(),
  parameters: z
    .array(z.object({ name: z.string().optional(), type: z.string() }))
    .describe('empty for a process without parameters'),
  type: z.string().describe('its type, e.g. Proc or (Int) -> Proc'),
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
});

export const probeMethods = defineMethods({
  'probe.open': {
    description:
      'Opens a probe on a process of a script or workflow: a name (SYSTEM, P) or any CSPm process expression in the script (PHIL(0), P [| {a} |] Q). Answers the root state.',
    params: z
      .object({ ...SourceFields, process: z.string().trim().min(1).max(4096).default('SYSTEM') })
      .refine(oneSource, { message: 'give exactly one of file and text' }),
    result: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), probeId: ProbeId, process: z.string(), root: ProbeState }),
      z.object({
        ok: z.literal(false),
        diagnostics: z
          .array(Diagnostic)
          .describe('why the process cannot be probed (the source, or the process expression)'),
      }),
    ]),
  },
  'probe.expand': {
    description:
      'The transitions of a state: each event (or τ, ✓) and the state it leads to, in event order; an evaluation error is reported, not thrown.',
    params: z.object({ probeId: ProbeId, stateId: z.number().int().nonnegative() }),
    result: z.object({
      state: ProbeState,
      transitions: z.array(ProbeTransition),
      more: z.number().int().nonnegative().describe('transitions left out past the limit'),
      error: Diagnostic.optional().describe('the state cannot be unfolded (e.g. division by zero in its definition)'),
    }),
  },
  'probe.close': {
    description: 'Closes a probe and frees its states. Unknown ids are not an error.',
    params: z.object({ probeId: ProbeId }),
    result: z.object({ closed: z.boolean() }),
  },
  'cspm.processes': {
    description:
      'The top-level processes of a script (or a compiled workflow) that can be probed, with their parameters and where they are defined.',
    params: z.object({ ...SourceFields }).refine(oneSource, { message: 'give exactly one of file and text' }),
    result: z.object({ processes: z.array(ProcessInfo), diagnostics: z.array(Diagnostic) }),
  },
});

export const probeStreams = defineStreams({});
