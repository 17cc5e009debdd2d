/** run.* with a real store: a stopped run is finished, text-indexed and under the retention caps. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Host } from '../host/host';
import { HostLog } from '../host/log';
import { helloed, request } from '../host/test-helpers';
import { openStore } from '../store';
import { storePath } from '../store/paths';

const dataDir = mkdtempSync(join(tmpdir(), 'csp-run-store-'));
const store = openStore({ dataDir, role: 'cli' });
const host = new Host({ mode: 'web', dataDir, version: '0.0.0-test', store, log: new HostLog(() => new Date(0)) });
afterAll(async () => {
  await host.services.runs.stopAll();
  store.close();
});

const call = request;

describe('run service with a store', () => {
  it('indexes a run for search and applies retention when it stops', async () => {
    const raw = await helloed(host);
    const started = await call(raw, 'run.start', {
      text: 'channel ping : {0..3}\nP = ping?x -> P\nQ = ping!2 -> Q\nSYSTEM = P [| {|ping|} |] Q\n',
      name: 'ping.csp',
      seed: 1,
    });
    expect(started.type).toBe('result');
    const { runId, storeRunId } = started.payload as { runId: string; storeRunId: number };
    expect(typeof storeRunId).toBe('number');
    const cont = await call(raw, 'run.continue', { runId, maxSteps: 40 });
    expect(cont.type).toBe('result');
    expect((await call(raw, 'run.stop', { runId })).payload).toEqual({ ok: true });

    const info = store.runs.get(storeRunId);
    expect(info.status).toBe('finished');
    const db = new Database(storePath(dataDir), { readonly: true });
    const row = db.prepare('SELECT last_seq, text_indexed_upto FROM runs WHERE id = ?').get(storeRunId) as {
      last_seq: number;
      text_indexed_upto: number;
    };
    db.close();
    expect(row.last_seq).toBeGreaterThanOrEqual(40);
    expect(row.text_indexed_upto).toBe(row.last_seq);
    const found = store.runs.search.search(storeRunId, { text: 'ping 2', limit: 5 });
    expect(found.events.length).toBe(5);
  }, 120_000);
});
