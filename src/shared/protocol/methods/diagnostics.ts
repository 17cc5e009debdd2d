/**
 * The one diagnostic shape on the wire, for CSPm and workflow problems alike:
 * a code from a numbered catalogue (CSPxxxx, WFxxxx, or a host code such as
 * `unreadable`), a message for people, and where it is (file, document path,
 * 1-based line and column, and the end of the range when known). Clients turn
 * these into Monaco markers, canvas badges and Problems rows; nothing joins
 * them into one string.
 */
import { z } from 'zod';

export const Severity = z.enum(['error', 'warning', 'info']);

export const Position = z.object({
  file: z.string().optional().describe('file name (or the name given with text)'),
  path: z.string().optional().describe('path in a workflow document, e.g. processes[2].behaviour'),
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
  endLine: z.number().int().positive().optional(),
  endColumn: z.number().int().positive().optional(),
});

export const Diagnostic = Position.extend({
  code: z.string(),
  severity: Severity,
  message: z.string(),
  related: z
    .array(Position.extend({ message: z.string() }))
    .optional()
    .describe('other places involved (e.g. the first definition)'),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

/** Documents and scripts travel inside one message, so they stay under the 1 MiB message limit. */
export const MAX_DOCUMENT_TEXT = 900_000;

/** What a text is: a workflow (YAML) or a CSPm script. */
export const SourceKind = z.enum(['workflow', 'cspm']);
export type SourceKind = z.infer<typeof SourceKind>;
