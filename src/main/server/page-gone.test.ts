/**
 * A page that goes away (a reload, a closed tab) while a free run floods its socket: its close
 * frame ends the session at once, so the run it drove is paused, although the server's answer to
 * that frame is stuck behind what is already queued for the page. Real web server, real store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { Host } from '../host/host';
import { HostLog } from '../host/log';
import { helloed, request } from '../host/test-helpers';
import { openStore } from '../store';
import { startWebServer } from './server';
import type { WebServer } from './server';

const dataDir = mkdtempSync(join(tmpdir(), 'csp-page-gone-'));
const store = openStore({ dataDir, role: 'cli' });
const host = new Host({ mode: 'web', dataDir, version: '0.0.0-test', store, log: new HostLog(() => new Date(0)) });
let server: WebServer;

beforeAll(async () => {
  writeFileSync(join(dataDir, 'index.html'), '<!doctype html><title>studio</title>');
  server = await startWebServer({ host, rendererDir: dataDir, token: 'test-token-0123456789' });
});
afterAll(async () => {
  await host.services.runs.stopAll();
  await server.close();
  store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Never stops by itself: a free run of it goes on to maxSteps. */
const TICKS = 'channel tick\nP = tick -> P\nSYSTEM = P\n';

const until = async (ok: () => boolean | Promise<boolean>, what: string): Promise<void> => {
  const deadline = Date.now() + 60_000;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(what);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('web server: a page that goes away during a free run', () => {
  it('ends its session at its close frame, and the run it drove is paused', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, {
      headers: { Cookie: `csp_token=${server.token}`, Origin: `http://127.0.0.1:${server.port}` },
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const replies = new Map<number, { type: string; payload: Record<string, unknown> }>();
    let events = 0;
    ws.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString()) as { id?: number; type: string; payload: Record<string, unknown> };
      if (m.type === 'event') events++;
      else if (m.id !== undefined) replies.set(m.id, m);
    });
    const call = async (id: number, type: string, payload: unknown): Promise<Record<string, unknown>> => {
      ws.send(JSON.stringify({ v: 1, id, type, payload }));
      await until(() => replies.has(id), `no answer to ${type}`);
      const reply = replies.get(id)!;
      expect(reply, type).toMatchObject({ type: 'result' });
      return reply.payload;
    };
    await call(1, 'hello', { protocol: '1.0' });
    const { runId } = (await call(2, 'run.start', { text: TICKS, name: 'ticks.csp', seed: 1 })) as { runId: string };
    await call(3, 'subscribe', { stream: 'run.events', runId, sinceSeq: 0, credit: 10_000 });
    ws.send(JSON.stringify({ v: 1, id: 4, type: 'run.continue', payload: { runId, maxSteps: 1_000_000_000 } }));
    await until(() => events > 3, 'the run sent no events');
    ws.pause(); // the page stops reading, so the server's sends back up behind it…
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    ws.close(); // …and then says goodbye: its close frame still goes out

    const watcher = await helloed(host);
    const seqNow = async (): Promise<number> =>
      ((await request(watcher, 'run.state', { runId })).payload as { seq: number }).seq;
    // Paused: the run stands still (without the fix it runs on towards a billion steps).
    await until(async () => {
      const a = await seqNow();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return (await seqNow()) === a;
    }, 'the run went on after its page closed');
    // …and it did so while the goodbye was still under way: this page reads nothing, so its socket
    // stays CLOSING until its own 30 s close timer. Before, the session lasted until then (the
    // socket's 'close'), and the run ran on all that time.
    expect(ws.readyState).toBe(WebSocket.CLOSING);
    ws.terminate();
  }, 120_000);
});
