/**
 * Runs (issue 7): start a workflow or CSPm system in a worker, step it (pick
 * one of the enabled items, docs/workflow-semantics.md#steps-and-time), run it freely to a breakpoint,
 * pause, step back, go to a step, fork, stop; breakpoints CRUD. Fired steps
 * arrive batched on the run.events stream and are written to the store.
 */
import { z } from 'zod';
import { defineMethods, defineStreams } from '../registry';
import { SourceKind } from './diagnostics';

const RunId = z.string().min(1).max(128);

export const RunStep = z.object({
  seq: z.number().int().positive(),
  kind: z.enum(['event', 'tau', 'tick', 'deliver', 'edit']),
  event: z
    .string()
    .describe(
      'CSPm text; τ for a component τ, ✓ for a ✓, "deliver KIND" for an outside result, "edit QUEUE" for an edit of a message in flight (payload { index, value, was })',
    ),
  hidden: z.boolean(),
  processes: z.array(z.string()),
  branch: z.number().int().nonnegative(),
  payload: z
    .unknown()
    .optional()
    .describe('the JSON payload sent with the event, or the outside result a deliver step handed over'),
  time: z.number().nonnegative().optional().describe("the run's virtual time at the step in ms (absent while 0)"),
  outside: z
    .array(z.object({ node: z.string(), kind: z.string(), value: z.unknown(), at: z.number().optional() }))
    .optional()
    .describe("other outside values the step consumed: a script's now() and random(), a CPU interrupt"),
});
export type RunStep = z.infer<typeof RunStep>;

export const EnabledItem = z.object({
  kind: z.enum(['event', 'tau', 'tick', 'deliver']),
  event: z.number().int(),
  text: z.string(),
  hidden: z.boolean(),
  actor: z.number().int(),
  processes: z.array(z.string()),
  branches: z.number().int().positive(),
});

export const WaitFor = z.object({
  process: z.string(),
  state: z.string(),
  offers: z.array(z.string()),
  waitsOn: z.array(
    z.object({
      on: z.string(),
      events: z.array(z.string()),
      ended: z.boolean().optional().describe('the process waited on has terminated'),
    }),
  ),
});

export const RunStop = z.object({
  reason: z
    .enum([
      'steps',
      'breakpoint',
      'terminated',
      'deadlock',
      'divergence',
      'error',
      'violation',
      'waiting',
      'paused',
      'record-end',
    ])
    .describe(
      'record-end: a run opened from the store reached the end of its record (going on leaves the record: a fork)',
    ),
  seq: z.number().int().nonnegative(),
  breakpoint: z.string().optional().describe('id of the breakpoint hit'),
  waiting: z.array(WaitFor).optional(),
  error: z.string().optional(),
  process: z.string().optional(),
  waitingFor: z
    .array(z.object({ process: z.string(), kind: z.string() }))
    .optional()
    .describe("for 'waiting': the outside results under way (llm-reply, tick, http, inject)"),
});
export type RunStop = z.infer<typeof RunStop>;

export const FieldTest = z.object({
  field: z.number().int().nonnegative(),
  op: z.enum(['==', '!=', '<', '<=', '>', '>=']),
  value: z.union([z.number(), z.boolean(), z.string()]),
});

export const BreakpointSpec = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('event'),
    pattern: z.string().min(1).max(1000).describe('event text, * matches anything'),
    where: z.array(FieldTest).max(16).optional(),
    payload: z
      .string()
      .min(1)
      .max(4096)
      .optional()
      .describe('an expression over msg (the JSON payload, or the event data as JSON); hits when truthy'),
  }),
  z.object({ kind: z.literal('state'), process: z.string().min(1).max(256), pattern: z.string().min(1).max(1000) }),
  z.object({ kind: z.literal('deadlock') }),
  z.object({ kind: z.literal('error') }),
  z.object({ kind: z.literal('divergence') }),
  z.object({ kind: z.literal('contract') }),
]);

export const Breakpoint = z.object({ id: z.string(), spec: BreakpointSpec, enabled: z.boolean() });

