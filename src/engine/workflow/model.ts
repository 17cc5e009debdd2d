/**
 * The workflow document model: what the user draws on the canvas, as typed
 * records validated by zod (docs/workflow-semantics.md; the YAML skeleton in docs/workflows.md).
 *
 * Records are strict: an unknown key is an error, so typos never vanish
 * silently. Cross-record rules (unique ids, edges pointing at real ports, type
 * agreement) live in ./validate, because zod sees one record at a time.
 */
import { z } from 'zod';

/**
 * The newest schema version this build reads. Older files are migrated
 * (./migrations); a file is written with the lowest version that holds its
 * content (`formatVersion`), so files without version-2 features stay
 * readable by older builds.
 */
export const WORKFLOW_VERSION = 3;

/** Ids are used in `node.port` references, so they cannot contain dots. */
export const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Port names are used verbatim as CSPm channel names inside behaviours. */
export const PORT_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_']*$/;
/** `node.port` reference used by edges and bus members. */
export const PORT_REF_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_']*$/;

const Id = z.string().regex(ID_PATTERN, 'expected an id: a letter or _, then letters, digits, _ or -');
const PortRef = z.string().regex(PORT_REF_PATTERN, 'expected "node.port" (a node id, a dot, a port name)');
const NonEmpty = z.string().regex(/\S/, 'must not be empty');

/** A JSON Schema, kept as data (used by abstraction rules and agent routing). */
const JsonSchema = z.record(z.string(), z.unknown());

export const PortSchema = z.strictObject({
  name: z.string().regex(PORT_NAME_PATTERN, "expected a CSPm identifier (letters, digits, _ and ')"),
  dir: z.enum(['in', 'out']),
  /** CSPm type of the data (`{0..3}`, `Bool`, `Msg`), `json` for a JSON payload, absent for a bare event. */
  type: NonEmpty.optional(),
  /** For ports of replicated nodes: the index expression (`i`, `(i+1)%N`) that picks the instance's events. */
  index: NonEmpty.optional(),
  description: z.string().optional(),
});

