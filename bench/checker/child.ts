/**
 * One measured run of our checker in its own process (so peak RSS is this
 * run's alone): `tsx bench/checker/child.ts butler|pipeline|one N`.
 * Prints `{ "states": …, "seconds": …, "result": … }` on stdout.
 */
import { checkScript } from '../../src/engine/check/script';
import { butlerScript, ONE_STATE_SCRIPT, pipelineScript } from './models';

const [model, nText] = process.argv.slice(2);
const N = Number(nText ?? '0');
const text = model === 'butler' ? butlerScript(N) : model === 'pipeline' ? pipelineScript(N) : ONE_STATE_SCRIPT;
const report = checkScript(text, { file: `${model}.csp`, budget: { clock: () => performance.now() } });
const a = report.assertions[0];
if (report.errors.length > 0 || a === undefined) {
  process.stderr.write(`bench model ${model} did not check: ${JSON.stringify(report.errors)}\n`);
  process.exit(2);
}
process.stdout.write(JSON.stringify({ states: a.states, seconds: a.seconds, result: a.result }) + '\n');
