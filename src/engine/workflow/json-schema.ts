/**
 * The published JSON Schema of workflow files (docs/workflow.schema.json),
 * derived from the zod schema so the two cannot drift. Editors use it through
 * the file's `$schema` key. It describes shape only; cross-record rules
 * (unique ids, edges to real ports, agreeing types) are checked on load.
 */
import { z } from 'zod';
import { WORKFLOW_VERSION, WorkflowSchema } from './model';

export function workflowJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(WorkflowSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $schema: schema['$schema'],
    $id: 'https://csp-studio.local/workflow.schema.json',
    title: 'CSP Agent Network Studio workflow',
    description: `Workflow file, version ${WORKFLOW_VERSION} (see docs/workflows.md and docs/workflow-semantics.md). Cross-record rules are checked by \`csp validate\`.`,
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

/** The file's text: stable key order, two-space indent, trailing newline. */
export function workflowJsonSchemaText(): string {
  return JSON.stringify(workflowJsonSchema(), null, 2) + '\n';
}
