/**
 * A long free run on a real `csp serve` child with its trace streamed to a
 * client: the run's worker makes steps far faster than the host can record
 * and stream them, yet the node keeps answering (every ping during the run is
 * answered before a generous deadline), its memory stays within a bound, and
 * the stream delivers the run's steps in order, none twice. A late subscriber
 * gets the last steps kept in memory, not the million before them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '../../shared/protocol/methods/run';
import { RemoteNode } from './client/remote-node';
import { MAX_KEPT_STEPS } from '../runtime/service';
import { makeToken, serve } from './__fixtures__/serve-child';
import type { ServeChild } from './__fixtures__/serve-child';

const MiB = 1024 * 1024;
const LOOP = 'channel a, b\nP = a -> b -> P\nSYSTEM = P\n';
/** Far more than the test waits for: the run is still going when the test pauses it. */
const MAX_STEPS = 5_000_000;
/** Steps streamed before the test pauses the run. */
const WATCH_STEPS = 1_000_000;
/** Long enough for any loaded machine; a node whose event loop is stuck misses it. */
const PING_DEADLINE_MS = 8_000;
/**
 * What the node may grow by while the run streams: a fixed part (the steps kept
 * for late subscribers, a slow client's bounded backlog, the garbage
 * collector's slack) and a part for every step the run made, its log and
 * record batches (on a loaded machine the worker runs far past WATCH_STEPS
 * before the pause reaches it). Measured at load 11: 192 MiB after 1.05M
 * steps, 271 MiB after 1.70M, 281 MiB after 1.84M (about 130 bytes a step).
 * When the host fell behind its worker, the node grew by 750 MiB in 17 s at
 * 116,000 steps and kept growing.
 */
const FIXED_GROWTH = 250 * MiB;
const BYTES_PER_STEP = 160;

const dataDir = mkdtempSync(join(tmpdir(), 'csp-free-run-'));
let node: ServeChild;
let client: RemoteNode;

function rss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]) * 1024;
}

/** A ping's round trip, or undefined when no answer came before the deadline. */
async function ping(): Promise<number | undefined> {
  const began = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), PING_DEADLINE_MS)));
  const answered = client.request('ping', {}).then(() => Date.now() - began);
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}

beforeAll(async () => {
  const token = await makeToken(dataDir, 'ops', 'operator');
  node = await serve(dataDir, ['--quiet']);
  client = new RemoteNode({ url: node.url, token });
  await client.start();
}, 120_000);

afterAll(async () => {
  client.close();
  await node.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a long free run streamed from a node', () => {
  it('keeps the node answering and its memory bounded while the trace streams', async () => {
    const pid = node.child.pid!;
    const { runId } = await client.request('run.start', { text: LOOP, name: 'loop.csp' });
    let lastStep = 0;
    let outOfOrder = 0;
    const live = await client.subscribe('run.events', {
      runId,
      onEvent: (e: RunEvent) => {
        if (e.type !== 'steps') return;
        for (const s of e.steps) {
          if (s.seq <= lastStep) outOfOrder++;
          lastStep = s.seq;
        }
      },
      onGap: () => undefined,
    });
    const before = rss(pid);
    let peak = before;
    // A stuck node loses the connection (the keepalive gives up on it), which fails this call too.
    const continued = client.request('run.continue', { runId, maxSteps: MAX_STEPS }).then(
      (r) => r.stop,
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    const unanswered: number[] = [];
    const began = Date.now();
    // Watch until the stream has carried WATCH_STEPS, or until the node has been stuck long enough to tell.
    while (lastStep < WATCH_STEPS && unanswered.length < 2 && Date.now() - began < 120_000) {
      const rtt = await ping();
      peak = Math.max(peak, rss(pid));
      if (rtt === undefined) unanswered.push(lastStep);
      await new Promise((r) => setTimeout(r, 200));
    }
    await expect.poll(() => client.online, { timeout: 60_000 }).toBe(true);
    await client.request('run.pause', { runId });
    const stop = await continued;
    peak = Math.max(peak, rss(pid));
    await live.close();
    // A late subscriber gets the last steps the node keeps in memory (the rest is in the store).
    let lateSteps = 0;
    let lateFirst: number | undefined;
    let lateStopped = false;
    const late = await client.subscribe('run.events', {
      runId,
      onEvent: (e: RunEvent) => {
        if (e.type === 'stopped') lateStopped = true;
        if (e.type !== 'steps') return;
        lateFirst ??= e.steps[0]?.seq;
        lateSteps += e.steps.length;
      },
      onGap: () => undefined,
    });
    await expect.poll(() => lateStopped, { timeout: 30_000 }).toBe(true);
    await late.close();
    await client.request('run.stop', { runId });
    expect(lateFirst).toBeGreaterThan(WATCH_STEPS - MAX_KEPT_STEPS);
    expect(lateSteps).toBeLessThanOrEqual(MAX_KEPT_STEPS);

    expect(unanswered, 'steps streamed when a ping went unanswered').toEqual([]);
    expect(stop).toMatchObject({ reason: 'paused' });
    expect(lastStep).toBeGreaterThanOrEqual(WATCH_STEPS);
    expect(outOfOrder).toBe(0);
    const steps = typeof stop === 'string' ? 0 : stop.seq;
    const limit = FIXED_GROWTH + BYTES_PER_STEP * steps;
    expect((peak - before) / MiB, `growth in MiB after ${steps} steps`).toBeLessThan(limit / MiB);
  }, 240_000);
});
