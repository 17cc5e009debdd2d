/**
 * The network a file describes, for `csp run` and run.start: a workflow YAML
 * (compiled, with its script nodes in sandboxes) or a CSPm script (its SYSTEM,
 * or the process named). Errors are `file:line:col: ...` lines.
 */
import type { NetworkSpec } from '../../engine/runtime/network/network';
import { networkFromCspm } from '../../engine/runtime/network/load';
import { hasErrors } from '../../engine/workflow';
import { includeReader, isWorkflowPath, readCheckInput } from '../check/input';
import { formatDiagnostics, readWorkflowFile } from '../workflows/files';
import { loadQuickJS } from './script-node';
import type { AttachOptions } from './scripts';
import { workflowNetwork } from './workflow-net';

export type NetworkInput = { ok: true; spec: NetworkSpec; assumptions: readonly string[] } | { ok: false; errors: readonly string[] };

export async function networkFromFile(file: string, options: { process?: string; attach?: AttachOptions } = {}): Promise<NetworkInput> {
  if (isWorkflowPath(file)) {
    const read = readWorkflowFile(file);
    if (read.kind === 'unreadable') return { ok: false, errors: [read.message] };
    const diags = read.result.diagnostics;
    if (read.result.workflow === undefined || hasErrors(diags)) return { ok: false, errors: formatDiagnostics(diags, file).split('\n') };
    if (read.result.workflow.processes.some((p) => p.kind === 'script')) await loadQuickJS();
    return workflowNetwork(read.result.workflow, file, { env: process.env, ...options.attach });
  }
  return networkFromText(readCheckInput(file), file, options.process);
}

export function networkFromText(input: ReturnType<typeof readCheckInput>, file: string, process?: string): NetworkInput {
  if (input.kind === 'broken') return { ok: false, errors: input.messages };
  const net = networkFromCspm(input.text, { file, readFile: includeReader, ...(process !== undefined ? { process } : {}) });
  return net.ok ? { ok: true, spec: net.spec, assumptions: input.assumptions } : net;
}
