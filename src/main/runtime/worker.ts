/**
 * A run in a worker thread: the network, its scheduler and its sandboxes live
 * here, so a script stuck in a loop or a huge free run never blocks the host.
 * Commands come with ids and get one reply each; fired steps go out in
 * batches as they happen (a free run yields between chunks so run.pause and
 * other commands get through).
 */
import { parentPort } from 'node:worker_threads';
import { RunLog } from '../../engine/runtime/network/log';
import type { Exploration } from '../../engine/runtime/network/explore';
import { exploreToDot } from '../../engine/runtime/network/explore-dot';
import { NetworkRun, type StopInfo } from '../../engine/runtime/network/run';
import type {
  Command,
  CommandName,
  CommandResult,
  FromWorker,
  InitJob,
  InitResult,
  RecordState,
  Request,
  StateResult,
  WireStop,
} from './messages';
import { BATCHES_TAKEN, PAUSE_FLAG } from './messages';
import { networkForRecord, networkFromSource, RUN_SETUP } from './network-input';
import { LiveInjections } from './builtins/sources';
import { logFromRecord } from './record-log';
import { hostDiagnostic } from '../source/diagnostics';
import { egressFetch } from './egress';
import { RunQuotaGuard } from './quotas';
import { StepPacker } from './step-batch';
import { CallClock } from './call-clock';
import { ownThreadId, threadReport } from './thread-usage';

const CHUNK = 2_000;
/** Step batches a free run may have sent that the host has not taken in yet (messages.ts, BATCHES_TAKEN). */
const MAX_UNTAKEN = 4;

let run: NetworkRun | undefined;
/** The run's control words, shared with the host (messages.ts). */
let control: Int32Array | undefined;
let sent = 0;
/** Step batches sent to the host. */
let batchesSent = 0;
/** Packs steps into columns for the host; knows which step shapes it has sent. */
let packer = new StepPacker();
/** Forks of the run already reported to the host. */
let forksSeen = 0;
let offline = false;
/** The host's quotas for this run (policy.ts). */
let quota = new RunQuotaGuard();
/** Times the run's live agent and HTTP calls (call-clock.ts). */
let clock = new CallClock();
/** What the user injects into inject nodes (run.inject) while the run goes on. */
const injections = new LiveInjections();

const post = (m: FromWorker): void => parentPort!.postMessage(m);

function wire(stop: StopInfo): WireStop {
  const { breakpoint, ...rest } = stop;
  return { ...rest, ...(breakpoint !== undefined ? { breakpoint: breakpoint.id } : {}) };
}

/** Progress (process states, queue depths, rate) goes out at most this often during a free run. */
const PROGRESS_MS = 250;
let lastProgress = 0;
let startedAt = Date.now();

/**
 * Sends the steps taken since the last batch (after a goto, from the new
 * point), then process states and metrics when they are due or `force`d.
 */
function flush(force = false): void {
  if (run === undefined) return;
  // A new timeline is announced before its steps, so the host records them as a fork.
  if (run.forks !== forksSeen) {
    forksSeen = run.forks;
    post({ type: 'forked', seq: run.forkedAt ?? run.seq });
  }
  if (run.seq < sent) sent = run.seq;
  const moved = run.seq !== sent;
  if (run.seq > sent) {
    const batch = packer.pack(run, sent + 1, run.seq);
    post({ type: 'steps', batch });
    batchesSent++;
    const calls = clock.take(batch.whole);
    if (calls.length > 0) post({ type: 'calls', calls });
  }
  sent = run.seq;
  const now = Date.now();
  if (!force && (!moved || now - lastProgress < PROGRESS_MS)) return;
  const elapsedMs = now - startedAt;
  post({ type: 'states', seq: run.seq, processes: run.processStates() });
  post({
    type: 'metrics',
    seq: run.seq,
    elapsedMs,
    stepsPerSecond: elapsedMs > 0 ? Math.round((run.seq * 1000) / elapsedMs) : 0,
    queues: run.queueDepths(),
  });
  lastProgress = now;
}

function state(): StateResult {
  const r = need();
  return { seq: r.seq, processes: r.processStates(), stop: wire(r.status()), record: recordState(r) };
}

function recordState(r: NetworkRun): RecordState {
  return { length: r.log.length, ...(r.forkedAt !== undefined ? { forkedAt: r.forkedAt } : {}), offline };
}

