/**
 * Workflows in the store (issue 12): the browser's list with search and
 * "recent", open, create (empty or from an example), autosave into numbered
 * versions, rename, duplicate, delete with undo, history, diff and restore,
 * import and export (the same bytes as `csp export`), and validation of text.
 * A stored document is a workflow (YAML) or a CSPm script kept as written.
 * Times are milliseconds since the epoch.
 */
import { z } from 'zod';
import type { WorkflowDiff as EngineWorkflowDiff } from '../../../engine/workflow';
import { defineMethods, defineStreams } from '../registry';
import { Diagnostic, MAX_DOCUMENT_TEXT, SourceKind } from './diagnostics';

const Id = z.number().int().positive();
const Name = z.string().trim().min(1).max(256);
const Text = z.string().max(MAX_DOCUMENT_TEXT);

export const WorkflowSummary = z.object({
  id: Id,
  name: z.string(),
  path: z.string().describe("where it came from: a file path, or 'untitled:<uuid>' for one made in the studio"),
  kind: SourceKind,
  currentVersionId: z.number().int().nullable(),
  createdAt: z.number(),
  updatedAt: z.number().describe('last save'),
  openedAt: z.number().nullable().describe('last opened in the studio'),
  deletedAt: z.number().nullable().describe('set while deleted (workflows.undelete brings it back)'),
});
export type WorkflowSummary = z.infer<typeof WorkflowSummary>;

export const VersionSummary = z.object({
  id: Id,
  workflowId: Id,
  number: z.number().int().positive().describe('1, 2, ... per workflow'),
  contentHash: z.string(),
  savedAt: z.number(),
  label: z.string().nullable().describe('name given to the version by an explicit save'),
  restoredFrom: z.number().int().nullable().describe('id of the version this one restored'),
});
export type VersionSummary = z.infer<typeof VersionSummary>;

// Readonly arrays, like the engine's type, which the schema is checked against below.
const Ids = z.array(z.string()).readonly();
const RecordDiff = z.object({
  added: Ids,
  removed: Ids,
  changed: z.array(z.object({ id: z.string(), fields: Ids })).readonly(),
});

/** The engine's WorkflowDiff (src/engine/workflow/diff.ts). */
export const WorkflowDiff = z.object({
  workflow: Ids.describe('document-level fields that differ'),
  nodes: RecordDiff.extend({ movedOnly: Ids }),
  behaviours: RecordDiff,
  edges: RecordDiff,
  channels: RecordDiff,
  buses: RecordDiff.extend({ movedOnly: Ids }),
  assertions: RecordDiff,
  identical: z.boolean(),
}) satisfies z.ZodType<EngineWorkflowDiff>;

export const TextDiffLine = z.object({ op: z.enum([' ', '-', '+']), text: z.string() });
export const TextDiffHunk = z.object({
  fromLine: z.number().int().nonnegative(),
  fromCount: z.number().int().nonnegative(),
  toLine: z.number().int().nonnegative(),
  toCount: z.number().int().nonnegative(),
  lines: z.array(TextDiffLine),
});

export const ExampleInfo = z.object({ file: z.string(), name: z.string(), description: z.string() });

/** A document as the studio opens it: summary, current content and version, and the diagnostics of that content. */
const Opened = z.object({
  workflow: WorkflowSummary,
  content: z.string(),
  version: VersionSummary.nullable(),
  diagnostics: z.array(Diagnostic),
});
const Failed = z.object({ ok: z.literal(false), diagnostics: z.array(Diagnostic).describe('why; nothing was stored') });

