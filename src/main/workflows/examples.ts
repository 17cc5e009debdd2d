/**
 * The example workflows shipped in resources/examples, as offered on first
 * start: file, name and description of each, in a fixed order (simplest first).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root';
import { readWorkflowFile } from './files';

export const EXAMPLES_DIR = join(packageRoot(import.meta.url), 'resources', 'examples');

/** Order in which examples are offered; files not listed follow alphabetically. */
const ORDER = [
  'dining-philosophers.yaml',
  'dining-philosophers-butler.yaml',
  'bounded-buffer-pipeline.yaml',
  'request-response-timeout.yaml',
  'agent-negotiation.yaml',
  'trading-desk.yaml',
  'hospital-triage.yaml',
  'smart-city.yaml',
  'sensor-alerts.yaml',
  'replicated-workers.yaml',
];

export interface ExampleInfo {
  readonly file: string;
  readonly path: string;
  readonly name: string;
  readonly description: string;
}

export function listExamples(dir: string = EXAMPLES_DIR): ExampleInfo[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  const rank = (f: string): number => (ORDER.includes(f) ? ORDER.indexOf(f) : ORDER.length);
  files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const out: ExampleInfo[] = [];
  for (const file of files) {
    const path = join(dir, file);
    const read = readWorkflowFile(path);
    if (read.kind !== 'loaded' || !read.result.workflow) continue;
    out.push({ file, path, name: read.result.workflow.name, description: read.result.workflow.description ?? '' });
  }
  return out;
}