export const ProcessState = z.object({
  name: z.string(),
  state: z.string(),
  terminated: z.boolean(),
  script: z.unknown().optional().describe("a script node's ctx.state"),
});

const RunRef = z.object({ runId: RunId });

export const MessageInFlight = z.object({
  holder: z.string().describe("the process holding it: a buffered edge's buffer process (BUF_c) or a code node"),
  index: z.number().int().nonnegative().describe('its position there: 0 goes next'),
  value: z.unknown().describe('the message as JSON (CSPm values in their JSON form)'),
  queue: z.string().optional().describe('the buffered edge or buffer node it waits in (the canvas id)'),
  channel: z.string().optional().describe('the channel it leaves on'),
  port: z.string().optional().describe("a code node's output port"),
  offered: z.boolean().describe('it goes next: only its receiver is awaited'),
});

export const ExploredState = z.object({
  id: z.number().int().nonnegative().describe('0 is where the run stands'),
  depth: z.number().int().nonnegative().describe('steps from the start state'),
  status: z
    .enum(['open', 'frontier', 'deadlock', 'terminated', 'error'])
    .describe('frontier: not explored further (at the step or state limit)'),
  terms: z.array(z.string()).describe("each process's term as CSPm, in the order of components"),
  error: z.string().optional(),
  via: z.number().int().describe('the edge that first reached it (-1 for the start): follow via to find a path'),
});

export const ExploredEdge = z.object({
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  event: z.string().describe('CSPm text, τ or ✓'),
  silent: z.boolean().describe('a τ or a hidden event'),
  index: z.number().int().nonnegative().describe('run.step index in the from state'),
  branch: z.number().int().nonnegative().describe('run.step branch'),
});

export const ExploreFinding = z.object({
  kind: z.enum(['deadlock', 'divergence', 'error']),
  state: z.number().int().nonnegative(),
  message: z.string(),
});

export const RecordState = z
  .object({
    length: z
      .number()
      .int()
      .nonnegative()
      .describe(
        "steps in the run's record: those taken plus those ahead (after going back, or in an opened stored run)",
      ),
    forkedAt: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe('the step after which the run last left its record (a new timeline began there)'),
    offline: z
      .boolean()
      .describe('outside requests (LLM, HTTP) are answered from the record only: a replay never calls a live service'),
  })
  .describe('where the run stands against its record');

const StoreRunId = z.number().int().positive().describe('a stored run (run.list shows them)');

export const StoredStep = z.object({
  seq: z.number().int().positive(),
  kind: z.enum(['event', 'tau', 'done', 'tick', 'deliver', 'error', 'violation', 'edit']),
  event: z.string(),
  channel: z.string().nullable(),
  processes: z.array(z.string()),
  hidden: z.boolean(),
  payload: z.unknown().optional(),
  payloadBytes: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('given instead of payload when it is over 64 KiB: read it in pages with run.payload'),
  branch: z.number().int().nonnegative(),
  outside: z.unknown().optional().describe('outside values the step consumed (now(), random(), a CPU interrupt)'),
  time: z.number().describe('virtual time of the step, ms'),
  wallMs: z.number().describe('wall-clock time of the step, ms since the epoch'),
});
export type StoredStep = z.infer<typeof StoredStep>;

