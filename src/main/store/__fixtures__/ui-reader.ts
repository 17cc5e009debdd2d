/**
 * The UI's read load for the ingestion benchmark, in its own process with its own
 * connection (as the renderer's host queries would be): in a loop, find the newest
 * run and fetch the tail page, a channel-filtered page and the last minute of per-second counts.
 * Prints "ready", then on stdin end prints one JSON line { queries, medianMs, p95Ms }.
 */
import { openStore } from '../store';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: ui-reader DATA_DIR');
const store = openStore({ dataDir, role: 'cli', busyTimeoutMs: 5000 });
const latencies: number[] = [];
let stop = false;
process.stdin.on('end', () => (stop = true));
process.stdin.resume();
process.stdout.write('ready\n');

function once(): void {
  const runId = store.db.prepare('SELECT max(id) FROM runs').pluck().get() as number | null;
  if (runId !== null) {
    const t0 = performance.now();
    const last = store.runs.query.lastSeq(runId);
    store.runs.query.page(runId, { beforeSeq: last + 1, limit: 100 });
    store.runs.query.page(runId, { channel: 'ch3', beforeSeq: last + 1, limit: 100 });
    // The live rate chart shows the last minute, as the UI does.
    const run = store.runs.get(runId);
    const lastSecond = Math.floor((Date.now() - run.startedAt) / 1000);
    store.runs.query.channelSeconds(runId, { from: Math.max(0, lastSecond - 60), to: lastSecond });
    latencies.push(performance.now() - t0);
  }
}

function loop(): void {
  if (stop) {
    latencies.sort((a, b) => a - b);
    const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    process.stdout.write(`${JSON.stringify({ queries: latencies.length, medianMs: at(0.5), p95Ms: at(0.95) })}\n`);
    store.close();
    return;
  }
  once();
  // A UI refreshes a few times a second, not in a hot loop: 20 refreshes/s.
  setTimeout(loop, 50);
}
loop();
