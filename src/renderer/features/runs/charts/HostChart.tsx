/**
 * The host process's CPU (% of one core, left axis) and memory (MiB, right
 * axis: resident set and JS heap) while the run was live, sampled about once a
 * second by the host and kept with the run, averaged by the host into at most
 * 240 points.
 */
import type { ReactElement } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS, COLOURS, ChartFrame, MARGIN, TOOLTIP, axisLabel, secondsTick } from './ChartCard';
import type { HostPoints } from './run-metrics';

export const HOST_TITLE = 'Host CPU and memory';

export function hostCaption(host: HostPoints | undefined): string {
  if (host === undefined) return 'loading…';
  const last = host.points[host.points.length - 1];
  if (last === undefined) return 'no samples';
  return `${host.samples} samples · at ${last.t} s: CPU ${last.cpu}%, RSS ${last.rss} MiB, heap ${last.heap} MiB`;
}

export function HostChart(props: { host: HostPoints | undefined; live: boolean }): ReactElement {
  const { host } = props;
  const empty =
    host !== undefined && host.points.length === 0
      ? props.live
        ? 'No host sample yet: the host samples its CPU and memory once a second while the run is open.'
        : 'No host samples in this run: they are taken once a second while a run is live (runs recorded before this version have none).'
      : undefined;
  return (
    <ChartFrame title={HOST_TITLE} caption={hostCaption(host)} {...(empty !== undefined ? { empty } : {})}>
      <LineChart data={host?.points ?? []} margin={{ ...MARGIN, right: 8 }}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
        <XAxis
          dataKey="t"
          type="number"
          domain={['dataMin', 'dataMax']}
          tickFormatter={secondsTick}
          {...AXIS}
          label={axisLabel('time (s)')}
        />
        <YAxis yAxisId="cpu" width={64} {...AXIS} label={axisLabel('CPU (% of a core)', -90)} />
        <YAxis yAxisId="mem" orientation="right" width={64} {...AXIS} label={axisLabel('memory (MiB)', 90)} />
        <Tooltip {...TOOLTIP} />
        <Legend verticalAlign="top" align="right" height={20} wrapperStyle={{ fontSize: 11 }} />
        <Line yAxisId="cpu" dataKey="cpu" name="CPU %" stroke={COLOURS[3]} dot={false} isAnimationActive={false} />
        <Line yAxisId="mem" dataKey="rss" name="RSS MiB" stroke={COLOURS[0]} dot={false} isAnimationActive={false} />
        <Line yAxisId="mem" dataKey="heap" name="heap MiB" stroke={COLOURS[1]} dot={false} isAnimationActive={false} />
      </LineChart>
    </ChartFrame>
  );
}
