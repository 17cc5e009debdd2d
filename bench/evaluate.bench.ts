/**
 * CSPm evaluation and compilation before any state is explored: a small check
 * over a large datatype (every event of the channel interned, `{| c |}` and
 * `c?x` over all of them) and a script whose output is a recursive function
 * (Fibonacci). Each once took 10–18 s; the target is under 1 s for the whole
 * `checkScript` (parse, type-check, evaluate, check). CPU time is reported
 * too, as the machine may be shared.
 */
import { checkScript } from '../src/engine/check/script';
import type { Benchmark } from './types';

function bigDatatype(values: number): string {
  const hundreds = Math.max(1, Math.round(values / 100));
  return `datatype Big = A.{0..${hundreds - 1}}.{0..99} | B
channel c : Big
channel d, e
P = d -> e -> P
Q = c?x -> Q
SYS = (P [| {| c |} |] Q) \\ {| c |}
assert SYS :[deadlock free]
assert P [T= SYS
`;
}

function fibonacci(n: number): string {
  return `fib(0) = 0
fib(1) = 1
fib(n) = fib(n - 1) + fib(n - 2)
channel out : {0..100}
P = out!(fib(${n}) % 100) -> STOP
assert not P :[deadlock free]
`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

export const bench: Benchmark = {
  id: 'evaluate',
  title: 'CSPm evaluation before the check (large datatype, recursive output)',
  async run({ smoke, log }) {
    const reps = smoke ? 1 : 5;
    const cases = smoke
      ? [
          { name: 'datatype, 1,000 values', text: bigDatatype(1_000) },
          { name: 'fib(15) in an output', text: fibonacci(15) },
        ]
      : [
          { name: 'datatype, 10,000 values', text: bigDatatype(10_000) },
          { name: 'datatype, 100,000 values', text: bigDatatype(100_000) },
          { name: 'fib(22) in an output', text: fibonacci(22) },
        ];
    const rows: string[] = [];
    for (const c of cases) {
      const walls: number[] = [];
      const cpus: number[] = [];
      for (let r = 0; r < reps; r++) {
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        const report = checkScript(c.text, { file: 'bench.csp', budget: { clock: () => performance.now() } });
        walls.push((performance.now() - t0) / 1000);
        const cpu = process.cpuUsage(cpu0);
        cpus.push((cpu.user + cpu.system) / 1e6);
        if (report.errors.length > 0 || report.assertions.some((a) => a.result !== 'passed')) {
          throw new Error(
            `${c.name}: ${report.errors[0]?.message ?? report.assertions.map((a) => a.result).join(', ')}`,
          );
        }
      }
      log(`${c.name}: ${median(walls).toFixed(3)} s`);
      rows.push(`| ${c.name} | ${median(walls).toFixed(3)} | ${median(cpus).toFixed(3)} |`);
    }
    return {
      command: 'npm run bench -- --only evaluate',
      markdown: [
        `Whole \`checkScript\` (parse, type-check, evaluate, check), median of ${reps} runs. Target: under 1 s each.`,
        '',
        '| script | wall (s) | CPU (s) |',
        '| --- | ---: | ---: |',
        ...rows,
      ].join('\n'),
    };
  },
};
