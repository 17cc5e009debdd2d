/**
 * Charts tab: steps per second per channel, the depth of each buffered queue,
 * how many processes run, wait, are done or failed, the latency of agent and
 * HTTP calls, and the host's CPU and memory. Live while a run goes (steps,
 * queues and states sampled from the run store at most four times a second,
 * charts/samples.ts; calls and host samples read from the host once a second,
 * charts/run-metrics.ts), and for a run opened from the store (what was
 * recorded, read from the host, downsampled there: its rates, process states and
 * the queue depths the live run showed). Until a run is there, it says so.
 */
import { useEffect } from 'react';
import type { ReactElement } from 'react';
import { ChartIcon } from '../../ui/icons';
import { STATES, startSampling, useChartSamples } from './charts/samples';
import { useRun } from './run-store';
import { recordedTitle, useRecordedRates } from './charts/recorded-rates';
import { ChartCard } from './charts/ChartCard';
import { LatencyChart } from './charts/LatencyChart';
import { HostChart } from './charts/HostChart';
import { useHostSamples, useRunCalls, useStoredQueues, useStoredStates } from './charts/run-metrics';
import './charts/charts.css';

export function ChartsView(): ReactElement {
  useEffect(() => startSampling(), []);
  const hasRun = useRun((s) => s.run !== undefined);
  const storeRunId = useRun((s) => s.run?.storeRunId);
  // A run opened from the store shows what was recorded; a replay measures nothing new.
  const opened = useRun((s) => s.run?.origin === 'open');
  const live = useRun((s) => s.run !== undefined && s.run.origin !== 'open' && s.status !== 'ended');
  const stored = opened ? storeRunId : undefined;
  const recorded = useRecordedRates(stored);
  const storedStates = useStoredStates(stored);
  const storedQueues = useStoredQueues(stored);
  const calls = useRunCalls(storeRunId, live);
  const host = useHostSamples(storeRunId, live);
  const { rates, queues, states, channels, queueIds } = useChartSamples();
  // A run that calls agents or HTTP services shows their latency near the top; one that makes no
  // call keeps its steps first and says below why the latency chart is empty.
  const callsFirst = (calls?.count ?? 0) > 0;
  const measured = (
    <>
      <LatencyChart calls={calls} live={live} />
      <HostChart host={host} live={live} />
    </>
  );
  if (!hasRun)
    return (
      <div className="charts-wrap">
        <div className="panel-note" role="note" aria-label="No live run">
          <ChartIcon size={18} />
          <div>
            <strong>No live run.</strong> When a run goes, its steps per second per channel, the depth of each buffered
            queue, how many processes run, wait, are done or failed, the latency of its agent and HTTP calls and the
            host&apos;s CPU and memory are plotted here as they happen. Open a past run from the Runs history to see
            them as they were recorded.
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
          yLabel="steps / s"
          empty="No steps were recorded in this run."
        />
      )}
      {stored !== undefined && (
        <ChartCard
          title="Recorded process states"
          points={storedStates?.points ?? []}
          names={STATES}
          yLabel="processes"
          fixed
          empty="No steps were recorded in this run, so no process took part in any."
        />
      )}
      {stored !== undefined && (storedQueues?.queueIds.length ?? 0) > 0 && (
        <ChartCard
          title="Recorded queue depth"
          points={storedQueues!.points}
          names={storedQueues!.queueIds}
          yLabel="messages"
          curve="stepAfter"
        />
      )}
      {callsFirst && measured}
      {/* A stored run has its recorded charts above; the replay's own pace is drawn once it moves. */}
      {(!opened || rates.length > 0) && (
        <ChartCard title="Steps per second by channel" points={rates} names={channels} yLabel="steps / s" />
      )}
      {queueIds.length > 0 && (
        <ChartCard title="Queue depth" points={queues} names={queueIds} yLabel="messages" curve="stepAfter" />
      )}
      {(!opened || states.length > 0) && (
        <ChartCard title="Process states" points={states} names={STATES} yLabel="processes" fixed />
      )}
      {!callsFirst && measured}
    </div>
  );
}
