/**
 * A stored run's trace as a file: JSON (`{ "run": …, "events": [ … ] }`), CSV
 * (one row per step, RFC 4180 quoting) or a Mermaid `sequenceDiagram` (a
 * participant per process, an arrow per synchronisation, a note for a step
 * one process takes alone). Exports are never truncated: they come in chunks
 * of at most `budget` characters that, concatenated in order, are the file.
 * The cursor is a step and an offset into that step's text, so even a single
 * payload larger than a chunk is split rather than cut.
 */
import type { Database as Db } from 'better-sqlite3';
import { badInput } from '../errors';
import type { StoredRunEvent } from './records';
import type { StepReader } from './steps';

export const TRACE_FORMATS = ['json', 'csv', 'mermaid'] as const;
export type TraceFormat = (typeof TRACE_FORMATS)[number];

export interface ExportCursor {
  /** Steps up to this one are written. */
  readonly afterSeq: number;
  /** Characters of step afterSeq + 1's text already written. */
  readonly offset: number;
}

export interface ExportChunk {
  readonly text: string;
  /** Where the next chunk starts; null when the file is complete. */
  readonly next: ExportCursor | null;
  readonly mime: string;
  readonly fileName: string;
}

const MIME: Record<TraceFormat, string> = { json: 'application/json', csv: 'text/csv', mermaid: 'text/plain' };
const EXT: Record<TraceFormat, string> = { json: 'json', csv: 'csv', mermaid: 'mmd' };
const CSV_HEADER = 'seq,kind,event,channel,processes,payload,branch,virtual_time_ms,wall_ms\n';

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function branchOf(e: StoredRunEvent): number {
  const c = e.choice as { branch?: unknown } | null;
  return typeof c?.branch === 'number' ? c.branch : 0;
}

/** Mermaid text: `;` and `#` end or escape a statement, so they become entity codes. */
function mermaidText(s: string): string {
  return s
    .replace(/#/g, '#35;')
    .replace(/;/g, '#59;')
    .replace(/[\r\n]+/g, ' ');
}

export class TraceExport {
  constructor(
    private readonly db: Db,
    private readonly steps: StepReader,
  ) {}

  chunk(
    runId: number,
    format: TraceFormat,
    cursor: ExportCursor = { afterSeq: 0, offset: 0 },
    budget = 512 * 1024,
  ): ExportChunk {
    if (!(TRACE_FORMATS as readonly string[]).includes(format))
      throw badInput(`unknown trace format ${JSON.stringify(format)} (formats: ${TRACE_FORMATS.join(', ')})`);
    const run = this.db
      .prepare('SELECT id, last_seq, seed, outcome, label, started_at, ended_at FROM runs WHERE id = ?')
      .get(runId) as
      | {
          id: number;
          last_seq: number;
          seed: string | null;
          outcome: string | null;
          label: string | null;
          started_at: number;
          ended_at: number | null;
        }
      | undefined;
    if (run === undefined) throw badInput(`no run ${runId}`);
    const aliases = format === 'mermaid' ? this.participants(runId) : new Map<string, string>();
    const last = run.last_seq;
    let text = '';
    if (cursor.afterSeq === 0 && cursor.offset === 0) {
      if (format === 'json')
        text += `{"run":${JSON.stringify({ id: run.id, label: run.label, seed: run.seed, outcome: run.outcome, startedAt: run.started_at, endedAt: run.ended_at, steps: last })},"events":[`;
      else if (format === 'csv') text += CSV_HEADER;
      else
        text += `sequenceDiagram\n${[...aliases].map(([name, alias]) => `  participant ${alias} as ${mermaidText(name)}\n`).join('')}`;
    }
    let offset = cursor.offset;
    for (const e of this.steps.range(runId, cursor.afterSeq + 1, last)) {
      const piece = this.line(format, e, aliases);
      const room = budget - text.length;
      if (piece.length - offset > room) {
        // Split this step's text: the next chunk goes on from here.
        const take = Math.max(room, 1);
        text += piece.slice(offset, offset + take);
        return {
          text,
          next: { afterSeq: e.seq - 1, offset: offset + take },
          mime: MIME[format],
          fileName: `run-${runId}.${EXT[format]}`,
        };
      }
      text += piece.slice(offset);
      offset = 0;
    }
    if (format === 'json') text += ']}\n';
    return { text, next: null, mime: MIME[format], fileName: `run-${runId}.${EXT[format]}` };
  }

  /** One step's text in the format (JSON items after the first start with a comma). */
  private line(format: TraceFormat, e: StoredRunEvent, aliases: ReadonlyMap<string, string>): string {
    if (format === 'json') {
      const item = {
        seq: e.seq,
        kind: e.kind,
        event: e.event,
        processes: e.processes,
        ...(e.channel !== null ? { channel: e.channel } : {}),
        ...(e.payload !== null ? { payload: e.payload } : {}),
        ...(branchOf(e) !== 0 ? { branch: branchOf(e) } : {}),
        ...(e.outside !== null ? { outside: e.outside } : {}),
        time: e.virtualTime,
        wallMs: e.wallMs,
      };
      return `${e.seq === 1 ? '' : ','}\n${JSON.stringify(item)}`;
    }
    if (format === 'csv') {
      const payload = e.payload === null ? '' : JSON.stringify(e.payload);
      return `${[String(e.seq), e.kind, e.event, e.channel ?? '', e.processes.join(' '), payload, String(branchOf(e)), String(e.virtualTime), String(e.wallMs)].map(csvField).join(',')}\n`;
    }
    const ps = e.processes.map((p) => aliases.get(p) ?? mermaidText(p));
    const label = mermaidText(e.hidden && e.kind === 'event' ? `${e.event} (hidden)` : e.event);
    if (ps.length === 0) return `  %% ${e.seq}: ${label}\n`;
    if (ps.length === 1 || e.kind !== 'event') return `  Note over ${ps[0]!}: ${label}\n`;
    // A synchronisation: an arrow from the first process to each other one taking part.
    return ps
      .slice(1)
      .map((to) => `  ${ps[0]!}->>${to}: ${label}\n`)
      .join('');
  }

  /** Every process of the run, in the order its shapes were first seen, with a Mermaid-safe alias. */
  private participants(runId: number): Map<string, string> {
    const out = new Map<string, string>();
    for (const s of this.steps.shapes(runId))
      for (const p of s.processes) if (!out.has(p)) out.set(p, `p${out.size + 1}`);
    return out;
  }
}
