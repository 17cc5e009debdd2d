/**
 * While paused: the messages in flight (values queued on buffered edges and
 * buffer nodes, messages code nodes hold for their receivers), each with an
 * Edit control that opens a JSON editor on its current value. Save (or
 * Ctrl+Enter) applies it as a step of its own, Escape cancels; text that is
 * not JSON, or a value the channel does not take, is said beside the editor.
 * Messages of the edge or node selected on the canvas come first.
 */
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';
import { useDocument } from '../designer/document';
import { placeOf, sameMessage, useMessages } from './messages-store';
import type { MessageInFlight } from './messages-store';
import { editMessageInFlight } from './run-actions';
import { useRun } from './run-store';

const json = (v: unknown, pretty = false): string => JSON.stringify(v, null, pretty ? 2 : undefined) ?? 'null';

/** Reads the list again whenever the paused run stands at another step. */
function useMessagesOfPausedRun(): void {
  const runId = useRun((s) => s.run?.runId);
  const seq = useRun((s) => s.seq);
  const paused = useRun((s) => s.status === 'paused');
  const load = useMessages((s) => s.load);
  useEffect(() => {
    if (runId !== undefined && paused) void load(runId);
  }, [runId, seq, paused, load]);
}

function MessageEditor({ message, seq }: { message: MessageInFlight; seq: number }): ReactElement {
  const [text, setText] = useState(() => json(message.value, true));
  const [error, setError] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const edit = useMessages((s) => s.edit);
  const focus = useMessages((s) => s.focus);
  const area = useRef<HTMLTextAreaElement>(null);
  const where = `message ${message.index} on ${placeOf(message)}`;
  useEffect(() => {
    area.current?.focus();
    area.current?.select();
  }, [focus]);
  const save = async (): Promise<void> => {
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch (e) {
      setError(`Not JSON: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    setSaving(true);
    const refused = await editMessageInFlight(message, seq, value);
    setSaving(false);
    if (refused !== undefined) setError(refused);
    else edit(undefined);
  };
  const keys = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      edit(undefined);
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };
  return (
    <div className="run-message-editor" onKeyDown={keys}>
      <textarea
        ref={area}
        className="run-message-text"
        aria-label={`New value of ${where}`}
        aria-invalid={error !== undefined}
        aria-describedby={error !== undefined ? `edit-error-${message.holder}-${message.index}` : undefined}
        spellCheck={false}
        rows={Math.min(10, Math.max(2, text.split('\n').length))}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setError(undefined);
        }}
      />
      {error !== undefined ? (
        <p className="run-message-error" role="alert" id={`edit-error-${message.holder}-${message.index}`}>
          {error}
        </p>
      ) : null}
      <div className="run-inject">
        <button
          type="button"
          className="run-control primary"
          aria-label={`Save the new value of ${where}`}
          disabled={saving}
          onClick={() => void save()}
        >
          Save
        </button>
        <button
          type="button"
          className="run-control"
          aria-label={`Cancel editing ${where}`}
          onClick={() => edit(undefined)}
        >
          Cancel
        </button>
        <span className="run-enabled-procs">Ctrl+Enter saves · Escape cancels</span>
      </div>
    </div>
  );
}

export function MessagesPanel(): ReactElement | null {
  useMessagesOfPausedRun();
  const status = useRun((s) => s.status);
  const runId = useRun((s) => s.run?.runId);
  const { messages, seq, error, editing, edit } = useMessages();
  const selectedEdges = useDocument((s) => s.selection.edges);
  const selectedNodes = useDocument((s) => s.selection.nodes);
  const selected = [...selectedEdges, ...selectedNodes];
  if (status === 'running') {
    return (
      <section className="run-inspect" aria-label="Messages in flight">
        <h2 className="run-enabled-title">Messages in flight</h2>
        <p className="run-enabled-note">Pause (F6) to see and edit the messages in flight.</p>
      </section>
    );
  }
  const current = useMessages.getState().runId === runId;
  const shown = current ? [...messages] : [];
  // The selected edge's or node's messages first.
  shown.sort((a, b) => Number(selected.includes(placeOf(b))) - Number(selected.includes(placeOf(a))));
  return (
    <section className="run-inspect" aria-label="Messages in flight">
      <h2 className="run-enabled-title">
        Messages in flight
        {seq !== undefined && current ? <span className="run-enabled-procs"> · after step {seq}</span> : null}
      </h2>
      {error !== undefined && current ? (
        <p className="run-message-error" role="alert">
          {error}
        </p>
      ) : shown.length === 0 ? (
        <p className="run-enabled-note">
          None: no buffered edge or node holds a value, and no node waits to send one. Events that have not happened yet
          are in the list above.
        </p>
      ) : (
        <ul className="run-inspect-list">
          {shown.map((m) => {
            const where = `message ${m.index} on ${placeOf(m)}`;
            const open = sameMessage(editing, m);
            return (
              <li
                key={`${m.holder}:${m.index}`}
                aria-label={`Message ${m.index} on ${placeOf(m)}`}
                className={selected.includes(placeOf(m)) ? 'run-message selected' : 'run-message'}
              >
                <div className="run-message-head">
                  <code>
                    {placeOf(m)}[{m.index}]
                  </code>
                  <span className="run-enabled-procs">
                    {m.offered ? ' next' : ' queued'}
                    {m.channel !== undefined ? ` · leaves on ${m.channel}` : ''}
                  </span>
                  {open ? null : (
                    <button
                      type="button"
                      className="run-control"
                      aria-label={`Edit ${where}`}
                      title={`Edit ${where} (its JSON)`}
                      onClick={() => edit(m, true)}
                    >
                      Edit
                    </button>
                  )}
                </div>
                {open && seq !== undefined ? (
                  <MessageEditor key={`${seq}:${m.holder}:${m.index}`} message={m} seq={seq} />
                ) : (
                  <pre className="run-payload" aria-label={`Value of ${where}`}>
                    {json(m.value, true)}
                  </pre>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
