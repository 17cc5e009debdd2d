/**
 * The one source reader through its users: check.assertions and check.run
 * (built-in checks, workflow text), run.start (workflow text, structured
 * errors), over a real host, worker threads and the in-process client.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProtocolClient, ProtocolError } from '../../shared/protocol';
import type { CheckEvent } from '../../shared/protocol/methods/check';
import { connectInProcess } from '../host/in-process';
import { testHost } from '../host/test-helpers';
import { EXAMPLES_DIR } from '../workflows/examples';
import { readSource } from './reader';

const host = testHost();
const dir = mkdtempSync(join(tmpdir(), 'csp-source-'));
afterAll(async () => {
  host.close();
  await host.services.runs.stopAll();
  rmSync(dir, { recursive: true, force: true });
});

async function client(): Promise<ProtocolClient> {
  const c = new ProtocolClient(connectInProcess(host).client);
  await c.hello();
  return c;
}

const triage = readFileSync(join(EXAMPLES_DIR, 'hospital-triage.yaml'), 'utf8');
const withoutAssertions = (yaml: string): string => yaml.replace(/\nassertions:\n( {2}- .*\n)+/, '\n');

/** Runs a check to its end and returns its assertion reports. */
async function checkAll(
  c: ProtocolClient,
  params: Parameters<ProtocolClient['request']>[1] & object,
): Promise<Extract<CheckEvent, { type: 'assertion' }>['report'][]> {
  const started = await c.request('check.run', params as never);
  const reports: Extract<CheckEvent, { type: 'assertion' }>['report'][] = [];
  await new Promise<void>((resolve) => {
    void c.subscribe('check.events', {
      runId: started.checkId,
      onEvent: (e) => {
        if (e.type === 'assertion') reports.push(e.report);
        if (e.type === 'done') resolve();
      },
    });
  });
  return reports;
}

describe('readSource', () => {
  it('reads by extension, places workflow errors in the YAML, and reports unreadable files as diagnostics', () => {
    const ok = readSource({ text: triage, name: 'triage.yaml' });
    expect(ok).toMatchObject({ ok: true, kind: 'workflow', file: 'triage.yaml' });
    if (ok.ok) expect(ok.text).toContain('SYSTEM =');
    const bad = readSource({ text: triage.replace('discharge -> GP', 'discharge -> Gp'), name: 'triage.yaml' });
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics).toEqual([
      expect.objectContaining({
        code: 'WF3005',
        path: 'processes[3].behaviour',
        span: expect.objectContaining({ file: 'triage.yaml', line: 49 }) as unknown,
      }),
    ]);
    const missing = readSource({ file: join(dir, 'nope.csp') });
    expect(missing.diagnostics).toEqual([expect.objectContaining({ code: 'SRC1001', message: 'no such file' })]);
    const script = readSource({ text: 'channel a\nP = a -> P\n', name: 'p.csp' });
    expect(script).toMatchObject({ ok: true, kind: 'cspm', text: 'channel a\nP = a -> P\n', assumptions: [] });
  });
});

