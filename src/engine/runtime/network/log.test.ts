/**
 * The run log keeps its branch and virtual-time columns only once a step
 * needs them; rows read back the same either way, also after a truncation
 * (a rewound run continued otherwise) and in a fork's prefix.
 */
import { describe, expect, it } from 'vitest';
import { RunLog } from './log';

function rows(log: RunLog): number[][] {
  const out: number[][] = [];
  for (let s = 1; s <= log.length; s++) {
    const r = log.row(s);
    out.push([r.event, r.actor, r.branch, log.branchAt(s), log.timeAt(s)]);
  }
  return out;
}

describe('RunLog', () => {
  it('reads 0 branches and times when no step had one, across growth', () => {
    const log = new RunLog();
    for (let i = 0; i < 3000; i++) log.push(2 + (i % 7), i % 3 === 0 ? 4 : -1, 0);
    expect(log.length).toBe(3000);
    expect(log.row(2999)).toEqual({ event: 2 + (2998 % 7), actor: -1, branch: 0 });
    expect(log.branchAt(1500)).toBe(0);
    expect(log.timeAt(1500)).toBe(0);
  });

  it('keeps branches and times from the first step with one, earlier steps reading 0', () => {
    const log = new RunLog();
    for (let i = 0; i < 1500; i++) log.push(3, -1, i >= 700 ? i % 5 : 0, i >= 1200 ? i * 10 : 0);
    expect(log.branchAt(700)).toBe(0);
    expect(log.branchAt(702)).toBe(701 % 5);
    expect(log.row(1499).branch).toBe(1498 % 5);
    expect(log.timeAt(1200)).toBe(0);
    expect(log.timeAt(1201)).toBe(12000);
    expect(log.timeAt(1500)).toBe(14990);
  });

  it('writes 0 over a truncated step: a rewound run that takes another way reads its own rows', () => {
    const log = new RunLog();
    for (let i = 0; i < 10; i++) log.push(5, -1, 3, 100 + i);
    log.truncate(4);
    for (let i = 0; i < 6; i++) log.push(6, 2, 0, 0);
    expect(rows(log).slice(4)).toEqual(Array.from({ length: 6 }, () => [6, 2, 0, 0, 0]));
    expect(rows(log.prefix(7))).toEqual(rows(log).slice(0, 7));
  });
});

describe('RunLog.hasOutsideAt', () => {
  it('says which steps consumed outside values, as outsideAt does', () => {
    const log = new RunLog();
    for (let i = 0; i < 20; i++) log.push(3, -1, 0);
    for (const seq of [0, 3, 3, 7, 19]) log.attach({ seq, node: 'n', kind: 'random', value: seq });
    for (let s = 0; s <= 21; s++) expect(log.hasOutsideAt(s)).toBe(log.outsideAt(s).length > 0);
  });
});
