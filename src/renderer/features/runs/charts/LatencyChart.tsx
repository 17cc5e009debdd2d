/**
 * Latency of the run's agent (LLM) and HTTP calls: a dot per call (x: when it
 * was made, seconds into the run; y: how long it took), a colour per node (the
 * busiest eight), with the run's p50 and p95 and each node's in the caption.
 * The host sends at most 2000 calls evenly spread and the percentiles over all
 * of them, so a long run draws as fast as a short one. Clicking a dot moves
 * the run to the step that delivered that call's result (time travel).
 */
import type { ReactElement } from 'react';
import { CartesianGrid, Legend, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS, COLOURS, ChartFrame, MARGIN, MAX_LINES, TOOLTIP, axisLabel, secondsTick } from './ChartCard';
import { formatMs, latencySeries, type RunCalls } from './run-metrics';
import { travelTo } from '../trace/time-travel';

export const LATENCY_TITLE = 'Latency of agent and HTTP calls';

const KIND_WORD: Record<string, string> = { 'llm-reply': 'agent', http: 'HTTP' };

export function latencyCaption(calls: RunCalls | undefined): string {
  if (calls === undefined) return 'loading…';
  if (calls.count === 0 || calls.p50Ms === null || calls.p95Ms === null) return 'no calls';
  const nodes = calls.nodes
    .slice(0, 4)
    .map((n) => `${n.node} (${KIND_WORD[n.kind] ?? n.kind}) p50 ${formatMs(n.p50Ms)}, p95 ${formatMs(n.p95Ms)}`)
    .join(' · ');
  const failed = calls.nodes.reduce((k, n) => k + n.failed, 0);
  return `${calls.count} calls · p50 ${formatMs(calls.p50Ms)} · p95 ${formatMs(calls.p95Ms)}${failed > 0 ? ` · ${failed} failed` : ''} · ${nodes}`;
}

/** A call under the pointer: its node, the step that delivered it, when and how long. */
function CallTip(props: { active?: boolean; payload?: readonly { payload?: unknown }[] }): ReactElement | null {
  const p = props.payload?.[0]?.payload as { node: string; seq: number; t: number; ms: number } | undefined;
  if (props.active !== true || p === undefined) return null;
  return (
    <div className="chart-tip" style={TOOLTIP.contentStyle}>
      <strong>{p.node}</strong> · step {p.seq}
      <br />
      at {p.t} s · {formatMs(p.ms)} (click: go to this step)
    </div>
  );
}

export function LatencyChart(props: { calls: RunCalls | undefined; live: boolean }): ReactElement {
  const { calls } = props;
  const series = calls === undefined ? [] : latencySeries(calls, MAX_LINES);
  const empty =
    calls !== undefined && calls.count === 0
      ? props.live
        ? 'No agent or HTTP calls yet. Each call an agent node makes to its model, and each request of an HTTP node, is timed and drawn here as it is answered.'
        : 'No agent or HTTP calls in this run. Latency is measured for agent (LLM) and HTTP request nodes while a run is live (runs recorded before this version have none); a replay shows what was measured, it never measures again.'
      : undefined;
  return (
    <ChartFrame title={LATENCY_TITLE} caption={latencyCaption(calls)} {...(empty !== undefined ? { empty } : {})}>
      <ScatterChart margin={MARGIN}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
        <XAxis
          dataKey="t"
          type="number"
          name="at (s)"
          domain={['dataMin', 'dataMax']}
          tickFormatter={secondsTick}
          {...AXIS}
          label={axisLabel('time (s)')}
        />
        <YAxis
          dataKey="ms"
          type="number"
          name="latency (ms)"
          width={64}
          {...AXIS}
          label={axisLabel('latency (ms)', -90)}
        />
        <Tooltip {...TOOLTIP} cursor={{ strokeDasharray: '3 3' }} content={CallTip} />
        <Legend verticalAlign="top" align="right" height={20} wrapperStyle={{ fontSize: 11 }} />
        {calls?.p95Ms != null && (
          <ReferenceLine
            y={calls.p95Ms}
            stroke="var(--text-faint)"
            strokeDasharray="4 4"
            label={{ value: 'p95', fill: 'var(--text-muted)', fontSize: 10, position: 'insideTopRight' }}
          />
        )}
        {series.map((s, i) => (
          <Scatter
            key={s.node}
            name={`${s.node} (${KIND_WORD[s.kind] ?? s.kind})`}
            data={s.points}
            fill={COLOURS[i % COLOURS.length]}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(d: { payload?: { seq?: unknown } }) => {
              if (typeof d.payload?.seq === 'number') void travelTo(d.payload.seq);
            }}
          />
        ))}
      </ScatterChart>
    </ChartFrame>
  );
}
