/**
 * Text helpers of `csp runs`: parsing its arguments (a bad one is a commander
 * InvalidArgumentError, so the user sees which option and exit 2) and printing sizes,
 * tables and events for people. JSON output never goes through here: it keeps raw numbers.
 */
import { InvalidArgumentError } from 'commander';
import type { RunInfo, StoredRunEvent } from '../../store';

export function parseRunId(v: string): number {
  const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError(`a run id is a positive integer (as "csp runs list" shows), got "${v}"`);
  return n;
}

export const integerOption =
  (what: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  (v: string): number => {
    const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `${min}..${max}`;
    if (!Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`${what} must be an integer ${range}, got "${v}"`);
    return n;
  };

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12 };

/**
 * A cap is a number or 'none' (no cap). 'none' stays a string here because commander
 * turns a parser's null into ''; `capValue` maps it to the store's null.
 */
export type Cap = number | 'none';

export const capValue = (cap: Cap): number | null => (cap === 'none' ? null : cap);

/** `none`, or bytes: `500000`, `500kB`, `1.5GB` (decimal units, as formatBytes prints). */
export function parseMaxBytes(v: string): Cap {
  if (v === 'none') return v;
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(v.trim());
  const unit = m ? UNITS[(m[2] ?? '').toLowerCase()] : undefined;
  if (!m || unit === undefined)
    throw new InvalidArgumentError(`--max-bytes takes a size like 500000, 800MB or 2GB, or "none"; got "${v}"`);
  return Math.round(Number(m[1]) * unit);
}

/** `none`, or a non-negative number of days (fractions allowed: 0.5 is 12 hours). */
export function parseMaxAgeDays(v: string): Cap {
  if (v === 'none') return v;
  const n = /^\d+(?:\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isFinite(n))
    throw new InvalidArgumentError(`--max-age-days takes a number of days >= 0, or "none"; got "${v}"`);
  return n;
}

/** 1648 -> "1.6 kB", 114688 -> "114.7 kB", 5 -> "5 B" (decimal units). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return i === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[i]}`;
}

export const iso = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toISOString());

export function runState(r: RunInfo): string {
  return r.outcome !== null && r.outcome !== r.status ? `${r.status}/${r.outcome}` : r.status;
}

/** Left-aligned columns, two spaces apart, no trailing spaces. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map(
      (row) =>
        row
          .map((cell, i) => cell.padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd() + '\n',
    )
    .join('');
}

/** One event the way `csp run` prints a step: seq, event, [processes], payload JSON when present. */
export function eventLine(e: StoredRunEvent, seqWidth: number): string {
  const tag = e.hidden ? ' (hidden)' : '';
  const payload = e.payload !== null && e.payload !== undefined ? `  ${JSON.stringify(e.payload)}` : '';
  return `${String(e.seq).padStart(seqWidth)}  ${e.event}${tag}  [${e.processes.join(', ')}]${payload}\n`;
}
