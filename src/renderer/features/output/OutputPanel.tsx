/**
 * Output tab: the host log, live, through the `host.log` stream (useStream:
 * credit, one batch per frame, resumed after a reconnect). Gaps and host
 * restarts are shown, not hidden.
 */
import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import { useStream } from '../../hooks';
import { useOutput } from './output-store';

/** Mounted once by the workbench, so the log is followed whether or not the tab shows. */
export function useFollowHostLog(): void {
  useStream(
    { stream: 'host.log' },
    {
      onEvents: (batch) => {
        const { generation, append } = useOutput.getState();
        append(batch.map((e) => ({ kind: 'entry', key: `${generation}:${e.seq}`, entry: e.data })));
      },
      onGap: (from, to) => {
        const { generation, append } = useOutput.getState();
        append([{ kind: 'gap', key: `${generation}:gap${from}-${to}`, from, to }]);
      },
      onReset: () => useOutput.getState().restart(),
    },
  );
}

export function OutputPanel(): ReactElement {
  const lines = useOutput((s) => s.lines);
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = body.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines]);
  return (
    <div className="output-body" ref={body} data-testid="output-log" tabIndex={0} aria-label="Host log">
      {lines.length === 0 && (
        <div className="output-empty">Host messages appear here: start-up, connections, warnings and errors.</div>
      )}
      {lines.map((line) =>
        line.kind === 'restart' ? (
          <div key={line.key} className="log-line log-gap">
            — host restarted —
          </div>
        ) : line.kind === 'gap' ? (
          <div key={line.key} className="log-line log-gap">
            … {line.to - line.from + 1} earlier line(s) not shown (older than the host keeps)
          </div>
        ) : (
          <div key={line.key} className={`log-line log-${line.entry.level}`}>
            <span className="log-time">{line.entry.at.slice(11, 19)}</span>
            <span className="log-level">{line.entry.level}</span>
            <span className="log-source">{line.entry.source}</span>
            <span className="log-message">{line.entry.message}</span>
          </div>
        ),
      )}
    </div>
  );
}

export function OutputActions(): ReactElement {
  const clear = useOutput((s) => s.clear);
  return (
    <button type="button" className="icon-button" onClick={clear} title="Clear the panel (the host keeps its log)">
      Clear
    </button>
  );
}
