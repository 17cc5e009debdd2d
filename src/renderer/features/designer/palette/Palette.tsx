/**
 * The palette (the left sidebar view "Palette", a landmark there): every node kind, searchable. Drag a kind
 * onto the canvas to place it there, or press Enter (or click) to place it
 * in the middle of the view.
 */
import { useState } from 'react';
import type { ReactElement } from 'react';
import { useCanvas } from '../canvas/canvas-store';
import { PALETTE_MIME } from '../canvas/palette-drag';
import { useDocument } from '../document';
import { KindIcon } from '../kinds/KindIcon';
import { matchKinds, newNode } from '../kinds/kinds';
import type { KindInfo } from '../kinds/kinds';
import { besideAll, freeSpot } from './place';
import '../designer.css';

function place(info: KindInfo): void {
  const doc = useDocument.getState();
  if (!doc.workflow) return;
  const node = newNode(doc.workflow, info.kind);
  const centre = useCanvas.getState().viewCentre?.();
  const at = centre ? freeSpot(doc.workflow, { x: centre.x - 110, y: centre.y - 40 }) : besideAll(doc.workflow);
  if (doc.apply({ type: 'node.add', node, position: at }).ok) doc.select({ nodes: [node.id], edges: [] });
}

function Item({ info, disabled }: { info: KindInfo; disabled: boolean }): ReactElement {
  return (
    <li>
      <button
        type="button"
        className={`np-item dn-${info.family}`}
        draggable={!disabled}
        disabled={disabled}
        aria-label={`Add ${info.label}`}
        title={`${info.summary}. Drag onto the canvas, or press Enter to place it in the middle.`}
        onDragStart={(e) => {
          e.dataTransfer.setData(PALETTE_MIME, info.kind);
          e.dataTransfer.effectAllowed = 'copy';
        }}
        onClick={() => place(info)}
      >
        <span className="dn-icon">
          <KindIcon kind={info.kind} />
        </span>
        <span className="np-text">
          <span className="np-label">{info.label}</span>
          <span className="np-summary">{info.summary}</span>
        </span>
      </button>
    </li>
  );
}

export function Palette(): ReactElement {
  const [query, setQuery] = useState('');
  const open = useDocument((s) => s.workflow !== undefined);
  const kinds = matchKinds(query);
  const processes = kinds.filter((k) => k.family !== 'builtin');
  const builtins = kinds.filter((k) => k.family === 'builtin');
  return (
    <div className="node-palette">
      <input
        type="search"
        className="np-search"
        aria-label="Search node kinds"
        placeholder="Search nodes (timer, llm, queue…)"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {!open ? <p className="muted np-note">Open or create a workflow to place nodes.</p> : null}
      {processes.length > 0 ? (
        <section aria-label="Processes">
          <h3>Processes</h3>
          <ul>
            {processes.map((k) => (
              <Item key={k.kind} info={k} disabled={!open} />
            ))}
          </ul>
        </section>
      ) : null}
      {builtins.length > 0 ? (
        <section aria-label="Built-in nodes">
          <h3>Built-in nodes</h3>
          <ul>
            {builtins.map((k) => (
              <Item key={k.kind} info={k} disabled={!open} />
            ))}
          </ul>
        </section>
      ) : null}
      {kinds.length === 0 ? <p className="muted np-note">No node kind matches “{query}”.</p> : null}
    </div>
  );
}
