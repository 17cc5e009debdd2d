/**
 * `parseWorkflowYaml(text)`: the studio's one way to turn stored YAML into a
 * workflow, off the UI thread (./yaml-parser). One worker serves the window;
 * `warmWorkflowParser()` starts it early so its code is loaded before the
 * first open.
 */
import { loadWorkflowYaml } from '../../../../engine/workflow';
import type { LoadResult } from '../../../../engine/workflow';
import { YamlParser } from './yaml-parser';
import type { ParserPort } from './yaml-parser';

export { YamlParser } from './yaml-parser';
export type { ParseReply, ParseRequest, ParserPort } from './yaml-parser';

let parser: YamlParser | undefined;

function current(): YamlParser | undefined {
  // No Worker outside a browser (unit tests in Node): parsed in place there.
  if (typeof Worker === 'undefined') return undefined;
  if (!parser || parser.failed) {
    parser?.dispose();
    parser = new YamlParser(
      new Worker(new URL('./yaml-parse.worker.ts', import.meta.url), {
        type: 'module',
        name: 'workflow-yaml',
      }) as unknown as ParserPort,
    );
  }
  return parser;
}

export function parseWorkflowYaml(text: string): Promise<LoadResult> {
  const p = current();
  return p ? p.parse(text) : Promise.resolve(loadWorkflowYaml(text));
}

/** Starts the worker and has it load its code, so the first real open does not wait for that. */
export function warmWorkflowParser(): void {
  void current()
    ?.parse('version: 1\nname: warm-up\nprocesses: []\n')
    .catch(() => undefined);
}
