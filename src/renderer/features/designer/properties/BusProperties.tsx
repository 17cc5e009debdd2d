/** A bus: id, name, type, hidden, and its members (each removable). */
import type { ReactElement } from 'react';
import type { Bus } from '../../../../engine/workflow';
import { editBus, withOptional } from './edit';
import { CheckField, Section, TextField } from './fields';

export function BusProperties({ bus }: { bus: Bus }): ReactElement {
  const key = `bus:${bus.id}`;
  return (
    <div className="props">
      <header className="props-title">
        <div>
          <h2>{bus.name}</h2>
          <span className="muted">Bus: every member takes part in each event</span>
        </div>
      </header>
      <Section title="Bus">
        <TextField
          targetKey={key}
          field="name"
          label="Name"
          value={bus.name}
          commit={(text, c) => editBus(bus.id, (b) => ({ ...b, name: text }), c)}
        />
        <TextField
          targetKey={key}
          field="id"
          label="Id"
          value={bus.id}
          commit={(text, c) => editBus(bus.id, (b) => ({ ...b, id: text }), c)}
        />
        <TextField
          targetKey={key}
          field="type"
          label="Type"
          value={bus.type ?? ''}
          placeholder="bare events"
          commit={(text, c) =>
            editBus(bus.id, (b) => withOptional(b, 'type', text.trim() === '' ? undefined : text), c)
          }
        />
        <CheckField
          label="Hidden from the system's alphabet"
          checked={bus.hidden === true}
          onChange={(on) => editBus(bus.id, (b) => withOptional(b, 'hidden', on ? true : undefined))}
        />
      </Section>
      <Section title="Members">
        <ul className="member-list">
          {bus.members.map((m) => (
            <li key={m}>
              <code>{m}</code>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove member ${m}`}
                disabled={bus.members.length <= 2}
                title={bus.members.length <= 2 ? 'A bus joins at least two ports' : 'Remove from the bus'}
                onClick={() => editBus(bus.id, (b) => ({ ...b, members: b.members.filter((x) => x !== m) }))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <p className="muted">Drag from a port to the junction to add a member.</p>
      </Section>
    </div>
  );
}
