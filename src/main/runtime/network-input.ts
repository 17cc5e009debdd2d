/**
 * The network a source describes, for `csp run` and run.start: read through
 * the one source reader (src/main/source), then a workflow becomes its
 * compiled network with script nodes in sandboxes, a CSPm script its SYSTEM
 * (or the process named). Problems come back as diagnostics: those of the
 * source at their place, those of wiring the run as one diagnostic each.
 */
import { load } from '../../engine/cspm';
import type { NetworkSpec } from '../../engine/runtime/network/network';
import { networkFromCspm } from '../../engine/runtime/network/load';
import { hostDiagnostic } from '../source/diagnostics';
import type { SourceDiagnostic } from '../source/diagnostics';
import { includeReader, readSource } from '../source/reader';
import type { SourceRequest } from '../source/reader';
import { newSandboxHeap } from './sandbox-heap';
import type { AttachOptions } from './scripts';
import { workflowNetwork } from './workflow-net';
import type { RecordColumns, RunSource } from '../store/runs/replay';

export type NetworkInput =
  | { ok: true; spec: NetworkSpec; assumptions: readonly string[]; source: RunSource }
  | { ok: false; diagnostics: readonly SourceDiagnostic[] };

/** Code of a problem found while wiring the run (after the source read fine). */
export const RUN_SETUP = 'RUN1001';

export interface NetworkOptions {
  process?: string;
  attach?: AttachOptions;
  /** A CSPm script's generalised parallel at the top runs as components where sound (default true). */
  splitParallel?: boolean;
}

export async function networkFromSource(request: SourceRequest, options: NetworkOptions = {}): Promise<NetworkInput> {
  // A workflow's CSPm is evaluated once, when its network is built below; only if that fails is the
  // file read again with the evaluation, so its evaluation errors are placed in the YAML as before.
  const read = readSource({ ...request, evaluate: false });
  if (!read.ok) return { ok: false, diagnostics: read.diagnostics };
  const setupFailed = (errors: readonly string[]): NetworkInput => {
    const full = read.kind === 'workflow' ? readSource(request) : read;
    if (!full.ok) return { ok: false, diagnostics: full.diagnostics };
    return { ok: false, diagnostics: errors.map((e) => hostDiagnostic(RUN_SETUP, read.file, e)) };
  };
  // What ran, as it was: a replay runs this text even if the file changes later.
  const source: RunSource = {
    kind: read.kind,
    name: read.file,
    text: read.source,
    ...(options.process !== undefined ? { process: options.process } : {}),
    ...(options.attach?.wallClock === true ? { wallClock: true } : {}),
  };
  if (read.workflow !== undefined) {
    // One script heap per run, of bounded size, dropped with the run (sandbox-heap.ts).
    const heap = read.workflow.processes.some((p) => p.kind === 'script')
      ? await newSandboxHeap(options.attach?.sandboxHeapBytes)
      : undefined;
    const net = workflowNetwork(read.workflow, read.file, {
      env: process.env,
      ...options.attach,
      ...(heap !== undefined ? { heap } : {}),
    });
    return net.ok ? { ...net, source } : setupFailed(net.errors);
  }
  // Syntax and type errors with their spans, before the network is built.
  const front = load(read.text, { file: read.file, readFile: includeReader }).diagnostics.filter(
    (d) => d.severity === 'error',
  );
  if (front.length > 0) return { ok: false, diagnostics: front };
  const net = networkFromCspm(read.text, {
    file: read.file,
    readFile: includeReader,
    ...(options.process !== undefined ? { process: options.process } : {}),
    ...(options.splitParallel !== undefined ? { splitParallel: options.splitParallel } : {}),
  });
  return net.ok ? { ok: true, spec: net.spec, assumptions: read.assumptions, source } : setupFailed(net.errors);
}

/** Every process the record names is a component of the network. */
function namesEvery(spec: NetworkSpec, record: RecordColumns): boolean {
  const names = new Set(spec.components.map((c) => c.name));
  return record.shapes.every((s) => s.processes.every((p) => names.has(p)));
}

/**
 * The network a stored run was recorded on. Before generalised parallels
 * were split into components (network.ts), a CSPm script such as the
 * butler's BSYSTEM ran as one component named after its process: a record
 * naming processes the split network lacks replays on that one component,
 * exactly as it ran. Anything else keeps the usual network (and a record
 * that fits neither fails in logFromRecord, naming the process).
 */
export async function networkForRecord(
  request: SourceRequest,
  options: NetworkOptions,
  record: RecordColumns,
): Promise<NetworkInput> {
  const net = await networkFromSource(request, options);
  if (!net.ok || namesEvery(net.spec, record)) return net;
  const whole = await networkFromSource(request, { ...options, splitParallel: false });
  return whole.ok && namesEvery(whole.spec, record) ? whole : net;
}

/** A file on the host (kind by extension). */
export function networkFromFile(
  file: string,
  options: { process?: string; attach?: AttachOptions } = {},
): Promise<NetworkInput> {
  return networkFromSource({ file }, options);
}
