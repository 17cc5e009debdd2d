/**
 * What the parallel-search tests share: a script's reports with the time zeroed
 * (the one thing allowed to differ between K threads), and thread teams that are
 * closed after the file's tests, passed or failed.
 */
import { afterAll, expect } from 'vitest';
import { checkScript, type AssertionReport } from '../../../engine/check/script';
import type { ThreadTeam } from '../team';

/** The script's assertion reports, on `team` when given, else on this thread. */
export function reports(text: string, team?: ThreadTeam, maxBytes?: number): AssertionReport[] {
  const r = checkScript(text, {
    file: 't.csp',
    ...(team ? { team } : {}),
    budget: maxBytes === undefined ? {} : { maxBytes },
  });
  expect(r.errors).toEqual([]);
  return r.assertions.map((a) => ({ ...a, seconds: 0 }));
}

/** A list the tests push their teams onto; every team in it is closed after the file. */
export function teamsClosedAfterAll(): ThreadTeam[] {
  const teams: ThreadTeam[] = [];
  afterAll(async () => {
    await Promise.all(teams.map((t) => t.close()));
  });
  return teams;
}
