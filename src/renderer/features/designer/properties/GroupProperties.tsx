/** A group: name, id, description, collapsed or not, its members (each removable), and Ungroup. */
import type { ReactElement } from 'react';
import type { Group, Workflow } from '../../../../engine/workflow';
import { toggleGroup } from '../canvas/GroupNodeView';
import { useDocument } from '../document';
import { applyChange, withOptional } from './edit';
import { CheckField, Section, TextField } from './fields';

function editGroup(id: string, f: (g: Group) => Group, c?: string): string | undefined {
  const g = useDocument.getState().workflow?.groups.find((x) => x.id === id);
  return g ? applyChange({ type: 'group.update', id, group: f(g) }, c) : `no group "${id}"`;
}

export function GroupProperties({ workflow, group }: { workflow: Workflow; group: Group }): ReactElement {
  const key = `group:${group.id}`;
  const nameOf = (id: string): string =>
    workflow.processes.find((p) => p.id === id)?.name ?? workflow.buses.find((b) => b.id === id)?.name ?? id;
  return (
    <div className="props">
      <header className="props-title">
        <div>
          <h2>{group.name}</h2>
          <span className="muted">Group of {group.members.length}: drawn together, no effect on what is checked</span>
        </div>
      </header>
      <Section title="Group">
        <TextField
          targetKey={key}
          field="name"
          label="Name"
          value={group.name}
          commit={(text, c) => editGroup(group.id, (g) => ({ ...g, name: text }), c)}
        />
        <TextField
          targetKey={key}
          field="id"
          label="Id"
          value={group.id}
          commit={(text, c) => editGroup(group.id, (g) => ({ ...g, id: text }), c)}
        />
        <TextField
          targetKey={key}
          field="description"
          label="Description"
          value={group.description ?? ''}
          commit={(text, c) => editGroup(group.id, (g) => withOptional(g, 'description', text), c)}
        />
        <CheckField
          label="Collapsed into one node"
          checked={group.collapsed === true}
          onChange={() => toggleGroup(group.id)}
        />
        <button type="button" className="button" onClick={() => applyChange({ type: 'group.dissolve', id: group.id })}>
          Ungroup
        </button>
      </Section>
      <Section title="Members">
        <ul className="member-list">
          {group.members.map((m) => (
            <li key={m}>
              <span>
                {nameOf(m)} <code>{m}</code>
              </span>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${nameOf(m)} from the group`}
                disabled={group.members.length <= 1}
                onClick={() => editGroup(group.id, (g) => ({ ...g, members: g.members.filter((x) => x !== m) }))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
