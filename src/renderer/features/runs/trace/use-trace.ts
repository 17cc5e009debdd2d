/**
 * The trace of the run the studio is debugging, as rows by index, for the
 * table and the sequence chart. Recent steps come from the run store (live,
 * one batch per frame); older ones, and every filtered view, are read from the
 * host's store in pages as they scroll into view. Re-renders at most once per
 * animation frame however many pages arrive.
 */
import { useEffect, useMemo, useState } from 'react';
import { hostRequest } from '../../../hooks';
import { useRun } from '../run-store';
import type { RunStep } from '../run-store';
import { FilteredPager, isFiltered, SeqPager } from './pager';
import type { TraceFilter } from './pager';
import { fromRunStep } from './rows';
import type { TraceRow } from './rows';

export interface TraceSource {
  /** Rows to lay out (a filtered view grows as it is read). */
  readonly count: number;
  /** The row at `index`, or undefined while its page loads. */
  rowAt(index: number): TraceRow | undefined;
  /** The row of step `seq` (unfiltered numbering), if it is at hand. */
  rowOfSeq(seq: number): TraceRow | undefined;
  /** Index of step `seq` in this view, if it is known. */
  indexOfSeq(seq: number): number | undefined;
  /** Ask for rows up to `index` (a filtered view reads forward to them). */
  want(index: number): void;
  readonly filtered: boolean;
  /** A filtered view has more to read. */
  readonly more: boolean;
  readonly error: string | undefined;
  readonly storeRunId: number | undefined;
}

const fetchTrace = (p: Parameters<typeof hostRequest<'run.trace'>>[1]): ReturnType<typeof hostRequest<'run.trace'>> =>
  hostRequest('run.trace', p);

const converted = new WeakMap<RunStep, TraceRow>();
function rowOfStep(step: RunStep): TraceRow {
  let row = converted.get(step);
  if (!row) converted.set(step, (row = fromRunStep(step)));
  return row;
}

/** A counter bumped at most once per animation frame when any listener fires. */
function useFrameTicker(source: { onChange(listener: () => void): () => void } | undefined): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!source) return;
    let frame: number | undefined;
    const off = source.onChange(() => {
      frame ??= requestAnimationFrame(() => {
        frame = undefined;
        setTick((t) => t + 1);
      });
    });
    return () => {
      off();
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  }, [source]);
  return tick;
}

export function useTraceSource(filter: TraceFilter): TraceSource {
  const storeRunId = useRun((s) => s.run?.storeRunId);
  const generation = useRun((s) => s.generation);
  const lastSeq = useRun((s) => s.lastSeq);
  const steps = useRun((s) => s.steps);
  const firstSeq = useRun((s) => s.firstSeq);
  const filtered = isFiltered(filter);
  const { channel, process, text } = filter;

  const pager = useMemo(
    () => (storeRunId !== undefined ? new SeqPager(fetchTrace, storeRunId) : undefined),
    // A new run (generation) may reuse nothing from the last one.
    [storeRunId, generation],
  );
  const filteredPager = useMemo(
    () =>
      storeRunId !== undefined && filtered
        ? new FilteredPager(fetchTrace, storeRunId, { channel, process, text })
        : undefined,
    [storeRunId, generation, filtered, channel, process, text],
  );
  const tick = useFrameTicker(pager) + useFrameTicker(filteredPager);

  // A live run grew: a filtered view that had read to the end reads on.
  useEffect(() => {
    if (!filteredPager?.done) return;
    filteredPager.reopen();
    void filteredPager.ensure(filteredPager.rows.length + 1);
  }, [filteredPager, lastSeq]);

  return useMemo<TraceSource>(() => {
    const fromMemory = (seq: number): TraceRow | undefined => {
      const step = steps[seq - firstSeq];
      return step ? rowOfStep(step) : undefined;
    };
    const rowOfSeq = (seq: number): TraceRow | undefined =>
      seq < 1 || seq > lastSeq ? undefined : (fromMemory(seq) ?? pager?.row(seq));
    if (filteredPager) {
      return {
        count: filteredPager.rows.length,
        rowAt: (i) => filteredPager.rows[i],
        rowOfSeq,
        indexOfSeq: (seq) => {
          const i = filteredPager.rows.findIndex((r) => r.seq === seq);
          return i < 0 ? undefined : i;
        },
        want: (i) => {
          if (i >= filteredPager.rows.length - 1 && !filteredPager.done) void filteredPager.ensure(i + 200);
        },
        filtered: true,
        more: !filteredPager.done,
        error: filteredPager.error,
        storeRunId,
      };
    }
    return {
      count: lastSeq,
      rowAt: (i) => rowOfSeq(i + 1),
      rowOfSeq,
      indexOfSeq: (seq) => (seq >= 1 && seq <= lastSeq ? seq - 1 : undefined),
      want: () => undefined,
      filtered: false,
      more: false,
      error: pager?.error,
      storeRunId,
    };
    // tick: pages arrived.
  }, [steps, firstSeq, lastSeq, pager, filteredPager, storeRunId, tick]);
}
