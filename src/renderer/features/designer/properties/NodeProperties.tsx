/** Everything a process node holds: name, id, description, its kind's section, ports, replication and alphabet. */
import type { ReactElement } from 'react';
import type { ProcessNode } from '../../../../engine/workflow';
import { KindIcon } from '../kinds/KindIcon';
import { kindInfo } from '../kinds/kinds';
import { editNode, withOptional } from './edit';
import { CodeTextField, Section, TextField } from './fields';
import { KindSection } from './KindSections';
import { PortsEditor } from './PortsEditor';

export function NodeProperties({ node }: { node: ProcessNode }): ReactElement {
  const key = `node:${node.id}`;
  const info = kindInfo(node.kind);
  const edit = (f: (n: ProcessNode) => ProcessNode, c?: string) => editNode(node.id, f, c);
  return (
    <div className={`props dn-${info.family}`}>
      <header className="props-title">
        <span className="dn-icon">
          <KindIcon kind={node.kind} />
        </span>
        <div>
          <h2>{node.name}</h2>
          <span className="muted">{info.label}</span>
        </div>
      </header>
      <Section title="Node">
        <TextField
          targetKey={key}
          field="name"
          label="Name"
          value={node.name}
          hint="Shown on the canvas; the CSPm process name comes from it"
          commit={(text, c) => edit((n) => ({ ...n, name: text }), c)}
        />
        <TextField
          targetKey={key}
          field="id"
          label="Id"
          value={node.id}
          hint="Used in the file by edges (node.port); letters, digits, _ and -"
          commit={(text, c) => edit((n) => ({ ...n, id: text }), c)}
        />
        <TextField
          targetKey={key}
          field="description"
          label="Description"
          value={node.description ?? ''}
          commit={(text, c) => edit((n) => withOptional(n, 'description', text), c)}
        />
      </Section>
      <KindSection node={node} />
      <PortsEditor node={node} />
      <Section title="Replication and alphabet">
        <TextField
          targetKey={key}
          field="replicate"
          label="Replicate"
          value={node.replicate ?? ''}
          placeholder="one instance"
          hint='"i in {0..N-1}": one node drawn, one instance per value; index its ports with i'
          commit={(text, c) => edit((n) => withOptional(n, 'replicate', text.trim() === '' ? undefined : text), c)}
        />
        <CodeTextField
          targetKey={key}
          field="alphabet"
          label="Alphabet"
          language="cspm"
          rows={1}
          value={node.alphabet ?? ''}
          hint="A CSPm set overriding the alphabet derived from the ports (rarely needed)"
          commit={(text, c) => edit((n) => withOptional(n, 'alphabet', text.trim() === '' ? undefined : text), c)}
        />
      </Section>
    </div>
  );
}
