/**
 * Charts tab: steps per second per channel, the depth of each buffered queue
 * and how many processes run, wait, are done or failed, live while a run goes
 * (sampled from the run store at most four times a second, downsampled, see
 * charts/samples.ts). Until a run streams, it says so.
 */
import { useEffect } from 'react';
import type { ReactElement } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartIcon } from '../../ui/icons';
import { STATES, startSampling, useChartSamples } from './charts/samples';
import type { Point } from './charts/samples';
import { useRun } from './run-store';
import { recordedTitle, useRecordedRates } from './charts/recorded-rates';
import './charts/charts.css';

const COLOURS = ['#5aa9ff', '#3fb97a', '#e0a43a', '#f06a6a', '#b48cf2', '#4fd1c5', '#f28cc0', '#a0aec0'];
/** Lines drawn per chart: the busiest series (a legend of fifty names reads as nothing). */
const MAX_LINES = 8;

function busiest(points: readonly Point[], names: readonly string[]): string[] {
  const totals = new Map(names.map((n) => [n, 0]));
  for (const p of points) for (const n of names) totals.set(n, (totals.get(n) ?? 0) + (p[n] ?? 0));
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_LINES)
    .map(([n]) => n);
}

function ChartCard(props: {
  title: string;
  points: Point[];
  names: readonly string[];
  unit: string;
  /** Draw these series in this order (not the busiest first). */
  fixed?: boolean;
}): ReactElement {
  const lines = props.fixed ? [...props.names] : busiest(props.points, props.names);
  const latest = props.points[props.points.length - 1];
  const caption =
    latest && lines.length
      ? `${lines.length} series · at ${latest.t} s: ${lines.map((n) => `${n} ${latest[n] ?? 0}`).join(', ')}`
      : 'no data yet';
  return (
    <figure className="chart-card" aria-label={props.title}>
      <figcaption className="chart-title">
        {props.title} <span className="chart-caption">{caption}</span>
      </figcaption>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={props.points} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            unit="s"
            domain={['dataMin', 'dataMax']}
            stroke="var(--text-faint)"
            tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
          />
          <YAxis
            unit={props.unit}
            stroke="var(--text-faint)"
            tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
            allowDecimals={false}
          />
          <Tooltip contentStyle={{ background: 'var(--bg-raised)', border: '1px solid var(--border)' }} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {lines.map((n, i) => (
            <Line
              key={n}
              dataKey={n}
              name={n}
              stroke={COLOURS[i % COLOURS.length]}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function ChartsView(): ReactElement {
  useEffect(() => startSampling(), []);
  const hasRun = useRun((s) => s.run !== undefined);
  // A run opened from the store: its rates as recorded, beside the replay's own samples.
  const stored = useRun((s) => (s.run?.origin === 'open' ? s.run.storeRunId : undefined));
  const recorded = useRecordedRates(stored);
  const { rates, queues, states, channels, queueIds } = useChartSamples();
  if (!hasRun)
    return (
      <div className="charts-wrap">
        <div className="panel-note" role="note" aria-label="No live run">
          <ChartIcon size={18} />
          <div>
            <strong>No live run.</strong> When a run goes, its steps per second per channel, the depth of each buffered
            queue and how many processes run, wait, are done or failed are plotted here as they happen.
          </div>
        </div>
      </div>
    );
  return (
    <div className="charts-wrap charts-live">
      {stored !== undefined && (
        <ChartCard
          title={recordedTitle(recorded.bucketSeconds)}
          points={recorded.points}
          names={recorded.channels}
          unit=""
        />
      )}
      <ChartCard title="Steps per second by channel" points={rates} names={channels} unit="" />
      {queueIds.length > 0 && <ChartCard title="Queue depth" points={queues} names={queueIds} unit="" />}
      <ChartCard title="Process states" points={states} names={STATES} unit="" fixed />
    </div>
  );
}
