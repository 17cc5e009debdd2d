/**
 * The host process's CPU (% of one core, left axis) and memory (MiB, right
 * axis: resident set and JS heap) while the run was live, sampled about once a
 * second by the host and kept with the run, averaged by the host into at most
 * 240 points. Beside them, dashed, this run's own worker thread: its CPU and
 * its JS heap (the host's figures cover every run open at once).
 */
import type { ReactElement } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS, COLOURS, ChartFrame, MARGIN, TOOLTIP, axisLabel, secondsTick } from './ChartCard';
import type { HostPoints } from './run-metrics';

export const HOST_TITLE = 'Host CPU and memory';
export const WORKER_CPU = "this run's worker CPU %";
export const WORKER_HEAP = "this run's worker heap MiB";

export function hostCaption(host: HostPoints | undefined): string {
  if (host === undefined) return 'loading…';
  const last = host.points[host.points.length - 1];
  if (last === undefined) return 'no samples';
  const worker =
    last.workerCpu !== undefined || last.workerHeap !== undefined
      ? `; this run's worker: CPU ${last.workerCpu ?? '–'}%, heap ${last.workerHeap ?? '–'} MiB`
      : '';
  return `${host.samples} ${host.samples === 1 ? 'sample' : 'samples'} · at ${last.t} s: host CPU ${last.cpu}%, RSS ${last.rss} MiB, heap ${last.heap} MiB${worker}`;
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
        {/* Five names take two rows: room for both above the plot. */}
        <Legend
          verticalAlign="top"
          align="right"
          height={host?.worker === true ? 38 : 20}
          wrapperStyle={{ fontSize: 11 }}
        />
        <Line yAxisId="cpu" dataKey="cpu" name="host CPU %" stroke={COLOURS[3]} dot={false} isAnimationActive={false} />
        <Line
          yAxisId="mem"
          dataKey="rss"
          name="host RSS MiB"
          stroke={COLOURS[0]}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          yAxisId="mem"
          dataKey="heap"
          name="host heap MiB"
          stroke={COLOURS[1]}
          dot={false}
          isAnimationActive={false}
        />
        {host?.worker === true && (
          <Line
            yAxisId="cpu"
            dataKey="workerCpu"
            name={WORKER_CPU}
            stroke={COLOURS[4]}
            strokeDasharray="5 3"
            dot={false}
            isAnimationActive={false}
          />
        )}
        {host?.worker === true && (
          <Line
            yAxisId="mem"
            dataKey="workerHeap"
            name={WORKER_HEAP}
            stroke={COLOURS[5]}
            strokeDasharray="5 3"
            dot={false}
            isAnimationActive={false}
          />
        )}
      </LineChart>
    </ChartFrame>
  );
}
