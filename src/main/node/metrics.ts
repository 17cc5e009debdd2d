/**
 * What a node reports at GET /metrics, in Prometheus text through prom-client,
 * every name prefixed `csp_`. The node server feeds it: connections and
 * errors from its transport, runs from the run service's observer, checks from
 * their own event streams. Label sets are bounded (channels beyond
 * MAX_CHANNEL_LABELS count under "other") so a workflow cannot blow up the
 * scrape.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RunStep } from '../../shared/protocol/methods/run';
import { channelOf } from '../runtime/records';

const MAX_CHANNEL_LABELS = 500;

interface LiveRun {
  readonly processes: number;
  readonly channels: Set<string>;
}

export class NodeMetrics {
  readonly registry = new Registry();
  private readonly runs = new Map<string, LiveRun>();
  private readonly checks = new Map<string, number>();
  private readonly channelLabels = new Set<string>();

  private readonly connections = new Gauge({
    name: 'csp_protocol_connections',
    help: 'Protocol connections open now',
    registers: [this.registry],
  });
  private readonly connectionsTotal = new Counter({
    name: 'csp_protocol_connections_total',
    help: 'Protocol connections accepted since start',
    registers: [this.registry],
  });
  private readonly requests = new Counter({
    name: 'csp_protocol_requests_total',
    help: 'Protocol requests answered, by method',
    labelNames: ['method'],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'csp_protocol_errors_total',
    help: 'Protocol errors sent to clients and refused sign-ins (code unauthorized, forbidden, rate_limited, ...)',
    labelNames: ['code'],
    registers: [this.registry],
  });
  private readonly runsStarted = new Counter({
    name: 'csp_runs_started_total',
    help: 'Runs started since start',
    registers: [this.registry],
  });
  private readonly runsFinished = new Counter({
    name: 'csp_runs_finished_total',
    help: 'Runs ended since start, by outcome (terminated, deadlock, error, stopped, ...)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly runsActive: Gauge = new Gauge({
    name: 'csp_runs_active',
    help: 'Runs open now',
    registers: [this.registry],
    collect: () => this.runsActive.set(this.runs.size),
  });
  private readonly processes: Gauge = new Gauge({
    name: 'csp_processes',
    help: 'Processes (network components) in the runs open now',
    registers: [this.registry],
    collect: () => this.processes.set([...this.runs.values()].reduce((n, r) => n + r.processes, 0)),
  });
  private readonly channels: Gauge = new Gauge({
    name: 'csp_channels',
    help: 'Distinct channels that have fired in the runs open now',
    registers: [this.registry],
    collect: () => this.channels.set(new Set([...this.runs.values()].flatMap((r) => [...r.channels])).size),
  });
  private readonly events = new Counter({
    name: 'csp_events_total',
    help: 'Events fired, by channel (τ, ✓ and deliveries under their own labels)',
    labelNames: ['channel'],
    registers: [this.registry],
  });
  private readonly checksActive: Gauge = new Gauge({
    name: 'csp_checks_active',
    help: 'Checks running now',
    registers: [this.registry],
    collect: () => this.checksActive.set(this.checks.size),
  });
  private readonly checkRate: Gauge = new Gauge({
    name: 'csp_check_states_per_second',
    help: 'States per second explored by the checks running now (sum of their latest progress)',
    registers: [this.registry],
    collect: () => this.checkRate.set([...this.checks.values()].reduce((a, b) => a + b, 0)),
  });
  private readonly checksFinished = new Counter({
    name: 'csp_checks_finished_total',
    help: 'Checks ended since start, by status',
    labelNames: ['status'],
    registers: [this.registry],
  });
  private readonly storeWrites = new Histogram({
    name: 'csp_store_write_seconds',
    help: 'Time to write one batch of run events to the store',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'csp_' });
  }

  connectionOpened(): void {
    this.connections.inc();
    this.connectionsTotal.inc();
  }

  connectionClosed(): void {
    this.connections.dec();
  }

  request(method: string): void {
    this.requests.inc({ method });
  }

  error(code: string): void {
    this.errors.inc({ code });
  }

  runStarted(runId: string, processes: number): void {
    if (this.runs.has(runId)) return;
    this.runs.set(runId, { processes, channels: new Set() });
    this.runsStarted.inc();
  }

  steps(runId: string, steps: readonly Pick<RunStep, 'event' | 'kind'>[]): void {
    const run = this.runs.get(runId);
    for (const s of steps) {
      const channel = s.kind === 'event' ? (channelOf(s.event) ?? s.event) : s.kind === 'deliver' ? 'deliver' : s.event;
      run?.channels.add(channel);
      this.events.inc({ channel: this.channelLabel(channel) });
    }
  }

  runFinished(runId: string, outcome: string): void {
    if (!this.runs.delete(runId)) return;
    this.runsFinished.inc({ outcome });
  }

  storeWrite(seconds: number): void {
    this.storeWrites.observe(seconds);
  }

  checkStarted(checkId: string): void {
    if (!this.checks.has(checkId)) this.checks.set(checkId, 0);
  }

  checkProgress(checkId: string, statesPerSecond: number): void {
    if (!this.checks.has(checkId)) return;
    this.checks.set(checkId, statesPerSecond);
  }

  checkFinished(checkId: string, status: string): void {
    if (!this.checks.delete(checkId)) return;
    this.checksFinished.inc({ status });
  }

  /** Checks started through this node that have not ended. */
  get activeChecks(): number {
    return this.checks.size;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private channelLabel(channel: string): string {
    if (this.channelLabels.has(channel)) return channel;
    if (this.channelLabels.size >= MAX_CHANNEL_LABELS) return 'other';
    this.channelLabels.add(channel);
    return channel;
  }
}
