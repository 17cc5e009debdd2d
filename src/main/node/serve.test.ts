/**
 * A real `csp serve` child process on 127.0.0.1, driven as a studio would:
 * attach with a token, deploy a workflow, run it, stream its trace through a
 * connection that is cut mid-run (and attached again from another client),
 * check a script, read /health and /metrics; and what must be refused:
 * a viewer starting a run, wrong tokens (then rate-limited), malformed and
 * oversized messages (the node keeps serving the others).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunEvent, RunStep } from '../../shared/protocol/methods/run';
import { RemoteNode } from './client/remote-node';
import type { NodeStatus } from './client/remote-node';
import { csp, makeToken, serve } from './__fixtures__/serve-child';
import type { ServeChild } from './__fixtures__/serve-child';
import { exchange, httpGet, parsePrometheus, rawSocket, sum, tcpProxy } from './__fixtures__/tools';

const dataDir = mkdtempSync(join(tmpdir(), 'csp-serve-'));
const tokens: Record<'admin' | 'operator' | 'viewer', string> = { admin: '', operator: '', viewer: '' };
let node: ServeChild;
const attached: RemoteNode[] = [];

const LOOP = 'channel a, b\nP = a -> b -> P\nSYSTEM = P\n';
const STEPS = 60_000;

function attach(url: string, token: string, onStatus?: (s: NodeStatus) => void): RemoteNode {
  const n = new RemoteNode({
    url,
    token,
    backoff: { initialMs: 50, maxMs: 400 },
    ...(onStatus !== undefined ? { onStatus } : {}),
  });
  attached.push(n);
  return n;
}

function until(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const start = Date.now();
  return new Promise((done, fail) => {
    const poll = (): void => {
      if (condition()) return done();
      if (Date.now() - start > ms) return fail(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 20);
    };
    poll();
  });
}

beforeAll(async () => {
  tokens.admin = await makeToken(dataDir, 'root', 'admin');
  tokens.operator = await makeToken(dataDir, 'ci', 'operator');
  tokens.viewer = await makeToken(dataDir, 'dashboard', 'viewer');
  node = await serve(dataDir, ['--quiet']);
}, 120_000);

afterAll(async () => {
  for (const n of attached) n.close();
  const code = await node.stop();
  expect(code, node.stderr()).toBe(0);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('csp serve: a node as a studio uses it', () => {
  it('attaches with a token, says who it is, and answers /health', async () => {
    const n = attach(node.url, tokens.operator);
    const hello = await n.start();
    expect(hello.host.mode).toBe('remote');
    const health = await n.health();
    expect(health).toMatchObject({
      status: 'ok',
      mode: 'remote',
      protocol: hello.protocol,
      runs: { active: 0 },
      tls: false,
    });
    expect(health.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(health.load.cpus).toBeGreaterThan(0);
  });

  it('deploys a workflow, runs it, and streams the whole trace across a cut connection and a second client', async () => {
    const proxy = await tcpProxy(node.port);
    const statuses: string[] = [];
    const a = attach(`ws://127.0.0.1:${proxy.port}/ws`, tokens.operator, (s) => statuses.push(s.state));
    await a.start();
    const yaml = readFileSync(
      resolve(import.meta.dirname, '../../../resources/examples/dining-philosophers-butler.yaml'),
      'utf8',
    );
    const deployed = await a.request('workflows.import', { text: yaml, format: 'yaml', fileName: 'butler.yaml' });
    expect(deployed.ok).toBe(true);
    const listed = await a.request('workflows.list', {});
    expect(listed.workflows.map((w) => w.name)).toContain('Dining philosophers with a butler');
    const started = await a.request('run.start', { text: LOOP, name: 'loop.csp' });

    const seqsA: number[] = [];
    const steps = new Map<number, number>();
    let stopped: RunEvent | undefined;
    const onEvent =
      (into: number[]) =>
      (e: RunEvent, seq: number): void => {
        into.push(seq);
        if (e.type === 'steps') for (const s of e.steps as RunStep[]) steps.set(s.seq, (steps.get(s.seq) ?? 0) + 1);
        if (e.type === 'stopped') stopped = e;
      };
    const subA = await a.subscribe('run.events', { runId: started.runId, onEvent: onEvent(seqsA) });
    // The free run goes on in the node's worker whatever happens to this call's connection.
    void a.request('run.continue', { runId: started.runId, maxSteps: STEPS }).catch(() => undefined);
    await until(() => steps.size > 0, 'the first steps');
    proxy.cut();
    await until(() => statuses.includes('offline'), 'the client to notice the cut');
    await until(() => a.online, 'the client to reconnect by itself');
    await until(() => stopped !== undefined, 'the end of the free run', 60_000);
    expect(statuses).toEqual(expect.arrayContaining(['connecting', 'online', 'offline']));
    // Nothing lost, nothing twice: every step 1..STEPS exactly once, and stream seqs strictly increasing.
    expect(steps.size).toBe(STEPS);
    expect([...steps.entries()].every(([seq, n]) => n === 1 && seq >= 1 && seq <= STEPS)).toBe(true);
    expect(seqsA.every((s, i) => i === 0 || s > seqsA[i - 1]!)).toBe(true);

    // Another studio attaches later and asks for what came after a seq it holds: exactly the rest.
    const half = seqsA[Math.floor(seqsA.length / 2)]!;
    const b = attach(node.url, tokens.viewer);
    await b.start();
    const seqsB: number[] = [];
    const subB = await b.subscribe('run.events', {
      runId: started.runId,
      sinceSeq: half,
      onEvent: (_e, seq) => seqsB.push(seq),
    });
    await until(
      () => seqsB.length > 0 && seqsB[seqsB.length - 1] === seqsA[seqsA.length - 1],
      'the second client to catch up',
    );
    expect(seqsB).toEqual(seqsA.filter((s) => s > half));
    await subA.close();
    await subB.close();
    expect((await a.request('run.stop', { runId: started.runId })).ok).toBe(true);
    await proxy.close();
  }, 120_000);

  it('checks a script remotely and streams the check to its end', async () => {
    const n = attach(node.url, tokens.operator);
    await n.start();
    const { checkId } = await n.request('check.run', {
      text: `${LOOP}assert SYSTEM :[deadlock free [F]]\n`,
      name: 'loop.csp',
    });
    let done: { status: string; passed: number } | undefined;
    await n.subscribe('check.events', { runId: checkId, onEvent: (e) => (e.type === 'done' ? (done = e) : undefined) });
    await until(() => done !== undefined, 'the check to finish');
    expect(done).toMatchObject({ status: 'done', passed: 1 });
  });

  it('lets a viewer read but not run, and keeps node files to admins', async () => {
    const n = attach(node.url, tokens.viewer);
    await n.start();
    expect((await n.request('workflows.list', {})).workflows.length).toBeGreaterThan(0);
    await expect(n.request('run.start', { text: LOOP, name: 'loop.csp' })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('run.start needs the operator role'),
    });
    await expect(n.request('check.assertions', { file: '/etc/passwd' })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('names a file on the node'),
    });
    const op = attach(node.url, tokens.operator);
    await op.start();
    await expect(
      op.request('check.assertions', { text: 'include "/etc/passwd"\n', name: 'x.csp' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses malformed and oversized messages, and keeps serving other clients', async () => {
    const headers = { Authorization: `Bearer ${tokens.operator}` };
    const bystander = await rawSocket(node.port, headers);
    expect(
      (await exchange(bystander, JSON.stringify({ v: 1, id: 1, type: 'hello', payload: { protocol: '1.0' } }))).type,
    ).toBe('result');
    const ws = await rawSocket(node.port, headers);
    expect((await exchange(ws, 'this is not JSON')).payload).toMatchObject({
      code: 'bad_message',
      message: expect.stringMatching(/not valid JSON/),
    });
    expect(
      (await exchange(ws, JSON.stringify({ v: 1, id: 2, type: 'hello', payload: { protocol: 7 } }))).payload,
    ).toMatchObject({ code: 'invalid_params', message: expect.stringContaining('payload.protocol') });
    const big = JSON.stringify({ v: 1, id: 3, type: 'ping', payload: { pad: 'x'.repeat(1_200_000) } });
    expect((await exchange(ws, big)).payload).toMatchObject({ code: 'too_large' });
    const reply = await exchange(ws, JSON.stringify({ v: 1, id: 4, type: 'ping', payload: {} }));
    expect(reply).toMatchObject({ id: 4, type: 'error', payload: { code: 'hello_required' } });
    // Past the hard frame limit the socket is dropped without the node buffering it.
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send('x'.repeat(5 * 1024 * 1024));
    expect(await closed).toBe(1009);
    expect(await exchange(bystander, JSON.stringify({ v: 1, id: 5, type: 'ping', payload: {} }))).toMatchObject({
      id: 5,
      type: 'result',
      payload: { pong: true },
    });
    bystander.close();
  });

  it('answers /metrics in Prometheus text whose counters match what ran', async () => {
    const auth = { Authorization: `Bearer ${tokens.viewer}` };
    expect((await httpGet(node.port, '/metrics')).status).toBe(401);
    const reply = await httpGet(node.port, '/metrics', auth);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parsePrometheus(reply.body);
    expect(samples.every((s) => s.name.startsWith('csp_'))).toBe(true);
    expect(sum(samples, 'csp_runs_started_total')).toBe(1);
    expect(
      sum(samples, 'csp_runs_finished_total', { outcome: 'step-limit' }) +
        sum(samples, 'csp_runs_finished_total', { outcome: 'stopped' }),
    ).toBe(1);
    expect(sum(samples, 'csp_events_total', { channel: 'a' })).toBe(STEPS / 2);
    expect(sum(samples, 'csp_events_total', { channel: 'b' })).toBe(STEPS / 2);
    expect(sum(samples, 'csp_checks_finished_total', { status: 'done' })).toBe(1);
    expect(sum(samples, 'csp_protocol_errors_total', { code: 'forbidden' })).toBe(3);
    expect(sum(samples, 'csp_protocol_errors_total', { code: 'too_large' })).toBe(1);
    expect(sum(samples, 'csp_protocol_connections_total')).toBeGreaterThanOrEqual(6);
    expect(sum(samples, 'csp_store_write_seconds_count')).toBeGreaterThan(0);
  });

  it('writes every remote action to the audit ledger, and the ledger verifies', async () => {
    const log = await csp(['--data-dir', dataDir, '--json', 'audit', 'log', '--limit', '1000']);
    expect(log.code).toBe(0);
    const entries = JSON.parse(log.stdout) as {
      actor: string;
      action: string;
      subject: string;
      details: { ok?: boolean };
    }[];
    const actions = entries.map((e) => `${e.actor} ${e.action}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'token:ci remote.attached',
        'token:ci remote.workflows.import',
        'token:ci remote.run.start',
        'token:ci remote.run.continue',
        'token:ci remote.run.stop',
        'token:ci remote.check.run',
        'token:dashboard remote.forbidden',
      ]),
    );
    expect(actions).not.toContain('token:dashboard remote.workflows.list'); // reads are not written one by one
    expect((await csp(['--data-dir', dataDir, 'audit', 'verify'])).code).toBe(0);
  });

  it('closes the connections of a revoked token', async () => {
    const temp = await makeToken(dataDir, 'temp', 'operator');
    const n = attach(node.url, temp);
    const states: string[] = [];
    const watched = attach(node.url, temp, (s) => states.push(s.state));
    await n.start();
    await watched.start();
    expect((await csp(['--data-dir', dataDir, 'tokens', 'revoke', 'temp'])).code).toBe(0);
    // Within seconds the node closes both connections (it looks every 2 s); on reconnecting the clients
    // are refused for good. The default 20 s bound leaves room for a loaded machine.
    await until(() => states.includes('failed'), 'the revoked client to give up (401 on reconnect)');
    expect(watched.status).toMatchObject({ state: 'failed', code: 'unauthorized' });
    await expect(n.request('host.info', {})).rejects.toMatchObject({ code: 'unavailable' });
  }, 60_000);
});

describe('csp serve: sign-in and listen policy', () => {
  it('refuses wrong tokens, then rate-limits the address (even its good token) with Retry-After', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-serve-lock-'));
    const good = await makeToken(dir, 'ok', 'viewer');
    const other = await serve(dir, ['--quiet']);
    try {
      const wrong = { Authorization: 'Bearer cspn_wrong' };
      await expect(rawSocket(other.port, wrong)).rejects.toThrow(/^HTTP 401: the token is not known to this node/);
      await expect(rawSocket(other.port, {})).rejects.toThrow(/^HTTP 401: no token/);
      for (let i = 0; i < 8; i++) expect((await httpGet(other.port, '/health', wrong)).status).toBe(401);
      const locked = await httpGet(other.port, '/health', { Authorization: `Bearer ${good}` });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      await expect(rawSocket(other.port, { Authorization: `Bearer ${good}` })).rejects.toThrow(
        /^HTTP 429: too many failed sign-ins/,
      );
    } finally {
      expect(await other.stop()).toBe(0);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses a foreign Host or Origin even with a good token', async () => {
    const auth = { Authorization: `Bearer ${tokens.viewer}` };
    expect((await httpGet(node.port, '/health', { ...auth, Host: `evil.example:${node.port}` })).status).toBe(403);
    await expect(rawSocket(node.port, { ...auth, Origin: 'http://evil.example' })).rejects.toThrow(
      /^HTTP 403: Origin http:\/\/evil.example may not use this node/,
    );
  });

  it('refuses a non-loopback listen without tokens, and without TLS; --insecure-no-tls warns at every start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-serve-policy-'));
    try {
      const noTokens = await csp(['--data-dir', dir, 'serve', '--host', '0.0.0.0', '--port', '0']);
      expect(noTokens.code).toBe(2);
      expect(noTokens.stderr).toContain('has no access tokens; make one first with: csp tokens create');
      await makeToken(dir, 'ok', 'admin');
      const noTls = await csp(['--data-dir', dir, 'serve', '--host', '0.0.0.0', '--port', '0']);
      expect(noTls.code).toBe(2);
      expect(noTls.stderr).toContain('without TLS: give --tls-cert FILE --tls-key FILE, or --insecure-no-tls');
      expect(noTls.stderr).not.toMatch(/\n\s+at /);
      const bad = await csp([
        '--data-dir',
        dir,
        'serve',
        '--tls-cert',
        join(dir, 'missing.pem'),
        '--tls-key',
        join(dir, 'missing.pem'),
      ]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--tls-cert');
      const insecure = await serve(dir, ['--insecure-no-tls', '--quiet']);
      expect(await insecure.stop()).toBe(0);
      expect(insecure.stderr()).toContain('WARNING: --insecure-no-tls');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('prints a token for the launch of a loopback node without stored tokens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-serve-launch-'));
    const local = await serve(dir, ['--quiet']);
    try {
      expect(local.token).toMatch(/^cspn_[\w-]{43}$/);
      const n = attach(local.url, local.token!);
      await n.start();
      expect((await n.request('host.info', {})).mode).toBe('remote');
    } finally {
      expect(await local.stop()).toBe(0);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
