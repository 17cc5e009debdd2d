/**
 * The layout runner for imports (`csp import`, the studio's import): ELK's
 * layered algorithm, run synchronously in this process. ELK ships as a
 * worker script; its in-process "fake worker" answers a layout request at
 * once when its dispatcher is called directly, which keeps importing a
 * synchronous function. ELK is loaded on first use, so commands that never
 * import do not pay for it.
 */
import { createRequire } from 'node:module';
import type { LayoutGraph, LayoutRunner } from '../../engine/workflow';

interface ElkReply {
  readonly data?: { readonly data?: LayoutGraph; readonly error?: unknown };
}
interface FakeWorker {
  onmessage: (reply: ElkReply) => void;
  dispatcher: { saveDispatch(message: { data: unknown }): void };
}

let Worker: (new () => FakeWorker) | undefined;

/** A fake worker with the layered algorithm registered (as ELK's own API does on start). */
function elkWorker(): FakeWorker {
  Worker ??= (createRequire(import.meta.url)('elkjs/lib/elk-worker.js') as { Worker: new () => FakeWorker }).Worker;
  const worker = new Worker();
  worker.onmessage = () => undefined;
  worker.dispatcher.saveDispatch({ data: { cmd: 'register', id: 0, algorithms: ['layered'] } });
  return worker;
}

export const elkLayout: LayoutRunner = (graph) => {
  const worker = elkWorker();
  let reply: ElkReply['data'];
  worker.onmessage = (r) => {
    reply = r.data;
  };
  worker.dispatcher.saveDispatch({ data: { cmd: 'layout', id: 1, graph, layoutOptions: {}, options: {} } });
  if (!reply) throw new Error('ELK layout gave no answer');
  if (reply.error !== undefined || !reply.data) {
    const e = reply.error;
    throw new Error(
      `ELK layout failed: ${e instanceof Error ? e.message : typeof e === 'object' && e !== null && 'message' in e ? String((e as { message: unknown }).message) : String(e)}`,
    );
  }
  return reply.data;
};
