/**
 * Writes docs/workflow.schema.json from the zod model:
 *   npm run schema:workflow
 * gen-schema.test.ts fails when the committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workflowJsonSchemaText } from '../../engine/workflow/json-schema';

export const SCHEMA_PATH = fileURLToPath(new URL('../../../docs/workflow.schema.json', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_PATH, workflowJsonSchemaText());
  process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
}
