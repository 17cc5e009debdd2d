/** An edge and its channel record: id, ends, name, type, buffer capacity, close, hidden, JSON abstraction. */
import type { ReactElement } from 'react';
import type { Channel, Edge, Workflow } from '../../../../engine/workflow';
import { selectedEdgeToBus } from '../canvas/edge-to-bus';
import { edgeType } from '../canvas/graph';
import { useDocument } from '../document';
import { applyChange, editChannel, withOptional } from './edit';
import { CheckField, CodeTextField, jsonText, parseJson, parseNumber, Section, TextField } from './fields';
import type { Commit } from './use-field';

export function EdgeProperties({ workflow, edge }: { workflow: Workflow; edge: Edge }): ReactElement {
  const key = `edge:${edge.id}`;
  const channel = edge.channel === undefined ? undefined : workflow.channels.find((c) => c.id === edge.channel);
  const type = edgeType(workflow, edge, channel);
  const set =
    (
      k: keyof Channel,
      parse: (text: string) => { ok: true; value: unknown } | { ok: false; reason: string } = (t) => ({
        ok: true,
        value: t.trim() === '' ? undefined : t,
      }),
    ): Commit =>
    (text, c) => {
      const v = parse(text);
      if (!v.ok) return v.reason;
      return editChannel(edge.id, (ch) => withOptional(ch, k, v.value), c);
    };
  const flag = (k: 'close' | 'hidden') => (on: boolean) =>
    editChannel(edge.id, (ch) => withOptional(ch, k, on ? true : undefined));
  return (
    <div className="props">
      <header className="props-title">
        <div>
          <h2>{channel?.name ?? edge.id}</h2>
          <span className="muted">
            {edge.from} → {edge.to} · {type === '' ? 'bare events' : type}
          </span>
        </div>
      </header>
      <Section title="Edge">
        <TextField
          targetKey={key}
          field="id"
          label="Id"
          value={edge.id}
          hint="Without a channel name, the CSPm channel is named after the id"
          commit={(text, c) => applyChange({ type: 'edge.update', id: edge.id, edge: { ...edge, id: text } }, c)}
        />
        <p className="muted">
          From <code>{edge.from}</code> to <code>{edge.to}</code>
        </p>
        <button
          type="button"
          className="button"
          title="A bus makes every member take part in each event; drag more ports to its junction"
          onClick={() => {
            const r = selectedEdgeToBus();
            if (r !== undefined) useDocument.getState().refuse('Turn edge into bus', r);
          }}
        >
          Turn into a bus
        </button>
      </Section>
      <Section title="Channel">
        <TextField
          targetKey={key}
          field="channel.name"
          label="Channel name"
          value={channel?.name ?? ''}
          placeholder={edge.id}
          commit={set('name', (t) => ({ ok: true, value: t.trim() === '' ? edge.id : t }))}
        />
        <TextField
          targetKey={key}
          field="channel.type"
          label="Type"
          value={channel?.type ?? ''}
          placeholder={type === '' ? 'bare events' : type}
          hint="Leave empty to take the ports' type"
          commit={set('type')}
        />
        <TextField
          targetKey={key}
          field="channel.capacity"
          label="Capacity"
          value={channel?.capacity?.toString() ?? ''}
          placeholder="synchronous"
          hint="Empty: a synchronous channel. n: a buffer of n values (drawn dashed)"
          commit={set('capacity', (t) => parseNumber(t, 'capacity'))}
        />
        <TextField
          targetKey={key}
          field="channel.checkCapacity"
          label="Capacity for checks"
          value={channel?.checkCapacity?.toString() ?? ''}
          placeholder="the capacity"
          hint="A smaller buffer for the checker when the real one explodes (listed as an assumption)"
          commit={set('checkCapacity', (t) => parseNumber(t, 'check capacity'))}
        />
        <CheckField label="Can be closed (close events)" checked={channel?.close === true} onChange={flag('close')} />
        <CheckField
          label="Hidden from the system's alphabet"
          checked={channel?.hidden === true}
          onChange={flag('hidden')}
        />
        <TextField
          targetKey={key}
          field="channel.description"
          label="Description"
          value={channel?.description ?? ''}
          commit={set('description')}
        />
        <CodeTextField
          targetKey={key}
          field="channel.json"
          label="JSON channel (checkType, abstraction, fallback, schema)"
          language="json"
          rows={2}
          value={jsonText(channel?.json)}
          hint='For json ports: { "checkType": "Reply", "abstraction": [ { "match": {…}, "as": "Accept" } ], "fallback": "Other" }'
          commit={set('json', (t) => parseJson(t, 'json'))}
        />
      </Section>
    </div>
  );
}
