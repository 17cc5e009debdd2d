/** run.explore through a real host session and a real worker thread: findings, replay, progress, cancel, DOT. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExploredEdge, ExploredState, ExploreFinding } from '../../engine/runtime/network/explore';
import { helloed, request as call, testHost } from '../host/test-helpers';

const example = (name: string): string =>
  readFileSync(resolve(import.meta.dirname, '../../../resources/examples', name), 'utf8');

/** Three counters side by side: 125,000 states, more than a test explores. */
const COUNTERS = `channel a, b, c : {0..49}
C(ch, i) = ch.i -> C(ch, (i+1)%50)
SYSTEM = C(a, 0) ||| C(b, 0) ||| C(c, 0)
`;

interface Explored {
  seq: number;
  components: string[];
  states: number;
  edges: number;
  depth: number;
  findings: ExploreFinding[];
  truncated: boolean;
  cancelled: boolean;
}
interface OneState {
  state: ExploredState;
  out: ExploredEdge[];
  outCount: number;
  path: ExploredEdge[];
}

const host = testHost();
afterAll(async () => {
  await host.services.runs.stopAll();
});

async function start(raw: Awaited<ReturnType<typeof helloed>>, text: string, name = 'x.csp'): Promise<string> {
  const started = await call(raw, 'run.start', { text, name, seed: 1 });
  if (started.type !== 'result') throw new Error(JSON.stringify(started.payload));
  return (started.payload as { runId: string }).runId;
}

