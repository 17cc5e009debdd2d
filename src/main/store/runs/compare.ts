/**
 * Two stored runs side by side: the first step where they differ (the event,
 * who took part, or the payload). Both runs' blocks are read in step; a step
 * is compared by its shape's text and, when either carries one, its payload.
 */
import type { Database as Db } from 'better-sqlite3';
import { notFound } from '../errors';
import type { StoredRunEvent } from './records';
import type { DecodedBlock } from './blocks';
import type { StepReader } from './steps';

export interface RunComparison {
  readonly aSteps: number;
  readonly bSteps: number;
  /** The first step where the runs differ; null when they are the same step for step. */
  readonly divergence: {
    readonly seq: number;
    readonly a: StoredRunEvent | null;
    readonly b: StoredRunEvent | null;
  } | null;
}

export function compareRuns(db: Db, steps: StepReader, a: number, b: number): RunComparison {
  const last = (id: number): number => {
    const n = db.prepare('SELECT last_seq FROM runs WHERE id = ?').pluck().get(id) as number | undefined;
    if (n === undefined) throw notFound(`run ${id}`);
    return n;
  };
  const aSteps = last(a);
  const bSteps = last(b);
  const common = Math.min(aSteps, bSteps);
  // A shape's identity across runs: its kind, event and processes (ids are per run).
  const sig = (run: number): string[] =>
    steps.shapes(run).map((s) => `${s.kind}\u0001${s.event}\u0001${s.processes.join('\u0002')}`);
  const sigA = sig(a);
  const sigB = sig(b);
  const same = (x: DecodedBlock, y: DecodedBlock, i: number): boolean => {
    if (sigA[x.steps[i]!] !== sigB[y.steps[i]!]) return false;
    if (x.extrasRaw === null && y.extrasRaw === null) return true;
    return JSON.stringify(x.extra(i)?.payload ?? null) === JSON.stringify(y.extra(i)?.payload ?? null);
  };
  const bBlocks = steps.blocks(b, 1, common);
  let seq: number | undefined;
  outer: for (const x of steps.blocks(a, 1, common)) {
    const y = bBlocks.next().value;
    if (y === undefined || y.first !== x.first) {
      seq = x.first;
      break;
    }
    for (let i = 0; i <= Math.min(common, x.last) - x.first; i++) {
      if (!same(x, y, i)) {
        seq = x.first + i;
        break outer;
      }
    }
  }
  seq ??= aSteps === bSteps ? undefined : common + 1;
  if (seq === undefined) return { aSteps, bSteps, divergence: null };
  return { aSteps, bSteps, divergence: { seq, a: steps.at(a, seq) ?? null, b: steps.at(b, seq) ?? null } };
}