describe('check.assertions and built-in checks over the protocol', () => {
  it('lists own assertions with their YAML places, then the built-ins with the contract places', async () => {
    const c = await client();
    const listed = await c.request('check.assertions', { text: triage, name: 'triage.yaml' });
    expect(listed.builtinsByDefault).toBe(false);
    expect(listed.diagnostics).toEqual([]);
    expect(listed.assertions.map((a) => [a.index, a.text, a.builtin?.kind ?? 'own'])).toEqual([
      [1, 'SYSTEM :[deadlock free [F]]', 'own'],
      [2, 'SYSTEM :[divergence free]', 'own'],
      [3, 'not SYSTEM :[has trace]: <waiting.Minor, waiting_out.Minor, critical.Minor>', 'own'],
      [4, 'SYSTEM :[deadlock free [F]]', 'deadlock'],
      [5, 'SYSTEM :[divergence free]', 'divergence'],
      [6, 'Triage :[divergence free]', 'contract'],
    ]);
    expect(listed.assertions[0]).toMatchObject({ file: 'triage.yaml', path: 'assertions[0].text', line: 55 });
    expect(listed.assertions[5]).toMatchObject({
      builtin: { kind: 'contract', node: 'triage' },
      path: 'processes[1].contract',
      line: 34,
    });
    const bare = await c.request('check.assertions', { text: withoutAssertions(triage), name: 'triage.yaml' });
    expect(bare.builtinsByDefault).toBe(true);
    expect(bare.assertions.map((a) => a.index)).toEqual([1, 2, 3]);
    c.close();
  });

  it('check.run of a workflow text without assertions checks the built-ins and marks them', async () => {
    const c = await client();
    const reports = await checkAll(c, { text: withoutAssertions(triage), name: 'triage.yaml' });
    expect(reports.map((r) => [r.index, r.result, r.builtin])).toEqual([
      [1, 'passed', { kind: 'deadlock' }],
      [2, 'passed', { kind: 'divergence' }],
      [3, 'passed', { kind: 'contract', node: 'triage' }],
    ]);
    // With its own assertions, one built-in can still be run by its number.
    const one = await checkAll(c, { text: triage, name: 'triage.yaml', assertion: 6 });
    expect(one.map((r) => [r.index, r.text, r.builtin?.kind])).toEqual([[6, 'Triage :[divergence free]', 'contract']]);
    c.close();
  }, 120_000);

  it('a broken workflow text gives structured errors, nothing is checked', async () => {
    const c = await client();
    const started = await c.request('check.run', {
      text: triage.replace('discharge -> GP', 'discharge -> Gp'),
      name: 'triage.yaml',
    });
    expect(started.assertions).toEqual([]);
    expect(started.errors).toEqual([expect.objectContaining({ code: 'WF3005', file: 'triage.yaml', line: 49 })]);
    expect(started.diagnostics).toEqual([
      expect.objectContaining({ code: 'WF3005', path: 'processes[3].behaviour', line: 49 }),
    ]);
    expect((await c.request('check.result', { checkId: started.checkId })).status).toBe('failed');
    c.close();
  });
});

describe('run.start through the reader', () => {
  it('runs a workflow given as text, and refuses a broken one with its diagnostics as data', async () => {
    const c = await client();
    const butler = readFileSync(join(EXAMPLES_DIR, 'dining-philosophers-butler.yaml'), 'utf8');
    const started = await c.request('run.start', { text: butler, name: 'butler.yaml', seed: 3 });
    expect(started.enabled.length).toBeGreaterThan(0);
    await c.request('run.stop', { runId: started.runId });
    const failure = await c
      .request('run.start', { text: butler.replace('-> Fork(j)', '-> Fork(k)'), name: 'butler.yaml' })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ProtocolError);
    const e = failure as ProtocolError;
    expect(e.code).toBe('invalid_params');
    expect(e.message).toMatch(
      /^butler\.yaml cannot be run: 1 error; the first at butler\.yaml:\d+:\d+: CSP2001 undefined name 'k'/,
    );
    expect(e.details).toEqual({
      diagnostics: [expect.objectContaining({ code: 'WF3005', file: 'butler.yaml', path: 'processes[1].behaviour' })],
    });
    const syntax = (await c
      .request('run.start', { text: 'channel a\nP = a ->\n', name: 'p.csp' })
      .catch((x: unknown) => x)) as ProtocolError;
    expect(syntax.details).toEqual({
      diagnostics: [expect.objectContaining({ code: 'CSP1004', file: 'p.csp', line: 3 })],
    });
    c.close();
  }, 60_000);

  it('a file that does not exist is a diagnostic too', async () => {
    const c = await client();
    const file = join(dir, 'gone.yaml');
    writeFileSync(file, 'x');
    rmSync(file);
    const e = (await c.request('run.start', { file }).catch((x: unknown) => x)) as ProtocolError;
    expect(e.details).toEqual({ diagnostics: [expect.objectContaining({ code: 'SRC1001', message: 'no such file' })] });
    c.close();
  }, 60_000);
});
