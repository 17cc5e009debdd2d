/**
 * Faults with real processes: kill -9 in the middle of writing a run, and several
 * processes appending to the audit ledger at once.
 */
import { describe, it, expect } from 'vitest';
import { tempDir } from './__fixtures__/temp';
import { startFixture, waitExit } from './__fixtures__/child';
import { makeEvent } from './__fixtures__/events';
import { openStore } from './store';
import { openDatabase } from './open';

describe('kill -9 while a run is being written', () => {
  it('a store opened while another live process records a run leaves that run running (retention cannot take it)', async () => {
    const dir = tempDir();
    const { child, firstLine } = await startFixture('write-run', [dir]);
    const runId = Number(firstLine.split(' ')[1]);
    try {
      const cli = openStore({ dataDir: dir, role: 'cli' });
      try {
        expect(cli.recoveredRuns).toEqual([]);
        expect(cli.runs.get(runId).status).toBe('running');
        cli.setRetentionPolicy({ maxBytes: 0 });
        expect(cli.applyRetention().deletedRuns).not.toContain(runId);
      } finally {
        cli.close();
      }
    } finally {
      child.kill('SIGKILL');
      await waitExit(child);
    }
    const after = openStore({ dataDir: dir, role: 'cli' });
    try {
      expect(after.recoveredRuns).toEqual([runId]);
    } finally {
      after.close();
    }
  });

  it('reopens cleanly: the run is interrupted and every committed batch is intact', async () => {
    const dir = tempDir();
    const { child, firstLine } = await startFixture('write-run', [dir]);
    const runId = Number(firstLine.split(' ')[1]);
    let committed = 0;
    await new Promise<void>((resolve) => {
      let buf = '';
      child.stdout?.on('data', (d: Buffer) => {
        buf += d.toString();
        for (const m of buf.matchAll(/committed (\d+)\n/g)) committed = Math.max(committed, Number(m[1]));
        // Kill while it is busy writing, well after the first few batches.
        if (committed >= 20_000) resolve();
      });
    });
    child.kill('SIGKILL');
    await waitExit(child);

    const store = openStore({ dataDir: dir, role: 'host' });
    try {
      expect(store.recoveredRuns).toEqual([runId]);
      const run = store.runs.get(runId);
      expect(run.status).toBe('interrupted');
      expect(run.outcome).toBe('interrupted');
      // Batches are whole: last_seq is a multiple of the batch size, at least what was reported.
      expect(run.lastSeq).toBeGreaterThanOrEqual(committed);
      expect(run.lastSeq % 1000).toBe(0);
      expect(run.eventCount).toBe(run.lastSeq);
      let after: number | null = 0;
      let expected = 1;
      while (after !== null) {
        const page = store.runs.query.page(runId, { afterSeq: after, limit: 1000 });
        for (const e of page.events) {
          expect(e.seq).toBe(expected);
          const want = makeEvent(expected);
          if (e.event !== want.event || e.channel !== (want.channel ?? null))
            throw new Error(`seq ${expected} differs`);
          expected++;
        }
        after = page.next;
      }
      expect(expected - 1).toBe(run.lastSeq);
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      store.close();
    }
  }, 90_000);
});

describe('concurrent audit appends from several processes', () => {
  it('keeps one unbroken chain (BEGIN IMMEDIATE serialises the head)', async () => {
    const dir = tempDir();
    openDatabase({ dataDir: dir }).close();
    // Create the key first, so no two processes race to create it.
    const first = openStore({ dataDir: dir, actor: 'parent' });
    first.audit.append({ action: 'test.start', subject: 'x' });
    first.close();
    const children = await Promise.all(
      ['alice', 'bob', 'carol'].map((actor) => startFixture('append-audit', [dir, '60', actor])),
    );
    const codes = await Promise.all(children.map((c) => waitExit(c.child)));
    expect(codes).toEqual([0, 0, 0]);
    const store = openStore({ dataDir: dir });
    try {
      const report = store.audit.verify();
      expect(report).toMatchObject({ ok: true, entries: 181 });
      const actors = store.audit.list(0, 1000).map((e) => e.actor);
      for (const a of ['alice', 'bob', 'carol']) expect(actors.filter((x) => x === a)).toHaveLength(60);
    } finally {
      store.close();
    }
  }, 90_000);
});