function need(): NetworkRun {
  if (run === undefined) throw new Error('the run has not started');
  return run;
}

async function init(job: InitJob): Promise<InitResult> {
  const policy = job.policy ?? {};
  quota = new RunQuotaGuard(policy.quotas);
  const cap = {
    ...(policy.quotas?.maxTokens !== undefined ? { maxTokens: policy.quotas.maxTokens } : {}),
    ...(policy.quotas?.maxCost !== undefined ? { maxCost: policy.quotas.maxCost } : {}),
  };
  const attach = {
    seed: job.seed,
    log: (line: string) => quota.log(line, (l) => post({ type: 'log', line: l })),
    injections,
    // Secrets kept by the app win over environment variables of the same name.
    env: { ...process.env, ...job.secrets },
    ...(job.wallClock === true ? { wallClock: true } : {}),
    ...(policy.sandboxHeapBytes !== undefined ? { sandboxHeapBytes: policy.sandboxHeapBytes } : {}),
    ...(policy.egress !== undefined ? { fetch: egressFetch(policy.egress) } : {}),
    ...(Object.keys(cap).length > 0 ? { budgetCap: cap } : {}),
  };
  const source =
    job.file !== undefined
      ? { file: job.file }
      : { text: job.text ?? '', name: job.name, ...(job.kind !== undefined ? { kind: job.kind } : {}) };
  const netOptions = { ...(job.process !== undefined ? { process: job.process } : {}), attach };
  const net =
    job.record === undefined
      ? await networkFromSource(source, netOptions)
      : await networkForRecord(source, netOptions, job.record.columns);
  if (!net.ok) return { ok: false, diagnostics: net.diagnostics };
  clock = new CallClock();
  const spec = clock.timeSpec(net.spec);
  offline = (job.offline ?? []).length > 0;
  const options = { seed: job.seed, ...(offline ? { offline: new Set(job.offline) } : {}) };
  if (job.record !== undefined) {
    const built = logFromRecord(spec, job.record.columns, job.record.beforeFirst);
    if (!built.ok) return { ok: false, diagnostics: [hostDiagnostic(RUN_SETUP, net.source.name, built.error)] };
    run = NetworkRun.fromRecord(spec, built.log, options);
  } else {
    let log: RunLog | undefined;
    if (job.history !== undefined) {
      log = new RunLog();
      for (const [e, a, b, t] of job.history.rows) log.push(e, a, b, t);
      for (const o of job.history.outside) log.attach(o);
      for (const [seq, p] of job.history.payloads) log.payloads.set(seq, p);
    }
    run = new NetworkRun(spec, options, log);
  }
  const tooMany = quota.processesProblem(run.processStates().length);
  if (tooMany !== undefined) {
    run.dispose();
    run = undefined;
    return { ok: false, diagnostics: [hostDiagnostic(RUN_SETUP, net.source.name, tooMany)] };
  }
  control = new Int32Array(job.pause);
  sent = 0;
  batchesSent = 0;
  packer = new StepPacker();
  forksSeen = 0;
  startedAt = Date.now();
  flush(true);
  const beforeFirst = run.log.outsideAt(0).map(({ seq: _seq, ...o }) => o);
  return {
    ok: true,
    processes: run.processStates(),
    enabled: run.enabled(),
    seq: run.seq,
    source: net.source,
    beforeFirst,
    record: recordState(run),
  };
}

/** A free run is under way (freeRun): messages cannot be edited until it pauses. */
let running = false;

async function freeRun(maxSteps: number): Promise<WireStop> {
  running = true;
  try {
    return await freeRunSteps(maxSteps);
  } finally {
    running = false;
  }
}

