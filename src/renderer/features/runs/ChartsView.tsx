/** Charts tab: live charts of a run. The axes are drawn empty until a run streams data. */
import type { ReactElement } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { ChartIcon } from '../../ui/icons';

export function ChartsView(): ReactElement {
  return (
    <div className="charts-wrap">
      <div className="chart-card" aria-hidden="true">
        <div className="chart-title">events / s · last 60 s</div>
        <div className="chart-nodata">no data</div>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={[]} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              stroke="var(--text-faint)"
              tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
              domain={[0, 60]}
              type="number"
              ticks={[0, 15, 30, 45, 60]}
              unit="s"
            />
            <YAxis stroke="var(--text-faint)" tick={{ fill: 'var(--text-muted)', fontSize: 11 }} domain={[0, 100]} />
            <Line dataKey="v" stroke="var(--accent)" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <div className="panel-note" role="note" aria-label="No live run">
        <ChartIcon size={18} />
        <div>
          <strong>No live run.</strong> When a run is live, its events per second, per-channel queue depth and message
          latency are plotted here as they happen.
        </div>
      </div>
    </div>
  );
}
