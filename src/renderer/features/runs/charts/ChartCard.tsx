/**
 * One chart of the Charts tab: a figure named after the chart (screen readers
 * and tests find it by name), a caption with the latest values, axes with
 * units and labels, and, when there is nothing to draw, a sentence saying why
 * and what would be drawn. Lines only: series are already downsampled.
 */
import type { ReactElement } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Point } from './samples';

export const COLOURS = ['#5aa9ff', '#3fb97a', '#e0a43a', '#f06a6a', '#b48cf2', '#4fd1c5', '#f28cc0', '#a0aec0'];
/** Lines drawn per chart: the busiest series (a legend of fifty names reads as nothing). */
export const MAX_LINES = 8;

export const AXIS = { stroke: 'var(--text-faint)', tick: { fill: 'var(--text-muted)', fontSize: 11 } };
export const TOOLTIP = { contentStyle: { background: 'var(--bg-raised)', border: '1px solid var(--border)' } };
/** An axis title (the unit is in it: ticks stay bare numbers). x: centred below the ticks; y: turned, beside them. */
export const axisLabel = (value: string, angle = 0) => ({
  value,
  angle,
  position: angle === 0 ? ('insideBottom' as const) : angle < 0 ? ('insideLeft' as const) : ('insideRight' as const),
  offset: angle === 0 ? -8 : 4,
  style: { fill: 'var(--text-muted)', fontSize: 11, textAnchor: 'middle' as const },
});
/** Seconds on a time axis: at most one decimal. */
export const secondsTick = (t: number): string => String(Math.round(t * 10) / 10);
/** Room for the axis titles. */
export const MARGIN = { top: 8, right: 16, bottom: 16, left: 8 };

function busiest(points: readonly Point[], names: readonly string[]): string[] {
  const totals = new Map(names.map((n) => [n, 0]));
  for (const p of points) for (const n of names) totals.set(n, (totals.get(n) ?? 0) + (p[n] ?? 0));
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_LINES)
    .map(([n]) => n);
}

/** The frame every chart shares: title, caption, and the empty state in place of the plot. */
export function ChartFrame(props: {
  title: string;
  caption: string;
  empty?: string;
  children: ReactElement;
}): ReactElement {
  return (
    <figure className="chart-card" aria-label={props.title}>
      <figcaption className="chart-title">
        {props.title} <span className="chart-caption">{props.caption}</span>
      </figcaption>
      {props.empty !== undefined ? (
        <p className="chart-empty" role="note">
          {props.empty}
        </p>
      ) : (
        <ResponsiveContainer width="100%" height="100%">
          {props.children}
        </ResponsiveContainer>
      )}
    </figure>
  );
}

export function ChartCard(props: {
  title: string;
  points: Point[];
  names: readonly string[];
  /** What the y axis counts, with its unit: "steps / s", "processes". */
  yLabel: string;
  /** Draw these series in this order (not the busiest first). */
  fixed?: boolean;
  /** Said instead of an empty plot. */
  empty?: string;
  /** 'stepAfter' for counts that hold until the next reading (a queue's depth), not a slope between readings. */
  curve?: 'linear' | 'stepAfter';
}): ReactElement {
  const lines = props.fixed ? [...props.names] : busiest(props.points, props.names);
  const latest = props.points[props.points.length - 1];
  const caption =
    latest && lines.length
      ? `${lines.length} series · at ${latest.t} s: ${lines.map((n) => `${n} ${latest[n] ?? 0}`).join(', ')}`
      : 'no data yet';
  const empty = props.points.length === 0 && props.empty !== undefined ? props.empty : undefined;
  return (
    <ChartFrame title={props.title} caption={caption} {...(empty !== undefined ? { empty } : {})}>
      <LineChart data={props.points} margin={MARGIN}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
        <XAxis
          dataKey="t"
          type="number"
          unit="s"
          domain={['dataMin', 'dataMax']}
          {...AXIS}
          label={axisLabel('time (s)')}
        />
        <YAxis width={56} {...AXIS} allowDecimals={false} label={axisLabel(props.yLabel, -90)} />
        <Tooltip {...TOOLTIP} />
        <Legend verticalAlign="top" align="right" height={20} wrapperStyle={{ fontSize: 11 }} />
        {lines.map((n, i) => (
          <Line
            key={n}
            dataKey={n}
            name={n}
            type={props.curve ?? 'linear'}
            stroke={COLOURS[i % COLOURS.length]}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