async function freeRunSteps(maxSteps: number): Promise<WireStop> {
  const r = need();
  Atomics.store(control!, PAUSE_FLAG, 0);
  let left = maxSteps;
  for (;;) {
    if (quota.stepsLeft(r.seq) <= 0) return quota.stop(r.seq);
    const before = r.seq;
    const stop = r.run(Math.min(CHUNK, left, quota.stepsLeft(r.seq)));
    left -= r.seq - before;
    flush();
    // Only injections are awaited: they come from the user, so stop and say so rather than wait.
    if (stop.reason === 'waiting' && (stop.waitingFor ?? []).every((w) => w.kind === 'inject')) return wire(stop);
    if (stop.reason === 'record-end') return wire(stop);
    if (stop.reason === 'waiting') {
      // An outside result is under way (an LLM reply, a timer, an injection the user has not made yet): wait, but let pause through.
      if (await arrivedOrPaused(r)) continue;
      return { reason: 'paused', seq: r.seq };
    }
    if (stop.reason !== 'steps' || left <= 0) return wire(stop);
    // Let other commands (and the pause flag) through between chunks.
    await new Promise((resolve) => setImmediate(resolve));
    if (!(await hostKeptUp())) return { reason: 'paused', seq: r.seq };
  }
}

const paused = (): boolean => Atomics.load(control!, PAUSE_FLAG) === 1;

/**
 * Waits while the host has more than MAX_UNTAKEN of the batches sent not taken
 * in: a free run goes at the pace the host records and streams it, however
 * much faster it could step. False if the user paused meanwhile.
 */
