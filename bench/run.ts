/**
 * Benchmark runner. `npm run bench` runs every `bench/*.bench.ts` at full size and
 * rewrites its section of docs/benchmarks.md in place (bench/doc-sections.ts: the
 * sections of benchmarks not run this time, and text written by hand around them,
 * are kept). `--smoke` runs tiny sizes and writes nothing; `--only ID` filters.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';
import type { Benchmark } from './types';
import { replaceSections } from './doc-sections';

const here = dirname(fileURLToPath(import.meta.url));
const docPath = join(here, '..', 'docs', 'benchmarks.md');
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1]?.split(',') : undefined;

async function main(): Promise<void> {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  const benches: Benchmark[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(here, f)).href)) as { bench?: Benchmark };
    if (!mod.bench) throw new Error(`bench/${f} does not export "bench"`);
    if (!only || only.includes(mod.bench.id)) benches.push(mod.bench);
  }
  const measured = new Map<string, string>();
  let failed = 0;
  for (const b of benches) {
    const started = performance.now();
    console.log(`\n== ${b.title} (${b.id})${smoke ? ' [smoke]' : ''}`);
    try {
      const result = await b.run({ smoke, log: (line) => console.log(`   ${line}`) });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(result.markdown);
      console.log(`   done in ${seconds}s`);
      if (!smoke) {
        const date = new Date().toISOString().slice(0, 10);
        const body = `## ${b.title}\n\nMeasured ${date} on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}.\nCommand: \`${result.command}\`\n\n${result.markdown.trim()}\n\n`;
        measured.set(b.id, body);
      }
    } catch (error) {
      failed++;
      console.error(`   FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  if (!smoke && measured.size > 0) {
    // Read the file now, not at the start: others may have rewritten it while these ran.
    const latest = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '';
    writeFileSync(docPath, replaceSections(latest, measured));
    console.log(`\nwrote ${docPath}`);
  }
  if (failed > 0) {
    console.error(`${failed} benchmark(s) failed`);
    process.exit(1);
  }
}

await main();
