/**
 * A verdict as text and JSON, for the clipboard and for export. The text reads
 * like `csp check`'s output with the events in node and edge names; the JSON
 * is the report as `csp check --json` gives it, plus those names.
 */
import type { Workflow } from '../../../../engine/workflow';
import type { AssertionReport } from './check-view';
import { componentStates, counterexampleSteps, describeFailure, refusalText } from './counterexample';

const count = (n: number): string => n.toLocaleString('en-US');

/** "1,428 states, 5,079 transitions, 0.19 s". */
export function statsLine(r: Pick<AssertionReport, 'states' | 'transitions' | 'seconds'>): string {
  return `${count(r.states)} states, ${count(r.transitions)} transitions, ${r.seconds.toFixed(2)} s`;
}

/** "failed: deadlock after 10 events" / "passed" / "error: CSP4002 time limit reached". */
export function verdictLine(r: AssertionReport): string {
  if (r.result === 'error') return `error: ${r.error ? `${r.error.code} ${r.error.message}` : 'not decided'}`;
  if (r.result === 'failed' && r.counterexample) return `failed: ${describeFailure(r.counterexample)}`;
  return r.result;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function reportText(r: AssertionReport, documentName: string, workflow: Workflow | undefined): string {
  const lines = [`${documentName}: assertion ${r.index}: ${r.text}`, `${verdictLine(r)} (${statsLine(r)})`];
  const ce = r.counterexample;
  if (ce) {
    const steps = counterexampleSteps(ce, workflow);
    const width = Math.min(40, Math.max(0, ...steps.map((s) => s.event.length)));
    const digits = String(steps.length).length;
    lines.push('', steps.length === 0 ? 'Trace: empty (it fails at the start)' : 'Trace:');
    for (const s of steps)
      lines.push(
        `  ${String(s.step).padStart(digits)}. ${pad(s.event, width)}${s.where ? `  ${s.where}` : ''}${
          s.refused !== undefined ? `  (${refusalText(s.refused)})` : ''
        }`.trimEnd(),
      );
    if (ce.refused && ce.refused.length > 0) lines.push('', `Refused: {${ce.refused.join(', ')}}`);
    if (ce.event !== undefined) lines.push('', `Event: ${ce.event}`);
    const components = componentStates(ce, workflow);
    if (components.length > 0) {
      lines.push('', 'Components at the end:');
      for (const c of components) {
        lines.push(`  ${c.name}${c.where ? ` (${c.where})` : ''}: ${c.state}`);
        lines.push(`    its events: ${c.trace.length === 0 ? 'none' : c.trace.join(', ')}`);
      }
    }
  }
  if (r.assumptions.length > 0) {
    lines.push('', 'This verdict assumes:', ...r.assumptions.map((a) => `  - ${a}`));
  }
  return lines.join('\n') + '\n';
}

export function reportJson(r: AssertionReport, documentName: string, workflow: Workflow | undefined): string {
  const ce = r.counterexample;
  const out = {
    file: documentName,
    assertion: r,
    ...(ce
      ? {
          events: counterexampleSteps(ce, workflow).map((s) => ({
            step: s.step,
            event: s.event,
            ...(s.element ? { element: s.element } : {}),
            ...(s.where ? { where: s.where } : {}),
          })),
        }
      : {}),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

/** A file name from the document and the assertion: "dining-philosophers-assertion-1". */
export function exportBaseName(documentName: string, index: number): string {
  const base = documentName
    .replace(/\.(ya?ml|csp)$/i, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return `${base || 'check'}-assertion-${index}`;
}
