/**
 * Child process for the crash test: opens DATA_DIR as the host, starts a run and
 * writes events in batches as fast as it can, printing "committed <lastSeq>" after
 * each committed batch, until it is killed (or 20 s pass, so it cannot linger).
 */
import { openStore } from '../store';
import { makeEvent } from './events';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: write-run DATA_DIR');
const store = openStore({ dataDir, role: 'host' });
const writer = store.runs.start({ mode: 'free', seed: 7 }, { batchSize: 1000, flushIntervalMs: 0 });
process.stdout.write(`run ${writer.runId}\n`);
const deadline = Date.now() + 20_000;
let seq = 0;
function burst(): void {
  for (let i = 0; i < 1000; i++) writer.append(makeEvent(++seq));
  process.stdout.write(`committed ${seq}\n`);
  if (Date.now() < deadline) setImmediate(burst);
  else process.exit(0);
}
burst();
