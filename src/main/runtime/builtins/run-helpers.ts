/**
 * Test and tool helper: a workflow given as YAML text, run freely to the end
 * (or a step limit), waiting for outside results (timers, injections, HTTP
 * responses) as a live run does. Used by the built-in nodes' tests.
 */
import { loadWorkflowYaml } from '../../../engine/workflow';
import { NetworkRun, type StepInfo, type StopInfo } from '../../../engine/runtime/network/run';
import type { AttachOptions } from '../scripts';
import { workflowNetwork } from '../workflow-net';

export interface FreeRun {
  readonly run: NetworkRun;
  readonly steps: StepInfo[];
  readonly stop: StopInfo;
  readonly log: string[];
}

export function networkOfYaml(yaml: string, options: AttachOptions = {}) {
  const loaded = loadWorkflowYaml(yaml);
  if (!loaded.ok || loaded.workflow === undefined)
    throw new Error(loaded.diagnostics.map((d) => `${d.path}: ${d.message}`).join('\n'));
  const net = workflowNetwork(loaded.workflow, 'test.yaml', options);
  if (!net.ok) throw new Error(net.errors.join('\n'));
  return net;
}

export async function runYaml(
  yaml: string,
  options: AttachOptions & { seed?: number; maxSteps?: number } = {},
): Promise<FreeRun> {
  const log: string[] = [];
  const net = networkOfYaml(yaml, { ...options, log: (line) => log.push(line) });
  const run = new NetworkRun(net.spec, { seed: options.seed ?? 1 });
  const max = options.maxSteps ?? 10_000;
  let stop = run.run(max);
  while (stop.reason === 'waiting' && run.seq < max) {
    await run.waitForOutside();
    stop = run.run(max - run.seq);
  }
  return { run, steps: run.steps(), stop, log };
}