export const AbstractionRuleSchema = z.strictObject({
  match: JsonSchema,
  as: z.string().regex(/^[A-Z][A-Za-z0-9_']*$/, 'expected a constructor name (starting with a capital letter)'),
});

export const JsonChannelSchema = z.strictObject({
  /** The finite datatype the checker sees. Declared in `declarations`, or generated from the rules. */
  checkType: z
    .string()
    .regex(/^[A-Z][A-Za-z0-9_']*$/, 'expected a datatype name')
    .optional(),
  abstraction: z.array(AbstractionRuleSchema).optional(),
  /** The constructor for payloads no rule matches. */
  fallback: z
    .string()
    .regex(/^[A-Z][A-Za-z0-9_']*$/, 'expected a constructor name')
    .optional(),
  /** JSON Schema of the run-time payload (documentation and run-time validation). */
  schema: JsonSchema.optional(),
});

export const ChannelSchema = z.strictObject({
  id: Id,
  name: NonEmpty,
  type: NonEmpty.optional(),
  json: JsonChannelSchema.optional(),
  /** Buffered edge capacity (docs/workflow-semantics.md#buffered-edges-and-close); absent means synchronous. */
  capacity: z.number().int().min(1).max(1_000_000).optional(),
  /** Capacity used by the checker when the real one explodes; listed as an assumption. */
  checkCapacity: z.number().int().min(1).optional(),
  /** Adds `c_close` / `c_closed` events (buffered edges only). */
  close: z.boolean().optional(),
  hidden: z.boolean().optional(),
  description: z.string().optional(),
});

export const ReplicateSchema = z
  .string()
  .regex(/^\s*[a-z_][A-Za-z0-9_']*\s+in\s+\S.*$/s, 'expected "VAR in SET", e.g. "i in {0..N-1}"');

export const SecretRefSchema = z.strictObject({
  secret: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a secret name (letters, digits, _)'),
});

export const AgentSchema = z.strictObject({
  provider: z.enum(['openai', 'ollama', 'replay']),
  model: NonEmpty,
  baseUrl: z.string().url().optional(),
  /** Secrets are referred to by name, never by value (docs/workflow-semantics.md#the-workflow-file). */
  apiKey: SecretRefSchema.optional(),
  system: z.string(),
  /** The user message for each input: `{input}` is the input (JSON unless a string), `{port}` its port. Default: the input alone. */
  prompt: z.string().optional(),
  /** Output port that receives the reply when no routing rule matches. */
  replyPort: z.string().optional(),
  /** Ordered rules: the reply goes to the first port whose JSON Schema it matches. */
  routing: z.array(z.strictObject({ port: z.string(), match: JsonSchema })).optional(),
  /** Recorded replies played back by the `replay` provider, in order. */
  replies: z.array(z.unknown()).optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().min(1).optional(),
});

const NodeBase = {
  id: Id,
  name: NonEmpty,
  description: z.string().optional(),
  ports: z.array(PortSchema).default([]),
  replicate: ReplicateSchema.optional(),
  /**
   * CSPm set expression overriding the alphabet derived from the ports (after
   * renaming). Imported scripts use it to keep `[A || B]` alphabets exactly.
   */
  alphabet: NonEmpty.optional(),
};

export const CspNodeSchema = z.strictObject({
  ...NodeBase,
  kind: z.literal('csp'),
  /** Right-hand side of `NAME = ...` (or `NAME(i) = ...` when replicated), over the port names. */
  behaviour: NonEmpty,
});

export const ScriptNodeSchema = z.strictObject({
  ...NodeBase,
  kind: z.literal('script'),
  script: z.string(),
  /** CSPm process over the ports used by checks instead of the code (docs/workflow-semantics.md#contracts-of-code-nodes). */
  contract: NonEmpty.optional(),
});

export const AgentNodeSchema = z.strictObject({
  ...NodeBase,
  kind: z.literal('agent'),
  agent: AgentSchema,
  contract: NonEmpty.optional(),
});

/** Any JSON value (a payload written in the file). */
const JsonValue = z.unknown();

/**
 * Built-in nodes (Node-RED-style). Each kind has a fixed port signature
 * (./builtins checks it) and a contract generated from its config, so the
 * checker sees them without a contract being written.
 */
export const TimerConfigSchema = z.strictObject({
  /** Milliseconds between ticks (virtual time unless the run uses the wall clock). */
  interval: z.number().int().min(1),
  /** Number of ticks, then the node ends; absent = forever. */
  count: z.number().int().min(1).optional(),
  /** What each tick sends; absent = `{ "tick": n, "time": ms }`. */
  payload: JsonValue.optional(),
});
export const InjectConfigSchema = z.strictObject({
  /** Payload sent when the user injects without giving one. */
  payload: JsonValue.optional(),
  /** Send the payload once as soon as the run starts. */
  once: z.boolean().optional(),
});
export const LogConfigSchema = z.strictObject({
  /** Prefix of each logged line (default: the node's name). */
  label: z.string().optional(),
});
export const ExpressionConfigSchema = z.strictObject({
  /** An expression over `msg` (docs/expressions.md). */
  expression: NonEmpty,
});
export const BufferConfigSchema = z.strictObject({
  capacity: z.number().int().min(1).max(1_000_000),
});
export const HttpConfigSchema = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'),
  /** Absolute http(s) URL; `{name}` is replaced by the message's field `name`, URL-encoded. */
  url: NonEmpty,
  /** Egress allow-list: host or host:port the node may call. Anything else is refused. */
  allow: z.array(NonEmpty).min(1, 'list the hosts this node may call (egress allow-list)'),
  /** Milliseconds before the request is abandoned (default 10,000). */
  timeout: z.number().int().min(1).max(600_000).optional(),
  /** Request headers; a value may name a secret instead of holding it. */
  headers: z.record(z.string(), z.union([z.string(), SecretRefSchema])).optional(),
});

const BuiltinBase = { ...NodeBase };

export const TimerNodeSchema = z.strictObject({ ...BuiltinBase, kind: z.literal('timer'), config: TimerConfigSchema });
export const InjectNodeSchema = z.strictObject({
  ...BuiltinBase,
  kind: z.literal('inject'),
  config: InjectConfigSchema.optional(),
});
export const LogNodeSchema = z.strictObject({
  ...BuiltinBase,
  kind: z.literal('log'),
  config: LogConfigSchema.optional(),
});
export const MapNodeSchema = z.strictObject({ ...BuiltinBase, kind: z.literal('map'), config: ExpressionConfigSchema });
export const FilterNodeSchema = z.strictObject({
  ...BuiltinBase,
  kind: z.literal('filter'),
  config: ExpressionConfigSchema,
});
export const BufferNodeSchema = z.strictObject({
  ...BuiltinBase,
  kind: z.literal('buffer'),
  config: BufferConfigSchema,
});
export const MergeNodeSchema = z.strictObject({
  ...BuiltinBase,
  kind: z.literal('merge'),
  config: z.strictObject({}).optional(),
});
export const SplitNodeSchema = z.strictObject({
  ...BuiltinBase,
  kind: z.literal('split'),
  config: z.strictObject({}).optional(),
});
export const HttpNodeSchema = z.strictObject({ ...BuiltinBase, kind: z.literal('http'), config: HttpConfigSchema });

export const BUILTIN_KINDS = ['timer', 'inject', 'log', 'map', 'filter', 'buffer', 'merge', 'split', 'http'] as const;
export type BuiltinKind = (typeof BUILTIN_KINDS)[number];

export const ProcessSchema = z.discriminatedUnion('kind', [
  CspNodeSchema,
  ScriptNodeSchema,
  AgentNodeSchema,
  TimerNodeSchema,
  InjectNodeSchema,
  LogNodeSchema,
  MapNodeSchema,
  FilterNodeSchema,
  BufferNodeSchema,
  MergeNodeSchema,
  SplitNodeSchema,
  HttpNodeSchema,
]);

export const EdgeSchema = z.strictObject({
  id: Id,
  from: PortRef,
  to: PortRef,
  /** Id of a channel record giving this edge's name, type, capacity or hidden flag. */
  channel: Id.optional(),
});

export const BusSchema = z.strictObject({
  id: Id,
  name: NonEmpty,
  type: NonEmpty.optional(),
  members: z.array(PortRef).min(2, 'a bus needs at least two members'),
  hidden: z.boolean().optional(),
});

export const AssertionSchema = z.strictObject({
  id: Id,
  /** CSPm assertion text over node names and SYSTEM, without the `assert` keyword. */
  text: NonEmpty,
  /** The documented verdict (examples and regression tests check it). */
  expect: z.enum(['pass', 'fail']).optional(),
  description: z.string().optional(),
});

export const PointSchema = z.strictObject({ x: z.number(), y: z.number() });

/**
 * A group (version 2): nodes and buses drawn together as a sub-network, which
 * the canvas can collapse into one node. Groups are presentation only: they do
 * not change what compiles or what is checked.
 */
export const GroupSchema = z.strictObject({
  id: Id,
  name: NonEmpty,
  description: z.string().optional(),
  /** Ids of the nodes and buses in the group; each belongs to at most one group. */
  members: z.array(Id).min(1, 'a group holds at least one node'),
  /** Drawn as one node (at `layout[id]`) until expanded. */
  collapsed: z.boolean().optional(),
});

export const SettingsSchema = z.strictObject({
  /** Buffer state estimate above which checks stop (docs/workflow-semantics.md#buffered-edges-and-close). */
  bufferStateLimit: z.number().int().min(1).optional(),
  /** Per-run budget shared by the agents: the run stops with an error when it is spent. */
  budget: z
    .strictObject({
      maxTokens: z.number().int().min(1).optional(),
      /** Spend limit, in the currency of the prices below (cost = tokens × price). */
      maxCost: z.number().min(0).optional(),
      /** Price of 1,000 prompt tokens. */
      promptPricePer1k: z.number().min(0).optional(),
      /** Price of 1,000 completion tokens. */
      completionPricePer1k: z.number().min(0).optional(),
    })
    .optional(),
});

export const ParameterValueSchema = z.union([z.number().int(), z.boolean()]);

/**
 * A debugger breakpoint kept with the workflow (version 3). It changes nothing
 * the workflow means: checks and the generated CSPm ignore it; a run started
 * from the studio stops where it says.
 *  - `node`: when the node takes part in a step (an event on any of its ports);
 *  - `edge`: when a message travels on the edge, and `condition` (an
 *    expression over `msg`, docs/expressions.md) holds for it, when given;
 *  - `contract`: when a node breaks its contract.
 */
export const BreakpointSchema = z
  .strictObject({
    id: Id,
    on: z.enum(['node', 'edge', 'contract']),
    /** The node or edge id (for `node` and `edge`). */
    target: Id.optional(),
    condition: NonEmpty.optional(),
    enabled: z.boolean().default(true),
  })
  .refine((b) => (b.on === 'contract') === (b.target === undefined), {
    message: 'a node or edge breakpoint names its target; a contract breakpoint has none',
    path: ['target'],
  })
  .refine((b) => b.condition === undefined || b.on === 'edge', {
    message: 'only an edge breakpoint has a condition (over the message, msg)',
    path: ['condition'],
  });

export const WorkflowSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.number().int().min(1),
  name: NonEmpty,
  description: z.string().optional(),
  parameters: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_']*$/, 'expected a CSPm identifier'), ParameterValueSchema)
    .default({}),
  declarations: z.string().optional(),
  channels: z.array(ChannelSchema).default([]),
  processes: z.array(ProcessSchema).default([]),
  edges: z.array(EdgeSchema).default([]),
  buses: z.array(BusSchema).default([]),
  assertions: z.array(AssertionSchema).default([]),
  settings: SettingsSchema.optional(),
  groups: z.array(GroupSchema).default([]),
  layout: z.record(z.string(), PointSchema).default({}),
  breakpoints: z.array(BreakpointSchema).optional(),
});

export type Port = z.infer<typeof PortSchema>;
export type AbstractionRule = z.infer<typeof AbstractionRuleSchema>;
export type JsonChannel = z.infer<typeof JsonChannelSchema>;
export type Channel = z.infer<typeof ChannelSchema>;
export type AgentConfig = z.infer<typeof AgentSchema>;
export type CspNode = z.infer<typeof CspNodeSchema>;
export type ScriptNode = z.infer<typeof ScriptNodeSchema>;
export type AgentNode = z.infer<typeof AgentNodeSchema>;
export type TimerNode = z.infer<typeof TimerNodeSchema>;
export type InjectNode = z.infer<typeof InjectNodeSchema>;
export type HttpNode = z.infer<typeof HttpNodeSchema>;
export type HttpConfig = z.infer<typeof HttpConfigSchema>;
/** A node whose kind is one of BUILTIN_KINDS. */
export type BuiltinNode = Extract<z.infer<typeof ProcessSchema>, { kind: BuiltinKind }>;
export type ProcessNode = z.infer<typeof ProcessSchema>;
export type Edge = z.infer<typeof EdgeSchema>;
export type Bus = z.infer<typeof BusSchema>;
export type Assertion = z.infer<typeof AssertionSchema>;
export type Point = z.infer<typeof PointSchema>;
export type Group = z.infer<typeof GroupSchema>;
export type WorkflowBreakpoint = z.infer<typeof BreakpointSchema>;
export type Settings = z.infer<typeof SettingsSchema>;
export type Workflow = z.infer<typeof WorkflowSchema>;

/**
 * Key order of every record when written (docs/workflow-semantics.md#the-workflow-file): semantic keys first,
 * layout last so layout churn stays out of semantic diffs. Keys not listed
 * (none, after validation) would be appended in their own order.
 */
export const KEY_ORDER = {
  workflow: [
    '$schema',
    'version',
    'name',
    'description',
    'parameters',
    'declarations',
    'channels',
    'processes',
    'edges',
    'buses',
    'assertions',
    'settings',
    'groups',
    'layout',
    'breakpoints',
  ],
  channel: ['id', 'name', 'type', 'json', 'capacity', 'checkCapacity', 'close', 'hidden', 'description'],
  json: ['checkType', 'abstraction', 'fallback', 'schema'],
  rule: ['match', 'as'],
  process: [
    'id',
    'name',
    'kind',
    'description',
    'ports',
    'replicate',
    'alphabet',
    'behaviour',
    'script',
    'agent',
    'config',
    'contract',
  ],
  port: ['name', 'dir', 'type', 'index', 'description'],
  agent: [
    'provider',
    'model',
    'baseUrl',
    'apiKey',
    'system',
    'prompt',
    'replyPort',
    'routing',
    'replies',
    'temperature',
    'maxTokens',
  ],
  route: ['port', 'match'],
  edge: ['id', 'from', 'to', 'channel'],
  bus: ['id', 'name', 'type', 'members', 'hidden'],
  assertion: ['id', 'text', 'expect', 'description'],
  point: ['x', 'y'],
  group: ['id', 'name', 'description', 'members', 'collapsed'],
  breakpoint: ['id', 'on', 'target', 'condition', 'enabled'],
} as const;

/** The lowest file version that holds `wf` (groups need version 2, breakpoints version 3). */
export function formatVersion(wf: Pick<Workflow, 'groups'> & { readonly breakpoints?: readonly unknown[] }): number {
  if ((wf.breakpoints?.length ?? 0) > 0) return 3;
  return wf.groups.length > 0 ? 2 : 1;
}

/** Splits `node.port` into its parts (validated by PORT_REF_PATTERN first). */
export function splitPortRef(ref: string): { node: string; port: string } {
  const dot = ref.indexOf('.');
  return { node: ref.slice(0, dot), port: ref.slice(dot + 1) };
}

/** Parses `i in {0..N-1}` into its variable and set expression. */
export function parseReplicate(text: string): { variable: string; set: string } {
  const m = /^\s*([a-z_][A-Za-z0-9_']*)\s+in\s+(.+?)\s*$/s.exec(text);
  if (!m) throw new Error(`bad replicate text "${text}"`);
  return { variable: m[1] as string, set: m[2] as string };
}
