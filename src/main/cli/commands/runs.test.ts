/**
 * `csp runs` as a user runs it: real `csp` processes against a temp data folder that
 * `csp run` filled. The tests run in order over one store: list and show first, then
 * pin, retention and delete change it.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store';
import type { RunInfo, StoredRunEvent } from '../../store';

const root = join(__dirname, '../../../..');
const csp = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/csp.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

const PHILOSOPHERS = ['resources/examples/dining-philosophers-butler.yaml', '--steps', '30'];
const SENSORS = ['resources/examples/sensor-alerts.yaml', '--steps', '20', '--inject', 'operator'];

interface ShowJson {
  run: RunInfo;
  events: StoredRunEvent[];
  next: number | null;
}

// Each test spawns several `csp` processes (about half a second each); allow for a loaded machine.
describe('csp runs', { timeout: 120_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'csp-runs-'));
  const runs = (...args: string[]) => csp('--data-dir', dataDir, 'runs', ...args);
  const json = <T>(...args: string[]): T => {
    const r = csp('--data-dir', dataDir, '--json', 'runs', ...args);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as T;
  };
  const auditActions = (): { action: string; subject: string }[] =>
    JSON.parse(csp('--data-dir', dataDir, '--json', 'audit', 'log', '--limit', '1000').stdout) as {
      action: string;
      subject: string;
    }[];
  let philosophers = 0;
  let sensors = 0;

  beforeAll(() => {
    const record = (args: string[]): number => {
      const r = csp('--data-dir', dataDir, '--json', 'run', ...args);
      expect(r.status, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { runId: number }).runId;
    };
    philosophers = record(PHILOSOPHERS);
    sensors = record(SENSORS);
  }, 120_000);

  it('list: newest first, with label, mode, outcome, steps and size', () => {
    const text = runs('list');
    expect(text.status).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+started\s+label\s+mode\s+status\s+steps\s+size\s+pinned$/);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${sensors}\\s+\\d{4}-\\d\\d-\\d\\dT\\S+Z\\s+resources/examples/sensor-alerts\\.yaml\\s+free\\s+finished/step-limit\\s+20\\s+[\\d.]+ k?B$`,
      ),
    );
    expect(lines[2]).toContain('dining-philosophers-butler.yaml');
    const list = json<RunInfo[]>('list');
    expect(list.map((r) => [r.id, r.eventCount, r.outcome])).toEqual([
      [sensors, 20, 'step-limit'],
      [philosophers, 30, 'step-limit'],
    ]);
    expect(list[0]!.bytes).toBeGreaterThan(0);
    expect(json<RunInfo[]>('list', '--limit', '1').map((r) => r.id)).toEqual([sensors]);
    expect(json<RunInfo[]>('list', '--before', String(sensors)).map((r) => r.id)).toEqual([philosophers]);
  });

  it('show: the header, then the events exactly as csp run printed them', () => {
    for (const [id, args] of [
      [sensors, SENSORS],
      [philosophers, PHILOSOPHERS],
    ] as const) {
      const shown = runs('show', String(id));
      expect(shown.status).toBe(0);
      const [header, times, ...events] = shown.stdout.trimEnd().split('\n');
      expect(header).toMatch(
        new RegExp(`^run ${id}  resources/examples/\\S+\\.yaml  free  seed 1  finished/step-limit  \\{"seq":\\d+\\}$`),
      );
      expect(times).toMatch(/^started \S+Z {2}ended \S+Z {2}\d+ events {2}[\d.]+ k?B$/);
      const original = csp('run', ...args, '--no-record')
        .stdout.trimEnd()
        .split('\n')
        .slice(0, -1);
      expect(events).toEqual(original);
    }
  });

  it('show: paging, channel and process filters, --search, and --json', () => {
    const page = json<ShowJson>('show', String(sensors), '--after', '5', '--limit', '5');
    expect(page.run.id).toBe(sensors);
    expect(page.events.map((e) => e.seq)).toEqual([6, 7, 8, 9, 10]);
    expect(page.next).toBe(10);
    expect(runs('show', String(sensors), '--limit', '5').stdout).toContain('(more: --after 5)');

    const ticks = json<ShowJson>('show', String(sensors), '--channel', 'ticks');
    expect(ticks.events.length).toBeGreaterThan(1);
    expect(ticks.events.every((e) => e.channel === 'ticks')).toBe(true);
    const clock = json<ShowJson>('show', String(sensors), '--process', 'Clock');
    expect(clock.events.length).toBeGreaterThan(ticks.events.length - 1);
    expect(clock.events.every((e) => e.processes.includes('Clock'))).toBe(true);
    expect(json<ShowJson>('show', String(sensors), '--channel', 'no_such_channel').events).toEqual([]);

    const found = json<ShowJson>('show', String(sensors), '--search', 'MANUAL');
    expect(found.events.length).toBeGreaterThan(0);
    expect(found.events.every((e) => /manual/i.test(e.event + JSON.stringify(e.payload)))).toBe(true);
    const text = runs('show', String(sensors), '--search', 'manual').stdout.split('\n').slice(2, -1);
    expect(text).toHaveLength(found.events.length);
    expect(text.every((line) => line.includes('"manual":true'))).toBe(true);
    expect(runs('show', String(sensors), '--search', 'no such words here').stdout).toContain('(no events match)');

    const both = runs('show', String(sensors), '--search', 'manual', '--channel', 'ticks');
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--search cannot be combined with --channel');
  });

  it('pin and unpin', () => {
    expect(runs('pin', String(philosophers)).stdout).toBe(`run ${philosophers} pinned\n`);
    expect(json<RunInfo[]>('list').find((r) => r.id === philosophers)?.pinned).toBe(true);
    expect(runs('list').stdout).toMatch(new RegExp(`^${philosophers} .*pinned$`, 'm'));
    expect(json<RunInfo>('unpin', String(philosophers)).pinned).toBe(false);
    expect(json<RunInfo>('pin', String(philosophers)).pinned).toBe(true);
  });

  it('usage: files, totals, largest runs and the policy', () => {
    const text = runs('usage').stdout;
    expect(text).toContain(join(dataDir, 'store.sqlite'));
    expect(text).toMatch(/runs: 2 \(1 pinned\), 50 events, about [\d.]+ k?B/);
    expect(text).toMatch(new RegExp(`largest runs:\\n {2}(${philosophers}|${sensors}) `));
    expect(text).toContain('retention: max bytes none, max age none');
    const usage = json<{
      runs: { count: number; events: number; pinned: number };
      files: { bytes: number }[];
      retention: object;
    }>('usage');
    expect(usage.runs).toMatchObject({ count: 2, events: 50, pinned: 1 });
    expect(usage.files[0]!.bytes).toBeGreaterThan(0);
    expect(usage.retention).toEqual({});
  });

  it('retention: set (audited), apply keeps the pinned run, reset', () => {
    expect(runs('retention', '--max-bytes', '2MB', '--max-age-days', '30').stdout).toBe(
      'retention: max bytes 2.0 MB, max age 30 days\n',
    );
    expect(auditActions()).toContainEqual(
      expect.objectContaining({ action: 'settings.changed', subject: 'setting:retention' }),
    );
    // Setting one cap keeps the other.
    const applied = json<{ policy: object; applied: { deletedRuns: number[]; freedBytes: number } }>(
      'retention',
      '--max-bytes',
      '0',
      '--apply',
    );
    expect(applied.policy).toEqual({ maxBytes: 0, maxAgeDays: 30 });
    expect(applied.applied.deletedRuns).toEqual([sensors]);
    expect(applied.applied.freedBytes).toBeGreaterThan(0);
    expect(json<RunInfo[]>('list').map((r) => r.id)).toEqual([philosophers]);
    expect(runs('retention', '--apply').stdout).toContain('deleted 0 run(s), freed about 0 B');
    expect(json<{ policy: object }>('retention', '--max-bytes', 'none', '--max-age-days', 'none').policy).toEqual({
      maxBytes: null,
      maxAgeDays: null,
    });
  });

  it('delete: removes the run and its events, audited; a second delete finds nothing', () => {
    const r = runs('delete', String(philosophers));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^deleted run ${philosophers} \\(30 events, [\\d.]+ k?B\\)\\n$`));
    expect(json<RunInfo[]>('list')).toEqual([]);
    expect(runs('list').stdout).toBe('(no runs recorded)\n');
    expect(auditActions()).toContainEqual(
      expect.objectContaining({ action: 'run.deleted', subject: `run:${philosophers}` }),
    );
    const again = runs('delete', String(philosophers));
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`run ${philosophers} not found`);
  });

  it('bad input: unknown id exits 1; a non-numeric id, a bad size or limit exit 2 naming the option', () => {
    const missing = runs('show', '999');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('csp: run 999 not found (csp runs list shows the recorded runs)\n');
    expect(runs('pin', '999').status).toBe(1);
    const word = runs('show', 'abc');
    expect(word.status).toBe(2);
    expect(word.stderr).toContain('a run id is a positive integer (as "csp runs list" shows), got "abc"');
    expect(runs('delete', '0').status).toBe(2);
    const size = runs('retention', '--max-bytes', 'lots');
    expect(size.status).toBe(2);
    expect(size.stderr).toContain('--max-bytes takes a size like 500000, 800MB or 2GB, or "none"; got "lots"');
    expect(runs('retention', '--max-age-days', '-1').status).toBe(2);
    expect(runs('list', '--limit', '0').stderr).toContain('--limit must be an integer >= 1, got "0"');
    expect(runs('show', '1', '--limit', '5000').status).toBe(2);
  });

  it('delete refuses a run that is still recording, in the CLI and in the store API', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-runs-live-'));
    // A host holds the folder, so the CLI cannot take the run for an interrupted one.
    const host = openStore({ dataDir: dir, role: 'host' });
    try {
      const writer = host.runs.start({ mode: 'free', label: 'live' });
      writer.append({ seq: 1, kind: 'event', event: 'a', wallMs: 0, virtualTime: 0 });
      writer.flush();
      const r = csp('--data-dir', dir, 'runs', 'delete', String(writer.runId));
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`run ${writer.runId} is still running`);
      expect(() => host.runs.delete(writer.runId)).toThrow(/still running/);
      expect(host.runs.get(writer.runId).eventCount).toBe(1);
      writer.finish({ outcome: 'terminated' });
      expect(host.runs.delete(writer.runId).id).toBe(writer.runId);
      expect(() => host.runs.get(writer.runId)).toThrow(/not found/);
    } finally {
      host.close();
    }
  });

  it('a run a live csp run is still recording stays running for other commands and cannot be deleted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-runs-writer-'));
    // Wall-clock timers keep this run going for minutes; it is killed below.
    const child = spawn(
      process.execPath,
      [
        join(root, 'bin/csp.mjs'),
        '--data-dir',
        dir,
        'run',
        'resources/examples/sensor-alerts.yaml',
        '--wall-clock',
        '--steps',
        '100000',
      ],
      { cwd: root, stdio: 'ignore' },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      let listed: RunInfo[] = [];
      for (let i = 0; i < 200 && listed.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        listed = JSON.parse(csp('--data-dir', dir, '--json', 'runs', 'list').stdout) as RunInfo[];
      }
      const run = listed[0]!;
      // Opening the store from this CLI does not take the live run for an interrupted one.
      expect(run.hostPid).toBe(child.pid);
      expect(run.status).toBe('running');
      const refused = csp('--data-dir', dir, 'runs', 'delete', String(run.id));
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`run ${run.id} is still running`);
      child.kill('SIGKILL');
      await exited;
      // Its process is gone: the next command finds it interrupted, and it can go.
      const after = JSON.parse(csp('--data-dir', dir, '--json', 'runs', 'list').stdout) as RunInfo[];
      expect(after[0]!.status).toBe('interrupted');
      expect(csp('--data-dir', dir, 'runs', 'delete', String(run.id)).status).toBe(0);
    } finally {
      child.kill();
      await exited;
    }
  });
});
