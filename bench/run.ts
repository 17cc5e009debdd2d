/**
 * Benchmark runner. `npm run bench` runs every `bench/*.bench.ts` at full size and
 * rewrites its section of docs/benchmarks.md (sections of benchmarks not run this
 * time are kept). `--smoke` runs tiny sizes and writes nothing; `--only ID` filters.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';
import type { Benchmark } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const docPath = join(here, '..', 'docs', 'benchmarks.md');
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1]?.split(',') : undefined;

function sectionMarkers(id: string): [string, string] {
  return [`<!-- bench:${id}:start -->`, `<!-- bench:${id}:end -->`];
}

function readSections(): Map<string, string> {
  const sections = new Map<string, string>();
  if (!existsSync(docPath)) return sections;
  const text = readFileSync(docPath, 'utf8');
  const re = /<!-- bench:([\w-]+):start -->\n([\s\S]*?)<!-- bench:\1:end -->/g;
  for (const m of text.matchAll(re)) sections.set(m[1]!, m[2]!);
  return sections;
}

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
  const sections = readSections();
  const measured = new Set<string>();
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
        sections.set(b.id, body);
        measured.add(b.id);
      }
    } catch (error) {
      failed++;
      console.error(`   FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  if (!smoke) {
    // Other benchmarks may have rewritten the file while these ran (a long run, several people):
    // read it again and replace only the sections measured now.
    const latest = readSections();
    for (const b of benches) {
      const mine = sections.get(b.id);
      if (mine !== undefined && measured.has(b.id)) latest.set(b.id, mine);
    }
    sections.clear();
    for (const [id, text] of latest) sections.set(id, text);
    const header =
      '# Benchmarks\n\nWritten by `npm run bench` (each section by its own benchmark; `npm run bench -- --only ID` reruns one).\nPeers run in the same process run, interleaved, median of the repetitions with the spread.\n\n';
    const body = [...sections.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, text]) => `${sectionMarkers(id)[0]}\n${text}${sectionMarkers(id)[1]}\n`)
      .join('\n');
    writeFileSync(docPath, header + body);
    console.log(`\nwrote ${docPath}`);
  }
  if (failed > 0) {
    console.error(`${failed} benchmark(s) failed`);
    process.exit(1);
  }
}

await main();
