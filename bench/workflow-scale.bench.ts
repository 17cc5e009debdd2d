/**
 * Engine side of the designer's scale target: a workflow of 1,000 nodes and
 * 1,500 edges (bench/workflow/gen-large.ts) loads from YAML, validates (the
 * full `csp validate` path: YAML, model rules, compilation, the generated
 * CSPm through the front end and evaluator) and compiles in under 1 s.
 * No peer exists, so the figure is absolute against that target.
 */
import os from 'node:os';
import { compileWorkflow, loadWorkflowYaml, validateWorkflowText } from '../src/engine/workflow';
import { largeWorkflowYaml } from './workflow/gen-large';
import type { Benchmark } from './types';

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface Phase {
  readonly name: string;
  readonly run: () => void;
}

export const bench: Benchmark = {
  id: 'workflow-scale',
  title: 'Large workflows: load, validate and compile (engine)',
  async run({ smoke, log }) {
    const nodes = smoke ? 50 : 1000;
    const reps = smoke ? 1 : 7;
    const text = largeWorkflowYaml({ nodes });
    const loaded = loadWorkflowYaml(text);
    if (!loaded.ok || !loaded.workflow)
      throw new Error(`generated workflow does not load: ${loaded.diagnostics[0]?.message}`);
    const workflow = loaded.workflow;
    const edges = workflow.edges.length;
    const validated = validateWorkflowText(text);
    const errors = validated.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new Error(`generated workflow has errors: ${errors[0]!.message}`);
    const phases: Phase[] = [
      { name: 'load YAML (parse, schema, model rules)', run: () => void loadWorkflowYaml(text) },
      { name: 'compile to CSPm', run: () => void compileWorkflow(workflow) },
      {
        name: '**validate + compile** (`csp validate`: all of the above, then the CSPm front end and evaluator)',
        run: () => void validateWorkflowText(text),
      },
    ];
    const rows: string[] = [];
    for (const phase of phases) {
      const walls: number[] = [];
      const cpus: number[] = [];
      for (let r = 0; r < reps; r++) {
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        phase.run();
        walls.push((performance.now() - t0) / 1000);
        const cpu = process.cpuUsage(cpu0);
        cpus.push((cpu.user + cpu.system) / 1e6);
      }
      log(`${phase.name}: median ${median(walls).toFixed(3)} s wall, ${median(cpus).toFixed(3)} s CPU`);
      const f = (s: number): string => s.toFixed(3);
      rows.push(
        `| ${phase.name} | ${f(median(walls))} [${f(Math.min(...walls))} – ${f(Math.max(...walls))}] | ${f(median(cpus))} |`,
      );
    }
    const markdown = [
      `Workflow: ${nodes} CSP nodes, ${edges} edges (a ring with chords, so cycles), ${text.length.toLocaleString('en-US')} characters of YAML; ${reps} repetitions after one warm-up; median [min – max].`,
      '',
      '| phase | seconds (wall) | seconds (CPU of this process) |',
      '| --- | --- | --- |',
      ...rows,
      '',
      `Target: validate + compile under 1 s. Load average when measured: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores; CPU time is shown because other work on a shared machine inflates wall time.`,
    ].join('\n');
    return { markdown, command: 'npm run bench -- --only workflow-scale' };
  },
};
