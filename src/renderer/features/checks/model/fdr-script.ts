/**
 * A failed check as a standalone CSPm script, for FDR users: the CSPm the
 * studio checked (the workflow's generated script), the failed assertion, the
 * counterexample as comments, and a `:[has trace]:` assertion that replays it
 * (FDR and `csp check` both pass it when the trace is really the process's).
 * Pure, so the script can be checked in a test by the engine itself.
 */

export interface FailedCheck {
  readonly text: string;
  readonly result: string;
  readonly counterexample?:
    { readonly kind: string; readonly trace: readonly string[]; readonly event?: string | undefined } | undefined;
}

const TICK = '✓';

/**
 * The process whose trace a counterexample is: `P` of `P :[deadlock free]`,
 * the implementation `Q` of `P [T= Q`. Undefined for `not …` (its failure is
 * the inner assertion passing, which has no trace) and for what is not read.
 */
export function processOfAssertion(text: string): string | undefined {
  const t = text.trim();
  if (/^not\b/.test(t)) return undefined;
  const refinement = /\[(?:T|F|FD|R|V)=\s*([\s\S]+)$/.exec(t);
  if (refinement) return stripOptions(refinement[1] as string);
  const property = /^([\s\S]+?)\s*:\[/.exec(t);
  return property ? (property[1] as string).trim() : undefined;
}

/** `Q :[partial order reduce]` → `Q` (options FDR allows after a refinement). */
function stripOptions(process: string): string {
  return process.replace(/\s*:\[[^\]]*\]\s*$/, '').trim();
}

export function counterexampleScript(cspm: string, documentName: string, check: FailedCheck): string {
  const ce = check.counterexample;
  const lines = [
    `-- ${documentName}: the CSPm that CSP Agent Network Studio checked, with the counterexample it found.`,
    '-- Check it with FDR (refines this-file.csp) or with `csp check this-file.csp`.',
    '',
    cspm.trimEnd(),
    '',
    `-- Assertion that failed: ${check.text}`,
  ];
  // Built-in checks (deadlock, divergence, contracts) are added by the host: write the assertion out.
  const assertion = `assert ${check.text}`;
  if (!cspm.split('\n').some((l) => l.replace(/--.*$/, '').trim() === assertion)) lines.push(assertion);
  if (check.result !== 'failed' || !ce) return lines.join('\n') + '\n';

  lines.push(`-- Counterexample (${ce.kind}), ${ce.trace.length} event${ce.trace.length === 1 ? '' : 's'}:`);
  ce.trace.forEach((e, i) => lines.push(`--   ${i + 1}. ${e}`));
  if (ce.event !== undefined) lines.push(`--   then ${ce.event}`);
  // A refinement's implementation also does the event the specification refuses.
  const events = [...ce.trace.filter((e) => e !== TICK), ...(ce.kind === 'trace' && ce.event ? [ce.event] : [])];
  const process = processOfAssertion(check.text);
  if (process !== undefined && ce.kind !== 'no-trace') {
    lines.push(
      `-- The process can do this trace${events.length < ce.trace.length ? ' (up to its termination)' : ''}; this assertion passes:`,
      `assert ${process} :[has trace]: <${events.join(', ')}>`,
    );
  }
  return lines.join('\n') + '\n';
}
