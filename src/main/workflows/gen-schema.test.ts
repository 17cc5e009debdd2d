import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workflowJsonSchema, workflowJsonSchemaText } from '../../engine/workflow/json-schema';
import { SCHEMA_PATH } from './gen-schema';

describe('docs/workflow.schema.json', () => {
  it('is current with the zod model (regenerate with npm run schema:workflow)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(workflowJsonSchemaText());
  });

  it('describes the skeleton: required keys, strict records, every node kind (csp, script, agent and the nine built-ins)', () => {
    const s = workflowJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { items?: { oneOf?: unknown[]; anyOf?: unknown[] } }>;
    };
    expect(s.required).toEqual(['version', 'name']);
    expect(s.additionalProperties).toBe(false);
    const kinds = s.properties['processes']?.items?.oneOf ?? s.properties['processes']?.items?.anyOf;
    expect(kinds).toHaveLength(12);
  });
});
