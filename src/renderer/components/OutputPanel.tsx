/**
 * Output panel: the host log, live, through the `host.log` stream (credit-based;
 * gaps are shown, not hidden). The lines are view state of this panel only.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import type { LogEntry } from '../../shared/protocol';
import { useConnection } from '../state/connection-store';
import { useUi } from '../state/ui-store';
import { TerminalIcon } from './icons';

type Line =
  | { kind: 'entry'; seq: number; gen: number; entry: LogEntry }
  | { kind: 'gap'; seq: number; from: number; to: number }
  | { kind: 'restart'; seq: number };

const MAX_LINES = 500;

export function OutputPanel(): ReactElement | null {
  const open = useUi((s) => s.outputOpen);
  const toggleOutput = useUi((s) => s.toggleOutput);
  const client = useConnection((s) => s.client);
  const instanceId = useConnection((s) => s.hello?.host.instanceId);
  const [lines, setLines] = useState<Line[]>([]);
  const lastSeq = useRef(0);
  const lastInstance = useRef<string | undefined>(undefined);
  const generation = useRef(0);
  const body = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!client) return;
    // A restarted host numbers its log from 1 again: start over, and say so.
    if (lastInstance.current !== undefined && lastInstance.current !== instanceId) {
      lastSeq.current = 0;
      generation.current++;
      setLines((prev) => [...prev, { kind: 'restart', seq: -Date.now() }]);
    }
    lastInstance.current = instanceId;
    let closed = false;
    let close: (() => Promise<void>) | undefined;
    const push = (line: Line): void => setLines((prev) => [...prev.slice(-(MAX_LINES - 1)), line]);
    client
      .subscribe('host.log', {
        sinceSeq: lastSeq.current,
        onEvent: (entry, seq) => {
          lastSeq.current = seq;
          push({ kind: 'entry', seq, gen: generation.current, entry });
        },
        onGap: (from, to) => push({ kind: 'gap', seq: from, from, to }),
      })
      .then((sub) => {
        if (closed) void sub.close().catch(() => undefined);
        else close = sub.close;
      })
      .catch(() => undefined);
    return () => {
      closed = true;
      void close?.().catch(() => undefined);
    };
  }, [client, instanceId]);

  useEffect(() => {
    const el = body.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines]);

  if (!open) return null;
  return (
    <section className="output-panel" aria-label="Output">
      <header className="panel-header">
        <TerminalIcon size={14} />
        <span className="panel-title">Output</span>
        <span className="panel-sub">host log</span>
        <span className="panel-spacer" />
        <button type="button" className="icon-button" onClick={() => setLines([])} title="Clear the panel (the host keeps its log)">
          Clear
        </button>
        <button type="button" className="icon-button" aria-label="Hide output panel" title="Hide (Ctrl+J)" onClick={() => toggleOutput(false)}>
          ×
        </button>
      </header>
      <div className="output-body" ref={body} data-testid="output-log">
        {lines.length === 0 && <div className="output-empty">Host messages appear here: start-up, connections, warnings and errors.</div>}
        {lines.map((line) =>
          line.kind === 'restart' ? (
            <div key={`restart${line.seq}`} className="log-line log-gap">
              — host restarted —
            </div>
          ) : line.kind === 'gap' ? (
            <div key={`gap${line.from}-${line.to}-${line.seq}`} className="log-line log-gap">
              … {line.to - line.from + 1} earlier line(s) not shown (older than the host keeps)
            </div>
          ) : (
            <div key={`${line.gen}:${line.seq}`} className={`log-line log-${line.entry.level}`}>
              <span className="log-time">{line.entry.at.slice(11, 19)}</span>
              <span className="log-level">{line.entry.level}</span>
              <span className="log-source">{line.entry.source}</span>
              <span className="log-message">{line.entry.message}</span>
            </div>
          ),
        )}
      </div>
    </section>
  );
}
