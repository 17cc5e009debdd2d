/**
 * `csp check --stage parse|print|types`: run the front end only up to one
 * stage, as libcspm's own test harness checks its test folders
 * (docs/cspm.md#measured-on-libcspms-test-suite):
 *   parse  the script parses (includes read);
 *   print  it parses, and the pretty-printer's text parses back to the same AST;
 *   types  it parses, every name resolves and it type-checks (with the
 *          static rules FDR applies before evaluating, e.g. what timed sections refuse).
 * `all` (the default) is the whole check: evaluation and assertions too.
 */
import { load, parse } from '../../../engine/cspm';
import type { Diagnostic } from '../../../engine/cspm';
import { roundTrip } from '../../../engine/cspm/syntax/round-trip';
import { formatForCli } from '../../source/diagnostics';
import { includeReader } from '../../source/reader';
import { EXIT_OK, EXIT_USAGE } from '../exit-codes';

export const STAGES = ['parse', 'print', 'types', 'all'] as const;
export type Stage = (typeof STAGES)[number];

export function isStage(s: string): s is Stage {
  return (STAGES as readonly string[]).includes(s);
}

/** The diagnostics of `text` (a script named `file`) up to `stage`, errors and warnings alike. */
export function stageDiagnostics(text: string, file: string, stage: Exclude<Stage, 'all'>): readonly Diagnostic[] {
  const options = { file, readFile: includeReader };
  if (stage === 'types') return load(text, options).diagnostics;
  const parsed = parse(text, options);
  if (stage === 'parse' || parsed.diagnostics.some((d) => d.severity === 'error')) return parsed.diagnostics;
  return [...parsed.diagnostics, ...roundTrip(parsed.ast, options).diagnostics];
}

/** Runs one stage for the CLI: diagnostics on stderr, `--json` on stdout; exit 0 when no error, 2 otherwise. */
export function runStage(text: string, file: string, stage: Exclude<Stage, 'all'>, json: boolean): number {
  const diagnostics = stageDiagnostics(text, file, stage);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  for (const d of diagnostics) process.stderr.write(`${formatForCli(d)}\n`);
  if (json) {
    const wire = (d: Diagnostic): Record<string, unknown> => ({
      code: d.code,
      message: d.message,
      file: d.span.file,
      line: d.span.line,
      column: d.span.column,
    });
    process.stdout.write(
      JSON.stringify(
        { file, stage, assertions: [], ...(errors.length > 0 ? { errors: errors.map(wire) } : {}) },
        null,
        2,
      ) + '\n',
    );
  } else if (errors.length === 0) {
    process.stdout.write(
      `${file}: ${stage === 'parse' ? 'parses' : stage === 'print' ? 'parses and round-trips through the pretty-printer' : 'parses and type-checks'}\n`,
    );
  }
  return errors.length > 0 ? EXIT_USAGE : EXIT_OK;
}