describe('run.explore', () => {
  it('finds the deadlock of the philosophers from the paused state; its path replays with run.step', async () => {
    const raw = await helloed(host);
    const runId = await start(raw, example('dining-philosophers.yaml'), 'dining-philosophers.yaml');
    await call(raw, 'run.step', { runId, index: 0 });
    const reply = await call(raw, 'run.explore', { runId, maxDepth: 50, maxStates: 10_000 });
    expect(reply.type, JSON.stringify(reply.payload)).toBe('result');
    const x = reply.payload as unknown as Explored;
    expect(x.seq).toBe(1);
    expect(x.cancelled).toBe(false);
    expect(x.truncated).toBe(false);
    const stateOf = async (id: number): Promise<OneState> =>
      (await call(raw, 'run.explore.state', { runId, id })).payload as unknown as OneState;
    const state = await call(raw, 'run.state', { runId });
    // State 0 is where the run stands, and exploring did not move it.
    const first = await stateOf(0);
    expect(first.state.terms).toEqual(
      (state.payload as { processes: { state: string }[] }).processes.map((p) => p.state),
    );
    expect(first.path).toEqual([]);
    expect(first.out.length).toBe(first.outCount);
    expect(first.out.length).toBeGreaterThan(0);
    expect((state.payload as { seq: number }).seq).toBe(1);

    // The deadlock's path replays with run.step, each step the event the exploration said, and the run deadlocks there.
    const deadlock = x.findings.find((f) => f.kind === 'deadlock');
    expect(deadlock).toBeDefined();
    const { path, state: stuck } = await stateOf(deadlock!.state);
    expect(stuck.status).toBe('deadlock');
    expect(path).toHaveLength(stuck.depth);
    let last: { stop: { reason: string; seq: number } } | undefined;
    for (const e of path) {
      const step = await call(raw, 'run.step', { runId, index: e.index, branch: e.branch });
      last = step.payload as typeof last;
      expect((step.payload as { step: { event: string } }).step.event).toBe(e.event);
    }
    expect(last!.stop.reason).toBe('deadlock');
    expect(last!.stop.seq).toBe(1 + path.length);
    const unknown = await call(raw, 'run.explore.state', { runId, id: x.states });
    expect(unknown.payload).toMatchObject({
      code: 'invalid_params',
      message: `no state ${x.states}: the exploration found states 0..${x.states - 1}`,
    });

    await call(raw, 'run.stop', { runId });
  });

  it('exports the explored graph as DOT in chunks: a node per state, an edge per transition, and graphviz draws it', async () => {
    const raw = await helloed(host);
    const runId = await start(raw, example('dining-philosophers.yaml'), 'dining-philosophers.yaml');
    const none = await call(raw, 'run.explore.dot', { runId, offset: 0 });
    expect(none.payload).toMatchObject({ message: 'nothing has been explored from this run yet: run.explore first' });
    // Shallow, so graphviz lays it out quickly.
    const x = (await call(raw, 'run.explore', { runId, maxDepth: 3 })).payload as unknown as Explored;
    expect(x.states).toBeGreaterThan(10);
    let dot = '';
    for (let offset: number | null = 0; offset !== null;) {
      const chunk = (await call(raw, 'run.explore.dot', { runId, offset })).payload as {
        text: string;
        next: number | null;
      };
      dot += chunk.text;
      offset = chunk.next;
    }
    expect(dot.startsWith('digraph "explored" {')).toBe(true);
    expect(dot.match(/^ {2}s\d+ \[/gm)).toHaveLength(x.states);
    expect(dot.match(/^ {2}s\d+ -> s\d+ /gm)).toHaveLength(x.edges);
    expect(dot).toContain('Phil(0) = ');
    const dir = mkdtempSync(join(tmpdir(), 'csp-explore-'));
    try {
      const file = join(dir, 'explored.dot');
      writeFileSync(file, dot);
      if (existsSync('/usr/bin/dot')) {
        const svg = spawnSync('/usr/bin/dot', ['-Tsvg', file], { encoding: 'utf8', timeout: 60_000 });
        expect(svg.stderr).toBe('');
        expect(svg.status).toBe(0);
        expect(svg.stdout).toContain('<svg');
        expect(svg.stdout).toContain('state 0 (step +0)');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await call(raw, 'run.stop', { runId });
  });

  it('reports progress on run.events and stops when cancelled, answering with what it found', async () => {
    const raw = await helloed(host);
    const runId = await start(raw, COUNTERS);
    await call(raw, 'subscribe', { stream: 'run.events', runId, sinceSeq: 0, credit: 10_000 });
    const id = 'explore-big';
    raw.send({ v: 1, id, type: 'run.explore', payload: { runId, maxDepth: 1000, maxStates: 100_000 } });
    const progress = (): { states: number }[] =>
      raw.sent
        .filter((m) => m.type === 'event' && (m.payload.data as { type: string }).type === 'explore')
        .map((m) => m.payload.data as { states: number });
    for (let i = 0; i < 6000 && progress().length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(progress().length).toBeGreaterThan(0);
    expect(progress()[0]!.states).toBeGreaterThan(0);
    expect((await call(raw, 'run.explore.cancel', { runId })).payload).toEqual({ ok: true });
    let reply;
    for (let i = 0; i < 6000 && !reply; i++) {
      reply = raw.sent.find((m) => m.id === id && (m.type === 'result' || m.type === 'error'));
      if (!reply) await new Promise((r) => setTimeout(r, 10));
    }
    expect(reply?.type).toBe('result');
    const x = reply!.payload as unknown as Explored;
    expect(x.cancelled).toBe(true);
    expect(x.states).toBeLessThan(100_000);
    expect(x.states).toBeGreaterThanOrEqual(progress()[0]!.states);
    // Nothing is under way any more.
    expect((await call(raw, 'run.explore.cancel', { runId })).payload).toEqual({ ok: false });
    await call(raw, 'run.stop', { runId });
  });

  it('refuses a workflow with code nodes, naming them', async () => {
    const raw = await helloed(host);
    const runId = await start(raw, example('sensor-alerts.yaml'), 'sensor-alerts.yaml');
    const reply = await call(raw, 'run.explore', { runId });
    expect(reply.type).toBe('error');
    expect(reply.payload).toMatchObject({ code: 'invalid_params' });
    expect(String(reply.payload.message)).toMatch(
      /^explore from here needs every process to be CSP, and .+ code nodes? /,
    );
    await call(raw, 'run.stop', { runId });
  });
});