export const RunSummary = z.object({
  storeRunId: z.number().int(),
  label: z.string().nullable(),
  mode: z.string(),
  status: z.enum(['running', 'finished', 'interrupted']),
  outcome: z.string().nullable(),
  seed: z.string().nullable(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  durationMs: z.number().nullable(),
  steps: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  pinned: z.boolean(),
  workflowId: z.number().int().nullable(),
  workflowVersionId: z.number().int().nullable(),
  workflowVersion: z.number().int().nullable().describe('the version number (1, 2, …) of the workflow that ran'),
  replayable: z.boolean().describe('run.open can replay it (it was recorded with its source)'),
  parent: z
    .object({ storeRunId: z.number().int(), seq: z.number().int().nonnegative() })
    .optional()
    .describe('a fork: the run it continues and the step it left from'),
  liveRunId: RunId.optional().describe(
    'open in this host now (1.10): the run recording it, which run.attach joins (absent: only the record is left)',
  ),
});
export type RunSummary = z.infer<typeof RunSummary>;

const Started = z.object({
  runId: RunId,
  storeRunId: z.number().int().optional().describe("the stored run holding this run's steps"),
  processes: z.array(ProcessState),
  enabled: z.array(EnabledItem),
  record: RecordState.optional(),
});

export const runMethods = defineMethods({
  'run.start': {
    description: 'Loads a workflow or CSPm system and starts a run in a worker, paused at step 0.',
    params: z
      .object({
        file: z.string().min(1).max(4096).optional(),
        text: z.string().max(900_000).optional().describe('CSPm or workflow YAML (instead of file)'),
        name: z
          .string()
          .min(1)
          .max(256)
          .default('script.csp')
          .describe('file name used in diagnostics for text (its extension gives the kind)'),
        kind: SourceKind.optional().describe('workflow or cspm; default: by the extension of file or name'),
        process: z.string().min(1).max(256).optional().describe('process to run in a CSPm script (default SYSTEM)'),
        seed: z
          .number()
          .int()
          .nonnegative()
          .max(2 ** 32 - 1)
          .default(1),
        wallClock: z.boolean().default(false).describe('timers wait real time between ticks (default: virtual time)'),
        workflowVersionId: z
          .number()
          .int()
          .positive()
          .optional()
          .describe('the stored workflow version being run (the runs list shows it)'),
      })
      .refine((p) => (p.file === undefined) !== (p.text === undefined), {
        message: 'give exactly one of file and text',
      }),
    result: Started,
  },
  'run.open': {
    description:
      'Opens a stored run again (also after a restart): a run at step 0 that follows the record exactly (run.step, run.continue, run.goto, run.stepBack); it stops at the end of the record (record-end), never calls a live LLM or HTTP endpoint, and when it leaves the record it says so (a forked event) and records the new timeline as a new stored run.',
    params: z.object({ storeRunId: z.number().int().positive() }),
    result: Started.extend({ storeRunId: z.number().int() }),
  },
  'run.attach': {
    description:
      "Joins a stored run's open run where it stands (1.10), e.g. after the page that drove it was reloaded (a free run whose session closed is paused unless another session follows it): its runId, processes, what can happen, its record, how it last stopped and whether a free run of it is under way (`running`). `seq` is the step it stands at; subscribe to run.events for what follows; older steps are in the store (run.trace). not_found when the run is no longer open (run.open replays its record).",
    params: z.object({ storeRunId: z.number().int().positive() }),
    result: Started.extend({
      storeRunId: z.number().int(),
      seq: z.number().int().nonnegative(),
      stop: RunStop,
      running: z.boolean(),
    }),
  },
  'run.restart': {
    description:
      'The same source and seed again from step 0, as a new run (an opened stored run opens its record again).',
    params: RunRef,
    result: z.object({ runId: RunId, storeRunId: z.number().int().optional() }),
  },
  'run.enabled': {
    description: 'The items that can happen now, in canonical order (synchronisations, τ, ✓).',
    params: RunRef,
    result: z.object({ seq: z.number().int().nonnegative(), enabled: z.array(EnabledItem) }),
  },
  'run.step': {
    description: 'Step mode: fires enabled item `index` (optionally a branch); without index, one seeded free step.',
    params: RunRef.extend({
      index: z.number().int().nonnegative().optional(),
      branch: z.number().int().nonnegative().optional(),
    }),
    result: z.object({ step: RunStep.optional(), stop: RunStop }),
  },
  'run.continue': {
    description: 'Free run until a breakpoint, a stop, run.pause, or maxSteps more steps.',
    params: RunRef.extend({ maxSteps: z.number().int().positive().max(1e9).default(1_000_000) }),
    result: z.object({ stop: RunStop }),
  },
  'run.pause': {
    description: 'Pauses a free run at the next chunk boundary.',
    params: RunRef,
    result: z.object({ ok: z.boolean() }),
  },
  'run.stepBack': {
    description: 'Goes back one step (replay to k-1, from the nearest snapshot).',
    params: RunRef,
    result: z.object({ seq: z.number().int().nonnegative() }),
  },
  'run.goto': {
    description: 'Goes to just after step k of the record (back or forward); later steps stay until a new step.',
    params: RunRef.extend({ seq: z.number().int().nonnegative() }),
    result: z.object({ seq: z.number().int().nonnegative() }),
  },
  'run.fork': {
    description:
      'A new run whose history is steps 1..seq of this one (default: now), stored as a new run continuing this one. A fork of a replay stays offline unless live is true.',
    params: RunRef.extend({
      seq: z.number().int().nonnegative().optional(),
      seed: z
        .number()
        .int()
        .nonnegative()
        .max(2 ** 32 - 1)
        .optional(),
      live: z.boolean().default(false).describe('a fork of a replay calls live LLM and HTTP endpoints again'),
    }),
    result: z.object({ runId: RunId, seq: z.number().int().nonnegative(), storeRunId: z.number().int().optional() }),
  },
  'run.inject': {
    description:
      'Sends a message from an inject node (its configured payload when none is given); end: true ends the node.',
    params: RunRef.extend({
      node: z.string().min(1).max(256).describe('the inject node id'),
      payload: z.unknown().optional(),
      end: z.boolean().optional(),
    }),
    result: z.object({ ok: z.boolean() }),
  },
  'run.messages': {
    description:
      "Messages in flight while the run is paused: values queued on buffered edges (typed edges: the buffer process; JSON edges and buffer nodes: their queue) and messages code nodes hold for a receiver that has not taken them (a built-in's outbox, a script's pending send). Synchronisations that have not happened are not messages: run.enabled lists those.",
    params: RunRef,
    result: z.object({
      seq: z.number().int().nonnegative().describe('the step the list is of: give it to run.editMessage'),
      messages: z.array(MessageInFlight),
    }),
  },
  'run.editMessage': {
    description:
      "While paused: replaces the value of a message in flight (holder and index from run.messages at step seq). The edit is a step of its own (kind edit), recorded and stored with the run, so a replay, a fork after it and going forward again repeat it, and going back before it restores the old value. Refused with a reason: a value not of the channel's type, a message delivered meanwhile (the run is past seq), a run that is running.",
    params: RunRef.extend({
      seq: z.number().int().nonnegative().describe('the step run.messages listed the message at'),
      holder: z.string().min(1).max(256),
      index: z.number().int().nonnegative(),
      value: z.unknown().describe('the new value as JSON'),
    }),
    result: z.object({ step: RunStep, stop: RunStop }),
  },
  'run.explore': {
    description:
      'Explore from here: the states the paused run can reach within maxDepth steps (breadth first, at most maxStates), with the deadlocks, divergences and errors among them; the run does not move. Progress comes on run.events (explore); run.explore.cancel stops it with what was found. The graph stays with the run until the next exploration: browse it with run.explore.state, export it with run.explore.dot. Networks with code nodes (scripts, agents, built-ins) are refused.',
    params: RunRef.extend({
      maxDepth: z.number().int().min(1).max(1000).default(20),
      maxStates: z.number().int().min(1).max(100_000).default(2_000),
    }),
    result: z.object({
      seq: z.number().int().nonnegative().describe('the step the run stood at: state 0'),
      components: z.array(z.string()),
      states: z.number().int().nonnegative(),
      edges: z.number().int().nonnegative(),
      depth: z.number().int().nonnegative().describe('the deepest step reached'),
      findings: z.array(ExploreFinding).max(1000).describe('the first 1,000'),
      truncated: z.boolean().describe('the state limit stopped the search'),
      cancelled: z.boolean(),
      maxDepth: z.number().int(),
    }),
  },
  'run.explore.state': {
    description:
      'One state of the last exploration: its terms, the transitions out of it (each with the run.step index and branch that takes it), and the path from state 0 (replay it with run.step).',
    params: RunRef.extend({ id: z.number().int().nonnegative() }),
    result: z.object({
      state: ExploredState,
      out: z.array(ExploredEdge).max(1000).describe('the first 1,000'),
      outCount: z.number().int().nonnegative(),
      path: z.array(ExploredEdge),
    }),
  },
  'run.explore.dot': {
    description:
      'The last exploration as Graphviz DOT, in chunks that, concatenated in order, are the file (call again with next until it is null).',
    params: RunRef.extend({ offset: z.number().int().nonnegative().default(0) }),
    result: z.object({ text: z.string(), next: z.number().int().nullable(), fileName: z.string() }),
  },
  'run.explore.cancel': {
    description: 'Stops the exploration under way (run.explore answers with what it found).',
    params: RunRef,
    result: z.object({ ok: z.boolean().describe('an exploration was under way') }),
  },
  'run.stop': {
    description: 'Ends the run and frees its worker; the stored record is finished.',
    params: RunRef,
    result: z.object({ ok: z.boolean() }),
  },
  'run.state': {
    description: 'Process states now (CSPm terms; scripts show ctx.state) and the run status.',
    params: RunRef,
    result: z.object({
      seq: z.number().int().nonnegative(),
      processes: z.array(ProcessState),
      stop: RunStop,
      record: RecordState.optional(),
    }),
  },
  'run.list': {
    description:
      'Stored runs, newest first (of one workflow when workflowId is given): outcome, duration, steps, seed, workflow version.',
    params: z.object({
      workflowId: z.number().int().positive().optional(),
      beforeId: z.number().int().positive().optional().describe('paging: runs older than this stored run'),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    result: z.object({
      runs: z.array(RunSummary),
      next: z.number().int().nullable().describe('pass as beforeId for the next page'),
    }),
  },
  'run.trace': {
    description:
      "A page of a stored run's steps from the store: forward (afterSeq) or backward (beforeSeq), filtered by channel, process, time window, or value text (full-text search over events and payloads). Payloads over 64 KiB come as payloadBytes (read them with run.payload).",
    params: z.object({
      storeRunId: StoreRunId,
      afterSeq: z.number().int().nonnegative().optional(),
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(1000).default(100),
      channel: z.string().min(1).max(256).optional(),
      process: z.string().min(1).max(256).optional(),
      text: z
        .string()
        .min(1)
        .max(1000)
        .optional()
        .describe('words to find, as a phrase, in event text and payloads (case-insensitive)'),
      time: z
        .object({
          from: z.number().optional(),
          to: z.number().optional(),
          field: z.enum(['virtual', 'wall']).default('virtual'),
        })
        .optional(),
    }),
    result: z.object({
      events: z.array(StoredStep),
      next: z
        .number()
        .int()
        .nullable()
        .describe('pass as afterSeq (or beforeSeq when paging backward) for the next page; null at the end'),
      lastSeq: z.number().int().nonnegative(),
      searchedUpTo: z
        .number()
        .int()
        .nonnegative()
        .optional()
        .describe('with text: every step up to here has been searched'),
    }),
  },
  'run.payload': {
    description: "A stored step's payload as JSON text, in pages (for payloads too large for a trace page).",
    params: z.object({
      storeRunId: StoreRunId,
      seq: z.number().int().positive(),
      offset: z.number().int().nonnegative().default(0),
      length: z
        .number()
        .int()
        .min(1)
        .max(512 * 1024)
        .default(256 * 1024),
    }),
    result: z.object({
      text: z.string(),
      offset: z.number().int(),
      total: z.number().int().describe('characters of the whole JSON text (0: no payload)'),
    }),
  },
  'run.compare': {
    description:
      'Compares two stored runs step by step: the first step where they differ (event, processes or payload), with both steps.',
    params: z.object({ a: StoreRunId, b: StoreRunId }),
    result: z.object({
      aSteps: z.number().int().nonnegative(),
      bSteps: z.number().int().nonnegative(),
      divergence: z
        .object({ seq: z.number().int().positive(), a: StoredStep.nullable(), b: StoredStep.nullable() })
        .nullable()
        .describe('null: the same steps'),
    }),
  },
  'run.rates': {
    description:
      "A stored run's steps per second by channel over its wall-clock time, from the counts kept at ingestion, averaged into at most `points` equal buckets (the charts of a past run).",
    params: z.object({ storeRunId: StoreRunId, points: z.number().int().min(2).max(1000).default(240) }),
    result: z.object({
      bucketSeconds: z.number().int().positive().describe('seconds each point averages'),
      channels: z.array(z.string()).describe('busiest first'),
      points: z.array(
        z.object({
          t: z
            .number()
            .nonnegative()
            .describe(
              'seconds from the start of the run to the start of the bucket (the first bucket begins at the first second with steps)',
            ),
          rates: z.record(z.string(), z.number().nonnegative()).describe('steps per second by channel'),
        }),
      ),
    }),
  },
  'run.calls': {
    description:
      "The latency of a run's agent (LLM) and HTTP calls, as the live run measured them (1.7; a replay reports these, it never measures again): p50/p95 per node and overall, and the calls in step order, at most `max` of them evenly spread. Works while the run is live (it is recorded as it goes) and after.",
    params: z.object({ storeRunId: StoreRunId, max: z.number().int().min(10).max(5000).default(2000) }),
    result: z.object({
      count: z.number().int().nonnegative().describe('calls in the run (all of them, not only those listed)'),
      p50Ms: z.number().nonnegative().nullable().describe('null when there is no call'),
      p95Ms: z.number().nonnegative().nullable(),
      nodes: z
        .array(
          z.object({
            node: z.string(),
            kind: z.string().describe("'llm-reply' (an agent) or 'http'"),
            count: z.number().int().positive(),
            failed: z.number().int().nonnegative(),
            p50Ms: z.number().nonnegative(),
            p95Ms: z.number().nonnegative(),
            maxMs: z.number().nonnegative(),
          }),
        )
        .describe('busiest first'),
      calls: z.array(
        z.object({
          seq: z.number().int().positive().describe('the deliver step that handed the result to the node'),
          node: z.string(),
          kind: z.string(),
          t: z.number().describe('seconds from the start of the run to the call'),
          latencyMs: z.number().nonnegative(),
          failed: z.boolean(),
        }),
      ),
    }),
  },
  'run.host': {
    description:
      "The host process's CPU and memory while the run was live (1.7; sampled about once a second and kept with the run), averaged into at most `points` equal buckets.",
    params: z.object({ storeRunId: StoreRunId, points: z.number().int().min(2).max(2000).default(240) }),
    result: z.object({
      samples: z.number().int().nonnegative().describe('samples kept (all of them)'),
      points: z.array(
        z.object({
          t: z.number().describe('seconds from the start of the run'),
          cpu: z.number().nonnegative().describe('% of one core (user + system, worker threads included)'),
          rssMb: z.number().nonnegative().describe('resident set, MiB'),
          heapMb: z.number().nonnegative().describe("the host's JS heap in use, MiB"),
          workerCpu: z
            .number()
            .nonnegative()
            .optional()
            .describe("% of one core used by this run's own worker thread (1.9; absent where not measured)"),
          workerHeapMb: z
            .number()
            .nonnegative()
            .optional()
            .describe("this run's worker thread's JS heap in use, MiB (1.9)"),
        }),
      ),
    }),
  },
  'run.states': {
    description:
      "How many processes ran, waited, were done or failed over a stored run's wall-clock time (1.7), derived on the host from its steps in at most `points` equal buckets: running = took part in a step in the bucket, done = ended (its ✓) by then, failed = the process the run stopped on with an error or violation, waiting = the rest. Processes are those that took part in at least one step.",
    params: z.object({ storeRunId: StoreRunId, points: z.number().int().min(2).max(2000).default(240) }),
    result: z.object({
      processes: z.number().int().nonnegative(),
      bucketMs: z.number().int().positive(),
      points: z.array(
        z.object({
          t: z.number().describe('seconds from the start of the run to the start of the bucket'),
          running: z.number().int().nonnegative(),
          waiting: z.number().int().nonnegative(),
          done: z.number().int().nonnegative(),
          failed: z.number().int().nonnegative(),
        }),
      ),
    }),
  },
  'run.queues': {
    description:
      'The depth of each buffered edge and buffer node of a stored run (1.9), as the live run reported them (after each step it was shown at, about four times a second during a free run), in step order; more than `points` reports are merged by averaging neighbours, as the live chart does.',
    params: z.object({ storeRunId: StoreRunId, points: z.number().int().min(2).max(2000).default(240) }),
    result: z.object({
      samples: z.number().int().nonnegative().describe('reports kept (all of them)'),
      queues: z.array(z.object({ id: z.string(), capacity: z.number().int() })),
      points: z.array(
        z.object({
          t: z.number().describe('seconds from the start of the run'),
          seq: z
            .number()
            .int()
            .nonnegative()
            .describe("the step after which the depths were read (a merged point's last)"),
          depths: z.record(z.string(), z.number().nonnegative()).describe('messages held, by queue id'),
        }),
      ),
    }),
  },
  'run.export': {
    description:
      "A stored run's trace as JSON, CSV or a Mermaid sequenceDiagram, never truncated: in chunks that, concatenated in order, are the file (call again with next until it is null).",
    params: z.object({
      storeRunId: StoreRunId,
      format: z.enum(['json', 'csv', 'mermaid']),
      afterSeq: z.number().int().nonnegative().default(0),
      offset: z.number().int().nonnegative().default(0),
    }),
    result: z.object({
      text: z.string(),
      next: z.object({ afterSeq: z.number().int().nonnegative(), offset: z.number().int().nonnegative() }).nullable(),
      mime: z.string(),
      fileName: z.string(),
    }),
  },
  'run.breakpoints.list': {
    description: 'Breakpoints of a run.',
    params: RunRef,
    result: z.object({ breakpoints: z.array(Breakpoint) }),
  },
  'run.breakpoints.add': {
    description: 'Adds a breakpoint.',
    params: RunRef.extend({ spec: BreakpointSpec }),
    result: Breakpoint,
  },
  'run.breakpoints.update': {
    description: 'Enables or disables a breakpoint.',
    params: RunRef.extend({ id: z.string(), enabled: z.boolean() }),
    result: Breakpoint,
  },
  'run.breakpoints.remove': {
    description: 'Removes a breakpoint.',
    params: RunRef.extend({ id: z.string() }),
    result: z.object({ ok: z.boolean() }),
  },
});

export const RunEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('steps'), steps: z.array(RunStep) }),
  z.object({ type: z.literal('stopped'), stop: RunStop }),
  z
    .object({
      type: z.literal('forked'),
      seq: z.number().int().nonnegative(),
      fromStoreRunId: z.number().int().optional().describe('the stored run it left'),
      storeRunId: z
        .number()
        .int()
        .optional()
        .describe('the stored run recording the new timeline (steps 1..seq copied)'),
    })
    .describe(
      'the run left its record after step seq (another step than the recorded one, or past the end of a replay): a new timeline',
    ),
  z
    .object({ type: z.literal('states'), seq: z.number().int().nonnegative(), processes: z.array(ProcessState) })
    .describe('process states after step seq (at most 4 a second in a free run, and after every command)'),
  z
    .object({
      type: z.literal('explore'),
      states: z.number().int().nonnegative(),
      edges: z.number().int().nonnegative(),
      depth: z.number().int().nonnegative(),
    })
    .describe('progress of run.explore: states and transitions found, the deepest step reached (at most 4 a second)'),
  z.object({
    type: z.literal('metrics'),
    seq: z.number().int().nonnegative(),
    elapsedMs: z.number().nonnegative(),
    stepsPerSecond: z.number().nonnegative(),
    queues: z.array(
      z.object({
        id: z.string().describe('buffered edge id or buffer node id'),
        depth: z.number().int().nonnegative(),
        capacity: z.number().int().positive(),
      }),
    ),
  }),
]);
export type RunEvent = z.infer<typeof RunEvent>;

export const runStreams = defineStreams({
  'run.events': {
    description: 'Fired steps in batches, then why the run stopped or paused. runId is the run.',
    perRun: true,
    event: RunEvent,
  },
});