async function hostKeptUp(): Promise<boolean> {
  while (batchesSent - Atomics.load(control!, BATCHES_TAKEN) > MAX_UNTAKEN) {
    if (paused()) return false;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return !paused();
}

/** True once an outside result arrived; false if the user paused first (checked every 50 ms). */
async function arrivedOrPaused(r: NetworkRun): Promise<boolean> {
  let arrived = false;
  const wait = r.waitForOutside().then(() => (arrived = true));
  while (!arrived) {
    if (paused()) return false;
    await Promise.race([wait, new Promise((resolve) => setTimeout(resolve, 50))]);
  }
  return true;
}

/** The exploration under way (explore), so exploreCancel can stop it between slices. */
let exploring: { cancelled: boolean } | undefined;
/** The last exploration's graph, read by exploreState and exploreDot (its DOT made once, when first asked). */
let explored: { x: Exploration; dot?: string } | undefined;
/** States expanded between yields to the event loop (so exploreCancel and other commands get through). */
const EXPLORE_SLICE = 256;
/** Characters of DOT per exploreDot answer (well under the protocol's message limit). */
const DOT_CHUNK = 256 * 1024;
/** Findings and transitions listed in one answer. */
const LIST_MAX = 1000;

async function explore(maxDepth: number, maxStates: number): Promise<CommandResult<'explore'>> {
  const r = need();
  const x = r.explore({ maxDepth, maxStates });
  const me = { cancelled: false };
  exploring = me;
  explored = undefined;
  const progress = (): void =>
    post({ type: 'explore', states: x.states.length, edges: x.edges.length, depth: x.depth });
  let last = Date.now();
  try {
    while (!x.advance(EXPLORE_SLICE)) {
      if (Date.now() - last >= PROGRESS_MS) {
        progress();
        last = Date.now();
      }
      await new Promise((resolve) => setImmediate(resolve));
      if (me.cancelled) break;
    }
  } finally {
    if (exploring === me) exploring = undefined;
  }
  progress();
  explored = { x };
  const result = x.result();
  return {
    seq: r.seq,
    components: result.components,
    states: result.states.length,
    edges: result.edges.length,
    depth: x.depth,
    findings: result.findings.slice(0, LIST_MAX),
    truncated: result.truncated,
    cancelled: me.cancelled,
    maxDepth: result.maxDepth,
  };
}

function lastExploration(): { x: Exploration; dot?: string } {
  if (explored === undefined) throw new Error('nothing has been explored from this run yet: run.explore first');
  return explored;
}

type Handlers = { readonly [C in CommandName]: (c: Command<C>) => CommandResult<C> | Promise<CommandResult<C>> };

/** One handler per command; the map's type makes each return what messages.ts promises for it. */
const handlers: Handlers = {
  init: (c) => init(c.job),
  enabled: () => ({ seq: need().seq, enabled: need().enabled() }),
  step: (c) => {
    const r = need();
    if (quota.stepsLeft(r.seq) <= 0) return { stop: quota.stop(r.seq) };
    if (c.index === undefined) {
      const stop = r.run(1);
      flush(true);
      const step = r.steps(r.seq, r.seq)[0];
      return { ...(step !== undefined ? { step } : {}), stop: wire(stop.reason === 'steps' ? r.status() : stop) };
    }
    const items = r.enabled();
    if (c.index >= items.length) throw new Error(`no enabled item ${c.index}: there are ${items.length}`);
    const step = r.choose(c.index, c.branch);
    flush(true);
    return { step, stop: wire(r.status()) };
  },
  run: async (c) => {
    const stop = await freeRun(c.maxSteps);
    flush(true);
    return { stop };
  },
  goto: (c) => {
    if (c.seq < need().seq) clock.clear();
    need().goto(c.seq);
    flush(true);
    return { seq: need().seq };
  },
  stepBack: () => {
    clock.clear();
    need().stepBack();
    flush(true);
    return { seq: need().seq };
  },
  state,
  history: (c) => {
    const r = need();
    const k = Math.min(c.seq, r.log.length);
    const rows: [number, number, number, number][] = [];
    for (let s = 1; s <= k; s++) {
      const row = r.log.row(s);
      rows.push([row.event, row.actor, row.branch, r.log.timeAt(s)]);
    }
    const payloads = [...r.log.payloads].filter(([seq]) => seq <= k);
    return { rows, outside: r.log.outside.filter((o) => o.seq <= k), payloads };
  },
  'bp.list': () => ({ breakpoints: need().breakpoints.all() }),
  'bp.add': (c) => need().breakpoints.add(c.spec),
  'bp.update': (c) => need().breakpoints.update(c.id, { enabled: c.enabled }),
  'bp.remove': (c) => {
    need().breakpoints.remove(c.id);
    return { ok: true };
  },
  explore: (c) => explore(c.maxDepth, c.maxStates),
  exploreState: (c) => {
    const { x } = lastExploration();
    const state = x.states[c.id];
    if (state === undefined)
      throw new Error(`no state ${c.id}: the exploration found states 0..${x.states.length - 1}`);
    const out = x.outOf(c.id);
    return { state, out: out.slice(0, LIST_MAX), outCount: out.length, path: x.pathTo(c.id) };
  },
  exploreDot: (c) => {
    const e = lastExploration();
    e.dot ??= exploreToDot(e.x.result());
    const end = Math.min(e.dot.length, c.offset + DOT_CHUNK);
    return { text: e.dot.slice(c.offset, end), next: end < e.dot.length ? end : null };
  },
  exploreCancel: () => {
    if (exploring === undefined) return { ok: false };
    exploring.cancelled = true;
    return { ok: true };
  },
  messages: () => ({ seq: need().seq, messages: need().messages() }),
  editMessage: (c) => {
    const r = need();
    if (running) throw new Error('the run is running: pause it (run.pause) before editing a message in flight');
    if (c.seq !== r.seq)
      throw new Error(
        `the run is at step ${r.seq}, not at step ${c.seq} where the message was listed: it may have been delivered meanwhile (list the messages again with run.messages)`,
      );
    const step = r.editMessage(c.holder, c.index, c.value);
    flush(true);
    return { step, stop: wire(r.status()) };
  },
  inject: (c) => {
    injections.inject(c.node, c.end === true ? { end: true } : c.payload !== undefined ? { payload: c.payload } : {});
    return { ok: true };
  },
};

function handle<C extends CommandName>(c: Command<C>): CommandResult<C> | Promise<CommandResult<C>> {
  // TypeScript cannot narrow a table lookup by a generic key; the Handlers type above is the check.
  const handler = handlers[c.cmd] as (c: Command<C>) => CommandResult<C> | Promise<CommandResult<C>>;
  return handler(c);
}

// The worker's own cost for the host's samples (thread-usage.ts): its thread id and heap, now and
// once a second (between chunks of a free run; the timer never keeps the thread alive on its own).
const tid = ownThreadId();
post({ type: 'usage', ...threadReport(tid) });
setInterval(() => post({ type: 'usage', ...threadReport(tid) }), 1000).unref();

// One command at a time, in arrival order (a free run yields, but queued commands wait for it).
let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (req: Request) => {
  if (req.command.cmd === 'run' || req.command.cmd === 'init' || req.command.cmd === 'explore') {
    queue = queue.then(() => answer(req));
  } else {
    // Quick commands are answered between chunks of a free run.
    void answer(req);
  }
});

async function answer(req: Request): Promise<void> {
  try {
    post({ type: 'reply', id: req.id, ok: true, result: await handle(req.command) });
  } catch (e) {
    post({ type: 'reply', id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
}
