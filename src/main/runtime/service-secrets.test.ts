/**
 * Secrets kept by the app reach a run (an HTTP header names one) through a
 * real host, store and worker thread, and never come back out: not in the
 * streamed steps, not in the host log, not in the stored run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Host } from '../host/host';
import { HostLog } from '../host/log';
import { helloed, request } from '../host/test-helpers';
import { openStore } from '../store';
import { storePath } from '../store/paths';

const SECRET = 'stored-canary-7e1b44';
const dataDir = mkdtempSync(join(tmpdir(), 'csp-run-secrets-'));
const store = openStore({ dataDir, role: 'cli' });
store.secrets.set('PARTNER_KEY', SECRET);
const logged: string[] = [];
const hostLog = new HostLog(
  () => new Date(0),
  1000,
  (entry) => logged.push(entry.message),
);
const host = new Host({ mode: 'web', dataDir, version: '0.0.0-test', store, log: hostLog });
let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    // The server echoes the key it got: the echo is what a careless API might do.
    res.end(JSON.stringify({ authorised: req.headers['x-key'] === SECRET, echoed: req.headers['x-key'] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await host.services.runs.stopAll();
  store.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const call = request;

describe('runs and the secrets store', () => {
  it('an HTTP header names a stored secret; the value is used and redacted everywhere it comes back', async () => {
    const file = join(dataDir, 'partner.yaml');
    writeFileSync(
      file,
      `version: 1
name: partner
processes:
  - { id: go, name: Go, kind: inject, ports: [ { name: a, dir: out, type: json } ], config: { once: true } }
  - id: call
    name: Call
    kind: http
    ports: [ { name: a, dir: in, type: json }, { name: res, dir: out, type: json } ]
    config: { url: "http://127.0.0.1:${port}/check", allow: [ "127.0.0.1" ], headers: { x-key: { secret: PARTNER_KEY } } }
  - { id: sink, name: Sink, kind: log, ports: [ { name: res, dir: in, type: json } ] }
edges:
  - { id: e1, from: go.a, to: call.a }
  - { id: e2, from: call.res, to: sink.res }
`,
    );
    const raw = await helloed(host);
    const started = await call(raw, 'run.start', { file, seed: 1 });
    expect(started.type).toBe('result');
    const { runId, storeRunId } = started.payload as { runId: string; storeRunId: number };
    await call(raw, 'subscribe', { stream: 'run.events', runId, sinceSeq: 0, credit: 10_000 });
    const cont = await call(raw, 'run.continue', { runId, maxSteps: 100 });
    // The inject node sent once and now waits for the user: the run stops and says so.
    expect(cont.payload).toMatchObject({
      stop: { reason: 'waiting', waitingFor: [{ process: 'Go', kind: 'inject' }] },
    });
    await call(raw, 'run.stop', { runId });

    const streamed = JSON.stringify(raw.sent.filter((m) => m.type === 'event'));
    expect(streamed).toContain('"authorised":true');
    expect(streamed).toContain('«secret:PARTNER_KEY»');
    expect(streamed).not.toContain(SECRET);
    expect(logged.some((l) => l.includes('«secret:PARTNER_KEY»'))).toBe(true); // the log sink printed the echo
    expect(logged.join('\n')).not.toContain(SECRET);
    const page = store.runs.query.page(storeRunId, {});
    expect(JSON.stringify(page)).toContain('authorised');
    expect(JSON.stringify(page)).not.toContain(SECRET);
    expect(readFileSync(storePath(dataDir)).includes(Buffer.from(SECRET))).toBe(false);
  }, 120_000);
});
