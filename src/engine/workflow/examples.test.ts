/**
 * Every shipped example (resources/examples) loads, validates, compiles to
 * the golden CSPm in __fixtures__/compile, goes through the CSPm front end
 * and evaluator with zero diagnostics, and its assertions give the verdicts
 * the example documents (`expect:`). Set UPDATE_GOLDEN=1 to rewrite goldens.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScript } from '../check/script';
import { load } from '../cspm';
import { loadScript } from '../eval';
import { compileWorkflow } from './compile';
import { loadWorkflowYaml } from './yaml-load';
import { saveWorkflowYaml } from './yaml-save';

const EXAMPLES = join(__dirname, '../../../resources/examples');
const GOLDEN = join(__dirname, '__fixtures__/compile');
const files = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('examples', () => {
  it('ships the examples the issue lists', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'dining-philosophers.yaml',
        'dining-philosophers-butler.yaml',
        'bounded-buffer-pipeline.yaml',
        'request-response-timeout.yaml',
        'agent-negotiation.yaml',
        'trading-desk.yaml',
        'hospital-triage.yaml',
        'smart-city.yaml',
      ]),
    );
  });

  for (const file of files) {
    describe(file, () => {
      const text = readFileSync(join(EXAMPLES, file), 'utf8');
      const loaded = loadWorkflowYaml(text);

      it('loads and validates without any diagnostic', () => {
        expect(loaded.diagnostics).toEqual([]);
        expect(loaded.ok).toBe(true);
      });

      it('round-trips through YAML unchanged', () => {
        expect(saveWorkflowYaml(loaded.workflow!, text)).toBe(text);
        const canonical = saveWorkflowYaml(loaded.workflow!);
        expect(loadWorkflowYaml(canonical).workflow).toEqual(loaded.workflow);
      });

      const compiled = compileWorkflow(loaded.workflow!);

      it('compiles to the golden CSPm', () => {
        expect(compiled.diagnostics).toEqual([]);
        const golden = join(GOLDEN, file.replace(/\.yaml$/, '.csp'));
        if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(golden)) writeFileSync(golden, compiled.cspm);
        expect(compiled.cspm).toBe(readFileSync(golden, 'utf8'));
      });

      it('parses, type-checks and evaluates with zero diagnostics', () => {
        const front = load(compiled.cspm, { file });
        expect(front.diagnostics).toEqual([]);
        expect(loadScript(front.ast).diagnostics).toEqual([]);
      });

      it('gives the documented verdicts', () => {
        const report = checkScript(compiled.cspm, { file });
        expect(report.errors).toEqual([]);
        const verdicts = report.assertions.map((a) => a.result);
        const expected = compiled.assertions.map((a) => (a.expect === 'fail' ? 'failed' : 'passed'));
        expect(verdicts).toEqual(expected);
        expect(loaded.workflow!.assertions.every((a) => a.expect !== undefined)).toBe(true);
      });
    });
  }
});
