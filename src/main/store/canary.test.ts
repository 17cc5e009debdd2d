/**
 * Canary: plant a secret, use the store the way the app does (settings and workflows
 * refer to it by name; an agent reply echoes the value into a run), then look for the
 * value everywhere the store writes: the database file and its WAL, a backup, run
 * records, check results, the audit ledger, and the CLI's output.
 */
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempStore } from './__fixtures__/temp';
import { makeEvents } from './__fixtures__/events';
import { backupStore } from './backup';

const CANARY = 'sk-canary-7f3a9c1e5b2d4068';
const repo = join(import.meta.dirname, '..', '..', '..');

function csp(args: string[]): string {
  return execFileSync(process.execPath, [join(repo, 'bin', 'csp.mjs'), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('secret canary', () => {
  it('never appears in the database, WAL, backup, run records, ledger or CLI output', async () => {
    const { store, dir } = tempStore();
    store.secrets.set('OPENAI_KEY', CANARY);
    store.settings.set('providers.openai', { endpoint: 'https://llm.example.test', apiKey: { secret: 'OPENAI_KEY' } });
    const v = store.workflows.save({
      path: 'agent.yaml',
      name: 'Agent',
      content: 'version: 1\nname: Agent\nprocesses:\n  - id: a\n    agent: { apiKey: { secret: OPENAI_KEY } }\n',
    }).version;
    const w = store.runs.start({ workflowVersionId: v.id, mode: 'free', seed: 1 }, { flushIntervalMs: 0 });
    w.appendMany(makeEvents(1, 50));
    // An agent echoing the key (prompt injection, a debug print) must not leak it into the record.
    w.append({
      seq: 51,
      kind: 'deliver',
      event: 'reply.Msg',
      channel: 'reply',
      processes: ['a'],
      payload: { text: `my key is ${CANARY}` },
      outside: { headers: { Authorization: `Bearer ${CANARY}` } },
      wallMs: 1,
      virtualTime: 51,
    });
    w.finish({ outcome: 'done' });
    store.checks.record({
      workflowVersionId: v.id,
      assertion: 'SYSTEM :[deadlock free]',
      verdict: 'passed',
      startedAt: 0,
      endedAt: 1,
    });
    store.runs.search.indexPending();

    const record = store.runs.query.page(w.runId, { afterSeq: 50, limit: 1 }).events[0];
    expect(JSON.stringify(record)).toContain('«secret:OPENAI_KEY»');
    expect(JSON.stringify(record)).not.toContain(CANARY);
    expect(store.runs.search.search(w.runId, { text: CANARY }).events).toEqual([]);
    expect(JSON.stringify(store.audit.list(0, 1000))).not.toContain(CANARY);

    const backup = join(dir, 'backup.sqlite');
    await backupStore(store, backup);
    const cliOut = [
      csp(['--data-dir', dir, '--json', 'audit', 'log']),
      csp(['--data-dir', dir, 'audit', 'verify']),
      csp(['--data-dir', dir, '--json', 'backup', join(dir, 'cli-backup.sqlite')]),
    ].join('\n');
    expect(cliOut).toContain('store.backed-up');
    expect(cliOut).not.toContain(CANARY);

    const files = readdirSync(dir).filter((f) => f !== 'secrets.json');
    expect(files).toEqual(expect.arrayContaining(['store.sqlite', 'backup.sqlite', 'cli-backup.sqlite']));
    for (const f of files) {
      const bytes = readFileSync(join(dir, f));
      expect(bytes.includes(Buffer.from(CANARY)), `${f} contains the canary`).toBe(false);
    }
    // The one place the value lives is the 0600 secrets file.
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toContain(CANARY);
  }, 90_000);
});