export const workflowsMethods = defineMethods({
  'workflows.list': {
    description:
      'Stored workflows and scripts, recently opened or saved first (or by name), optionally filtered by name.',
    params: z.object({
      search: z.string().max(256).optional().describe('case-insensitive part of the name'),
      order: z.enum(['recent', 'name']).default('recent'),
      includeDeleted: z.boolean().default(false),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    result: z.object({ workflows: z.array(WorkflowSummary) }),
  },
  'workflows.get': {
    description: 'A stored document with its current content and version, and the diagnostics of that content.',
    params: z.object({
      id: Id,
      markOpened: z.boolean().default(true).describe('count this as opening it (recent list)'),
      diagnostics: z
        .boolean()
        .default(true)
        .describe(
          'validate the content and return its diagnostics; false skips that (a 1,000-node workflow takes the host most of a second) for a client that validates on its own, as the studio does',
        ),
    }),
    result: Opened.extend({
      diagnostics: z.array(Diagnostic).optional().describe('left out when asked with diagnostics: false'),
    }),
  },
  'workflows.create': {
    description:
      'A new workflow: empty, or a copy of a shipped example (workflows.examples); or a new empty CSPm script (kind cspm).',
    params: z.object({
      name: Name.optional().describe("default: the example's name, or 'Untitled workflow'"),
      kind: SourceKind.default('workflow'),
      example: z.string().min(1).max(256).optional().describe('file name of an example'),
    }),
    result: Opened,
  },
  'workflows.save': {
    description:
      'Saves content as the current version (a new version only when it differs). Autosave omits label; an explicit save may name the version. Content with errors is kept (never lose work) and its diagnostics returned.',
    params: z.object({
      id: Id,
      content: Text,
      label: Name.optional(),
      baseVersionId: z
        .number()
        .int()
        .positive()
        .optional()
        .describe('the version the edit started from: a different current version is a conflict'),
    }),
    result: z.object({ version: VersionSummary, created: z.boolean(), diagnostics: z.array(Diagnostic) }),
  },
  'workflows.rename': {
    description: "Renames it; a workflow's YAML `name:` changes too, as a new version.",
    params: z.object({ id: Id, name: Name }),
    result: z.object({ workflow: WorkflowSummary, version: VersionSummary.nullable() }),
  },
  'workflows.duplicate': {
    description: 'A copy of the current version under a new name (default "<name> copy").',
    params: z.object({ id: Id, name: Name.optional() }),
    result: Opened,
  },
  'workflows.delete': {
    description: 'Deletes it softly: it leaves the list and can be brought back with workflows.undelete.',
    params: z.object({ id: Id }),
    result: z.object({ workflow: WorkflowSummary }),
  },
  'workflows.undelete': {
    description: 'Undoes workflows.delete.',
    params: z.object({ id: Id }),
    result: z.object({ workflow: WorkflowSummary }),
  },
  'workflows.history': {
    description: 'The versions of a document, newest first.',
    params: z.object({ id: Id }),
    result: z.object({ versions: z.array(VersionSummary) }),
  },
  'workflows.version': {
    description: 'One stored version with its content.',
    params: z.object({ versionId: Id }),
    result: z.object({ version: VersionSummary, content: z.string() }),
  },
  'workflows.diff': {
    description:
      'Differences between two versions of one document (to: default the current one): structural for workflows (nodes, edges, behaviours ... added, removed, changed, moved only) and a line diff of the text.',
    params: z.object({ fromVersionId: Id, toVersionId: Id.optional() }),
    result: z.object({
      from: VersionSummary,
      to: VersionSummary,
      structural: WorkflowDiff.nullable().describe(
        'null for CSPm scripts, or when a version does not load (see diagnostics)',
      ),
      text: z
        .object({ hunks: z.array(TextDiffHunk) })
        .nullable()
        .describe('null when the texts are too far apart to diff cheaply'),
      diagnostics: z.array(Diagnostic),
    }),
  },
  'workflows.restore': {
    description: 'Makes an old version current again, as a new version (history is never rewritten).',
    params: z.object({ versionId: Id }),
    result: z.object({ version: VersionSummary, content: z.string() }),
  },
  'workflows.import': {
    description:
      "Stores YAML or CSPm text as a new document. CSPm becomes a workflow (as csp import does) unless as: 'script' keeps it as written. On any error nothing is stored, except for a script kept as written: it is stored with its errors, returned in diagnostics, for the editor to show.",
    params: z.object({
      text: Text,
      format: z.enum(['yaml', 'cspm']),
      as: z.enum(['workflow', 'script']).default('workflow'),
      name: Name.optional().describe('default: the workflow name in the YAML, else the file name'),
      fileName: z
        .string()
        .min(1)
        .max(4096)
        .optional()
        .describe('name of the dropped or opened file (diagnostics and the default name)'),
    }),
    result: z.discriminatedUnion('ok', [Opened.extend({ ok: z.literal(true) }), Failed]),
  },
  'workflows.export': {
    description:
      'A stored document (current or given version) or a text as YAML or CSPm: the same bytes as `csp export --to yaml|cspm`.',
    params: z
      .object({
        id: Id.optional(),
        versionId: Id.optional(),
        text: Text.optional().describe('workflow YAML to export instead of a stored one'),
        format: z.enum(['yaml', 'cspm']),
      })
      .refine((p) => [p.id, p.versionId, p.text].filter((x) => x !== undefined).length === 1, {
        message: 'give exactly one of id, versionId and text',
      }),
    result: z.discriminatedUnion('ok', [
      z.object({
        ok: z.literal(true),
        format: z.enum(['yaml', 'cspm']),
        text: z.string(),
        fileName: z.string().describe('a suggested file name'),
      }),
      Failed,
    ]),
  },
  'workflows.examples': {
    description: 'The examples shipped with the studio, simplest first.',
    params: z.object({}),
    result: z.object({ examples: z.array(ExampleInfo) }),
  },
  'workflows.validate': {
    description:
      'Diagnostics of a text, as csp validate gives them (workflow) or the CSPm front end (cspm), each with line and column.',
    params: z.object({
      text: Text,
      kind: SourceKind.default('workflow'),
      name: z.string().min(1).max(256).optional().describe('file name shown in diagnostics'),
    }),
    result: z.object({ ok: z.boolean().describe('no errors (warnings allowed)'), diagnostics: z.array(Diagnostic) }),
  },
});

export const workflowsStreams = defineStreams({});
