/**
 * Find a node (Ctrl+F): type part of a name, id or kind; Enter selects the
 * match and centres the canvas on it; Escape closes.
 */
import { useReactFlow } from '@xyflow/react';
import { useMemo, useState } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';
import { fuzzyMatch } from '../../../app/fuzzy';
import { useDocument } from '../document';
import { KindIcon } from '../kinds/KindIcon';
import { useCanvas } from './canvas-store';
import { NODE_WIDTH } from './geometry';
import type { DesignerEdge, DesignerNode } from './graph';

interface Hit {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly score: number;
}

const MAX_HITS = 12;

export function NodeSearch(): ReactElement {
  const workflow = useDocument((s) => s.workflow);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const flow = useReactFlow<DesignerNode, DesignerEdge>();
  const close = (): void => useCanvas.getState().openSearch(false);

  const hits = useMemo((): Hit[] => {
    if (!workflow) return [];
    const all = [
      ...workflow.processes.map((p) => ({ id: p.id, name: p.name, kind: p.kind as string })),
      ...workflow.buses.map((b) => ({ id: b.id, name: b.name, kind: 'bus' })),
    ];
    const scored: Hit[] = [];
    for (const n of all) {
      const m = fuzzyMatch(query, `${n.name} ${n.id} ${n.kind}`);
      if (m) scored.push({ ...n, score: m.score });
    }
    return scored.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name)).slice(0, MAX_HITS);
  }, [workflow, query]);

  const reveal = (hit: Hit | undefined): void => {
    if (!hit) return;
    useDocument.getState().select({ nodes: [hit.id], edges: [] });
    const node = flow.getNode(hit.id);
    if (node)
      void flow.setCenter(node.position.x + (node.width ?? NODE_WIDTH) / 2, node.position.y + (node.height ?? 80) / 2, {
        zoom: Math.max(flow.getZoom(), 1),
        duration: 250,
      });
    close();
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') close();
    else if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, hits.length - 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
    else if (e.key === 'Enter') reveal(hits[active]);
    else return;
    e.preventDefault();
  };

  return (
    <div className="node-search" role="dialog" aria-label="Find node">
      <input
        autoFocus
        type="search"
        aria-label="Find node by name"
        placeholder="Find node by name, id or kind"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={(e) => {
          if (!e.currentTarget.parentElement?.contains(e.relatedTarget)) close();
        }}
        aria-controls="node-search-hits"
        aria-activedescendant={hits[active] ? `node-hit-${hits[active].id}` : undefined}
      />
      <ul id="node-search-hits" role="listbox" aria-label="Matching nodes">
        {hits.map((h, i) => (
          <li
            key={h.id}
            id={`node-hit-${h.id}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : ''}
            onMouseDown={(e) => {
              e.preventDefault();
              reveal(h);
            }}
          >
            {h.kind === 'bus' ? <span className="hit-kind">bus</span> : <KindIcon kind={h.kind as never} size={14} />}
            <span className="hit-name">{h.name}</span>
            <span className="hit-id">{h.id}</span>
          </li>
        ))}
        {hits.length === 0 ? <li className="empty">No node matches “{query}”</li> : null}
      </ul>
    </div>
  );
}
