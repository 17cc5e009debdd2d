/**
 * The message sequence chart's geometry and its standalone SVG (pure): a lane
 * per process, one row per step; a synchronisation is an arrow from the first
 * process taking part to each other one, labelled with the event (and its
 * payload); a step one process takes alone is a note on its lane. The same
 * convention as the host's Mermaid export.
 */
import type { TraceRow } from '../rows';

export const MSC_ROW = 30;
export const MSC_HEADER = 28;

export interface Lanes {
  readonly names: readonly string[];
  readonly index: ReadonlyMap<string, number>;
}

export function lanesOf(names: Iterable<string>): Lanes {
  const list = [...new Set(names)];
  return { names: list, index: new Map(list.map((n, i) => [n, i])) };
}

/** Lanes of the processes listed, then any other process a row names (a lane is never dropped). */
export function extendLanes(lanes: Lanes, rows: Iterable<TraceRow>): Lanes {
  let extra: string[] | undefined;
  for (const row of rows)
    for (const p of row.processes) if (!lanes.index.has(p) && !extra?.includes(p)) (extra ??= []).push(p);
  return extra ? lanesOf([...lanes.names, ...extra]) : lanes;
}

export function laneX(lane: number, width: number): number {
  return lane * width + width / 2;
}

export interface RowShape {
  /** Lanes taking part, in the row's order (the first one sends). */
  readonly lanes: readonly number[];
  readonly label: string;
  /** A note on one lane rather than arrows. */
  readonly note: boolean;
}

export function rowLabel(row: TraceRow): string {
  const event = row.hidden && row.kind === 'event' ? `${row.event} (hidden)` : row.event;
  if (!row.hasPayload) return event;
  if (row.payloadBytes !== undefined) return `${event} [payload ${row.payloadBytes} bytes]`;
  return `${event} ${JSON.stringify(row.payload)}`;
}

export function rowShape(row: TraceRow, lanes: Lanes): RowShape {
  const at = row.processes.map((p) => lanes.index.get(p)).filter((i): i is number => i !== undefined);
  return { lanes: at, label: rowLabel(row), note: at.length < 2 || row.kind !== 'event' };
}

/** Describes a step for assistive technology: "Step 3: eats.1, Phil(1) → Fork(1), Fork(2)". */
export function rowDescription(row: TraceRow): string {
  const [first, ...rest] = row.processes;
  const who = first === undefined ? '' : rest.length ? `, ${first} → ${rest.join(', ')}` : `, ${first}`;
  return `Step ${row.seq}: ${row.event}${who}`;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A standalone SVG of these rows (colours fixed, so it reads the same outside the studio). */
export function mscSvg(rows: readonly TraceRow[], lanes: Lanes, laneWidth = 150): string {
  const width = Math.max(1, lanes.names.length) * laneWidth;
  const height = MSC_HEADER + rows.length * MSC_ROW + 10;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="monospace" font-size="11">`,
    `<defs><marker id="arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="#2f86e8"/></marker></defs>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  lanes.names.forEach((name, i) => {
    const x = laneX(i, laneWidth);
    out.push(
      `<line x1="${x}" y1="${MSC_HEADER}" x2="${x}" y2="${height}" stroke="#c0c6d0" stroke-dasharray="4 3"/>`,
      `<text x="${x}" y="18" text-anchor="middle" font-weight="bold" fill="#1a1d23">${escapeXml(name)}</text>`,
    );
  });
  rows.forEach((row, r) => {
    const y = MSC_HEADER + r * MSC_ROW + MSC_ROW / 2 + 4;
    const shape = rowShape(row, lanes);
    const label = escapeXml(`${row.seq}. ${shape.label}`);
    const [from, ...to] = shape.lanes;
    if (from === undefined) {
      out.push(`<text x="4" y="${y}" fill="#5d6574">${label}</text>`);
      return;
    }
    const x0 = laneX(from, laneWidth);
    if (shape.note || to.length === 0) {
      out.push(
        `<circle cx="${x0}" cy="${y}" r="4" fill="#8a93a2"/>`,
        `<text x="${x0 + 8}" y="${y - 4}" fill="#5d6574">${label}</text>`,
      );
      return;
    }
    for (const lane of to) {
      const x1 = laneX(lane, laneWidth);
      out.push(
        `<line x1="${x0}" y1="${y}" x2="${x1}" y2="${y}" stroke="#2f86e8" stroke-width="1.5" marker-end="url(#arrow)"/>`,
      );
    }
    const mid = (x0 + laneX(to[0]!, laneWidth)) / 2;
    out.push(`<text x="${mid}" y="${y - 5}" text-anchor="middle" fill="#1a1d23">${label}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
