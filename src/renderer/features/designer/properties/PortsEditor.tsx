/**
 * A node's ports: name, direction, type, index (replicated nodes) and
 * description per row; add and remove. Renaming a port moves its edges;
 * removing one removes its edges (undoable like any edit).
 */
import type { ReactElement } from 'react';
import type { Port, ProcessNode } from '../../../../engine/workflow';
import { TextField, Section } from './fields';
import { currentNode, editNode, withOptional } from './edit';

function freePortName(node: ProcessNode, dir: 'in' | 'out'): string {
  const names = new Set(node.ports.map((p) => p.name));
  const base = dir === 'in' ? 'in' : 'out';
  if (!names.has(base)) return base;
  for (let n = 2; ; n++) if (!names.has(`${base}${n}`)) return `${base}${n}`;
}

function setPort(node: ProcessNode, index: number, port: Port): ProcessNode {
  const ports = node.ports.slice();
  ports[index] = port;
  return { ...node, ports } as ProcessNode;
}

function PortRow({ node, index, port }: { node: ProcessNode; index: number; port: Port }): ReactElement {
  const key = `node:${node.id}`;
  const path = `ports[${index}]`;
  const edit = (f: (p: Port) => Port, coalesce: string, renames?: Record<string, string>) =>
    editNode(
      node.id,
      (n) => {
        const current = n.ports[index];
        return current ? setPort(n, index, f(current)) : n;
      },
      coalesce,
      renames,
    );
  return (
    <fieldset className="port-row" aria-label={`Port ${port.name}`}>
      <div className="port-row-head">
        <button
          type="button"
          className={`port-dir ${port.dir}`}
          aria-label={`Direction of ${port.name}: ${port.dir === 'in' ? 'input' : 'output'} (click to switch)`}
          title="Input or output (click to switch)"
          onClick={() => edit((p) => ({ ...p, dir: p.dir === 'in' ? 'out' : 'in' }), 'port-dir')}
        >
          {port.dir === 'in' ? '→ in' : 'out →'}
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Remove port ${port.name}`}
          title="Remove port (and its edges)"
          onClick={() =>
            editNode(node.id, (n) => ({ ...n, ports: n.ports.filter((_, i) => i !== index) }) as ProcessNode)
          }
        >
          ×
        </button>
      </div>
      <TextField
        targetKey={key}
        field={`${path}.name`}
        label="Port name"
        value={port.name}
        commit={(text, c) => {
          const old = currentNameAt(node.id, index);
          return edit(
            (p) => ({ ...p, name: text }),
            c,
            old !== undefined && old !== text && text !== '' ? { [old]: text } : undefined,
          );
        }}
      />
      <TextField
        targetKey={key}
        field={`${path}.type`}
        label="Type"
        value={port.type ?? ''}
        placeholder="bare event"
        hint="A CSPm type ({0..3}, Bool, Msg), json for JSON payloads, empty for a bare event"
        commit={(text, c) => edit((p) => withOptional(p, 'type', text.trim() === '' ? undefined : text), c)}
      />
      {node.replicate !== undefined ? (
        <TextField
          targetKey={key}
          field={`${path}.index`}
          label="Index"
          value={port.index ?? ''}
          placeholder="shared by all instances"
          commit={(text, c) => edit((p) => withOptional(p, 'index', text.trim() === '' ? undefined : text), c)}
        />
      ) : null}
      <TextField
        targetKey={key}
        field={`${path}.description`}
        label="Port description"
        value={port.description ?? ''}
        commit={(text, c) => edit((p) => withOptional(p, 'description', text), c)}
      />
    </fieldset>
  );
}

/** The port's name in the newest document (the name being replaced by a rename). */
function currentNameAt(nodeId: string, index: number): string | undefined {
  return currentNode(nodeId)?.ports[index]?.name;
}

export function PortsEditor({ node }: { node: ProcessNode }): ReactElement {
  const add = (dir: 'in' | 'out') =>
    editNode(
      node.id,
      (n) =>
        ({
          ...n,
          ports: [...n.ports, { name: freePortName(n, dir), dir, ...(n.kind === 'csp' ? {} : { type: 'json' }) }],
        }) as ProcessNode,
    );
  return (
    <Section
      title="Ports"
      actions={
        <span className="section-actions">
          <button type="button" onClick={() => add('in')}>
            + Input
          </button>
          <button type="button" onClick={() => add('out')}>
            + Output
          </button>
        </span>
      }
    >
      {node.ports.length === 0 ? (
        <p className="muted">No ports: the node talks to nothing. Add an input or an output.</p>
      ) : null}
      {node.ports.map((port, i) => (
        <PortRow key={i} node={node} index={i} port={port} />
      ))}
    </Section>
  );
}
