/**
 * Import → export → check gives the same verdicts and state counts as
 * checking the original script (the acceptance rule), on the scripts
 * in __fixtures__/import.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScript } from '../check/script';
import { compileWorkflow } from './compile';
import { formatDiagnostic } from './diagnostics';
import { importCspm } from './import';
import { loadWorkflowYaml } from './yaml-load';
import { saveWorkflowYaml } from './yaml-save';

const dir = join(__dirname, '__fixtures__/import');
const read = (f: string) => readFileSync(join(dir, f), 'utf8');

function sameVerdicts(file: string) {
  const text = read(file);
  const imported = importCspm(text, { file });
  expect(imported.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  // Through YAML too, as `csp import` then `csp check` would go.
  const yaml = saveWorkflowYaml(imported.workflow!);
  const reloaded = loadWorkflowYaml(yaml);
  expect(reloaded.ok).toBe(true);
  const compiled = compileWorkflow(reloaded.workflow!);
  const original = checkScript(text, { file }).assertions.map((a) => [a.text, a.result, a.states]);
  const roundTrip = checkScript(compiled.cspm, { file: 'exported.csp' }).assertions.map((a) => [
    a.text,
    a.result,
    a.states,
  ]);
  expect(roundTrip).toEqual(original);
  return reloaded.workflow!;
}

describe('importCspm', () => {
  it('imports replicated alphabetised parallel as replicated nodes with the same verdicts and states', () => {
    const wf = sameVerdicts('philosophers-alphabetised.csp');
    expect(wf.processes.map((p) => [p.id, p.replicate])).toEqual([
      ['phil', 'i in {0..N-1}'],
      ['fork', 'j in {0..N-1}'],
    ]);
    expect(wf.edges.map((e) => e.id)).toEqual(['drop', 'pick']);
    expect(wf.processes[0]!.alphabet).toBe('inter(Union({APHIL(i) | i <- {0..N-1}}), APHIL(i))');
  });

  it('imports [| X |] compositions, keeping interleaved replication as one node', () => {
    const wf = sameVerdicts('philosophers-interleaved.csp');
    expect(wf.processes.map((p) => (p.kind === 'csp' ? p.behaviour : p.kind))).toEqual(['PHILS', 'FORKS']);
    expect(wf.edges.map((e) => `${e.from}->${e.to}`)).toEqual([
      'phils.picks->forks.picks',
      'phils.putsdown->forks.putsdown',
    ]);
  });

  it('makes a bus of a channel three components share and hides hidden channels', () => {
    const wf = sameVerdicts('relay-hidden.csp');
    expect(wf.buses).toEqual([{ id: 'clk', name: 'clk', members: ['in.clk', 'mid.clk', 'out.clk'] }]);
    expect(wf.channels).toEqual([{ id: 'b', name: 'b', type: '{0..1}', hidden: true }]);
    // The engine runs no layout engine: positions come from the runner a caller passes in (src/main/workflows/elk-layout.ts).
    expect(wf.layout).toEqual({});
  });

  it('refuses a script whose system is not a parallel composition, at its place', () => {
    const r = importCspm(read('not-a-network.csp'), { file: 'not-a-network.csp' });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => formatDiagnostic(d, 'not-a-network.csp'))).toEqual([
      'not-a-network.csp:2:5: error WF4002 P: the system is not a parallel composition',
    ]);
  });

  it('inlines included files so the workflow stands alone', () => {
    const files: Record<string, string> = { 'lib/defs.csp': 'channel a, b\nP = a -> P\nQ = a -> b -> Q\n' };
    const main = 'include "lib/defs.csp"\nSYSTEM = P [| {| a |} |] Q\nassert SYSTEM :[deadlock free]\n';
    const r = importCspm(main, { file: 'main.csp', readFile: (path) => files[path] });
    expect(r.diagnostics).toEqual([]);
    expect(r.workflow!.declarations).toBe(
      '-- from include "lib/defs.csp"\nchannel a, b\nP = a -> P\nQ = a -> b -> Q\n-- end of include "lib/defs.csp"\n',
    );
    const c = compileWorkflow(r.workflow!);
    expect(checkScript(c.cspm, { file: 'x.csp' }).assertions.map((a) => a.result)).toEqual(['passed']);
  });

  it('reports CSPm errors with their line', () => {
    const r = importCspm('channel a\nP = a -> \n', { file: 'bad.csp' });
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ code: 'WF4001', line: expect.any(Number) });
  });
});
