/**
 * The host's probes (FDR's Probe): a process of a script or workflow, opened
 * from a name or any CSPm process expression, explored one state at a time
 * with the engine's one semantics (csp/explore.ts). Each probe keeps its
 * loaded script, so state ids stay stable while it is open. At most
 * MAX_PROBES are kept; opening another closes the least recently used.
 *
 * The expression is evaluated in the script's scope by appending one
 * definition, `<root> = <expression>`, to the text: a name, an application
 * (`PHIL(0)`) and a composition all work, and an error in the expression is
 * reported at its column within the expression.
 */
import { randomUUID } from 'node:crypto';
import { EvaluationError } from '../../engine/csp/errors';
import type { Explorer as ExplorerType, ExplorerState } from '../../engine/csp/explore';
import { Explorer } from '../../engine/csp/explore';
import { TAU, TICK } from '../../engine/csp/terms';
import { load } from '../../engine/cspm';
import type { Diagnostic as CspmDiagnostic } from '../../engine/cspm';
import { loadScript } from '../../engine/eval';
import { ProtocolError } from '../../shared/protocol';
import type { Params, Result } from '../../shared/protocol';
import { MAX_PROBE_TRANSITIONS, MAX_PROBES, MAX_TERM_TEXT } from '../../shared/protocol/methods/probe';
import { hostDiagnostic, pointSpan, toWire } from '../source/diagnostics';
import type { SourceDiagnostic } from '../source/diagnostics';
import { includeReader, readSource } from '../source/reader';
import { listProcesses } from './processes';

interface OpenProbe {
  readonly explorer: ExplorerType;
  readonly file: string;
  used: number;
}

/** Name of the appended definition: not a name a script would use. */
const ROOT = 'Probe_root_of_the_studio';
const PROBE = 'PROBE1001';

type Open = Result<'probe.open'>;

export class ProbeService {
  private readonly probes = new Map<string, OpenProbe>();
  private tick = 0;

  constructor(private readonly maxProbes: number = MAX_PROBES) {}

  open(p: Params<'probe.open'>): Open {
    const read = readSource(p);
    if (!read.ok) return { ok: false, diagnostics: read.diagnostics.map(toWire) };
    // The script's own errors first, so parse recovery cannot blame the appended expression for them.
    const own = load(read.text, { file: read.file, readFile: includeReader }).diagnostics.filter(
      (d) => d.severity === 'error',
    );
    if (own.length > 0) return { ok: false, diagnostics: own.map(toWire) };
    const expression = p.process.replace(/\s*[\r\n]+\s*/g, ' ');
    const base = read.text.endsWith('\n') ? read.text : `${read.text}\n`;
    const line = base.split('\n').length;
    const loaded = load(`${base}${ROOT} = ${expression}\n`, { file: read.file, readFile: includeReader });
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0)
      return { ok: false, diagnostics: errors.map((d) => toWire(inExpression(d, read.file, line, expression))) };
    const script = loadScript(loaded.ast);
    const declErrors = script.diagnostics.filter((d) => d.severity === 'error');
    if (declErrors.length > 0)
      return { ok: false, diagnostics: declErrors.map((d) => toWire(inExpression(d, read.file, line, expression))) };
    const term = script.processes.get(ROOT);
    if (term === undefined) {
      return { ok: false, diagnostics: [toWire(hostDiagnostic(PROBE, read.file, `${expression} is not a process`))] };
    }
    const explorer = new Explorer(script.semantics, script.events);
    let root: ExplorerState;
    try {
      root = explorer.root(term);
    } catch (error) {
      return { ok: false, diagnostics: [toWire(evaluationDiagnostic(error, read.file))] };
    }
    this.evict();
    const probeId = randomUUID();
    this.probes.set(probeId, { explorer, file: read.file, used: ++this.tick });
    return { ok: true, probeId, process: expression, root: shown(root) };
  }

  expand(probeId: string, stateId: number): Result<'probe.expand'> {
    const probe = this.get(probeId);
    let state: ExplorerState;
    try {
      state = probe.explorer.state(stateId);
    } catch {
      throw new ProtocolError('not_found', `probe ${probeId} has no state ${stateId}`);
    }
    try {
      const all = probe.explorer.successors(stateId);
      const transitions = all.slice(0, MAX_PROBE_TRANSITIONS).map((s) => ({
        kind: s.event === TAU ? ('tau' as const) : s.event === TICK ? ('tick' as const) : ('event' as const),
        event: s.text,
        target: shown(s.target),
      }));
      return { state: shown(state), transitions, more: all.length - transitions.length };
    } catch (error) {
      return { state: shown(state), transitions: [], more: 0, error: toWire(evaluationDiagnostic(error, probe.file)) };
    }
  }

  close(probeId: string): boolean {
    return this.probes.delete(probeId);
  }

  closeAll(): void {
    this.probes.clear();
  }

  processes(p: Params<'cspm.processes'>): Result<'cspm.processes'> {
    const read = readSource(p);
    if (!read.ok) return { processes: [], diagnostics: read.diagnostics.map(toWire) };
    const loaded = load(read.text, { file: read.file, readFile: includeReader });
    return { processes: listProcesses(loaded.module), diagnostics: loaded.diagnostics.map(toWire) };
  }

  get size(): number {
    return this.probes.size;
  }

  private get(probeId: string): OpenProbe {
    const probe = this.probes.get(probeId);
    if (probe === undefined)
      throw new ProtocolError(
        'not_found',
        `no probe ${probeId} (closed, or more than ${this.maxProbes} were opened since)`,
      );
    probe.used = ++this.tick;
    return probe;
  }

  private evict(): void {
    while (this.probes.size >= this.maxProbes) {
      let oldest: string | undefined;
      let at = Infinity;
      for (const [id, p] of this.probes) {
        if (p.used < at) {
          at = p.used;
          oldest = id;
        }
      }
      if (oldest === undefined) return;
      this.probes.delete(oldest);
    }
  }
}

function shown(s: ExplorerState): { id: number; term: string } {
  return { id: s.id, term: s.text.length > MAX_TERM_TEXT ? `${s.text.slice(0, MAX_TERM_TEXT - 1)}…` : s.text };
}

/** A diagnostic in the appended definition is placed in the expression (line 1, its own columns). */
function inExpression(d: CspmDiagnostic, file: string, line: number, expression: string): SourceDiagnostic {
  if (d.span.file !== file || d.span.line !== line) return d;
  const shift = ROOT.length + 3;
  const column = Math.max(1, d.span.column - shift);
  const endColumn = Math.max(column, d.span.endColumn - shift);
  return {
    ...d,
    message: `in the process expression "${expression}": ${d.message}`,
    span: { ...pointSpan('process expression', 1, column), endColumn },
  };
}

function evaluationDiagnostic(error: unknown, file: string): SourceDiagnostic {
  if (error instanceof EvaluationError) {
    const span = error.span ?? pointSpan(file, 1, 1);
    return { code: error.code, severity: 'error', message: error.message, span };
  }
  if (error instanceof RangeError) return hostDiagnostic(PROBE, file, error.message);
  throw error;
}
