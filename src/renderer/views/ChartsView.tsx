/** Live charts of a run. The axes are drawn empty until a run streams data. */
import type { ReactElement } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { EmptyState } from '../components/EmptyState';
import { ChartIcon } from '../components/icons';
import { ViewFrame } from './ViewFrame';

export function ChartsView(): ReactElement {
  return (
    <ViewFrame title="Charts" subtitle="Throughput, queue depth and latency of a live run">
      <div className="charts-wrap">
        <div className="chart-card" aria-hidden="true">
          <div className="chart-title">events / s · last 60 s</div>
          <div className="chart-nodata">no data</div>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={[]} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
              <CartesianGrid stroke="#262b33" strokeDasharray="3 3" />
              <XAxis dataKey="t" stroke="#4b5361" tick={{ fill: '#6b7482', fontSize: 11 }} domain={[0, 60]} type="number" ticks={[0, 15, 30, 45, 60]} unit="s" />
              <YAxis stroke="#4b5361" tick={{ fill: '#6b7482', fontSize: 11 }} domain={[0, 100]} />
              <Line dataKey="v" stroke="#5aa9ff" dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
        <EmptyState icon={<ChartIcon size={36} />} title="No live run">
          When a run is live, its events per second, per-channel queue depth and message latency are plotted here as they happen.
        </EmptyState>
      </div>
    </ViewFrame>
  );
}
