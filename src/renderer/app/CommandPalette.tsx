/**
 * The command palette (Ctrl/Cmd+Shift+P): every command with its category and
 * shortcut, filtered fuzzily as you type; arrows move, Enter runs, Escape
 * closes. Disabled commands are listed, greyed, so people learn they exist.
 * ARIA combobox + listbox pattern.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactElement, ReactNode } from 'react';
import type { Command } from '../commands';
import { commandRegistry, formatChord, useCommands } from '../commands';
import { useOverlay } from '../state/overlay-store';
import { fuzzyFilter } from './fuzzy';
import { isMac } from './platform';

function label(c: Command): string {
  return `${c.category}: ${c.title}`;
}

function highlight(text: string, positions: readonly number[]): ReactNode {
  if (positions.length === 0) return text;
  const set = new Set(positions);
  return [...text].map((ch, i) => (set.has(i) ? <mark key={i}>{ch}</mark> : ch));
}

export function CommandPalette(): ReactElement | null {
  const open = useOverlay((s) => s.open === 'palette');
  if (!open) return null;
  return <PaletteBody />;
}

function PaletteBody(): ReactElement {
  const close = useOverlay((s) => s.close);
  const commands = useCommands();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  // `when` is read once per opening: the palette shows what is enabled now.
  const enabled = useMemo(() => new Map(commands.map((c) => [c.id, commandRegistry.isEnabled(c)])), [commands]);
  const results = useMemo(() => fuzzyFilter(commands, query, label), [commands, query]);
  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const run = (c: Command | undefined): void => {
    if (!c || !enabled.get(c.id)) return;
    close();
    // After the palette is gone, so focus-dependent commands see the workbench.
    requestAnimationFrame(() => commandRegistry.run(c.id));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    const n = results.length;
    if (e.key === 'ArrowDown') setActive((a) => (n === 0 ? 0 : (a + 1) % n));
    else if (e.key === 'ArrowUp') setActive((a) => (n === 0 ? 0 : (a - 1 + n) % n));
    else if (e.key === 'PageDown') setActive((a) => Math.min(n - 1, a + 8));
    else if (e.key === 'PageUp') setActive((a) => Math.max(0, a - 8));
    else if (e.key === 'Enter') run(results[active]?.item);
    else if (e.key === 'Escape') close();
    else return;
    e.preventDefault();
  };
  const activeId = results[active] ? `palette-${results[active].item.id}` : undefined;
  return (
    <div className="overlay overlay-top" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette">
        <input
          className="palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={activeId}
          aria-autocomplete="list"
          aria-label="Type a command"
          placeholder="Type a command…"
          autoFocus
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <ul className="palette-list" id="palette-list" role="listbox" aria-label="Commands" ref={list}>
          {results.length === 0 && <li className="palette-empty">No command matches “{query}”.</li>}
          {results.map(({ item, match }, i) => {
            const on = enabled.get(item.id) ?? false;
            const text = label(item);
            return (
              <li
                key={item.id}
                id={`palette-${item.id}`}
                data-index={i}
                role="option"
                aria-selected={i === active}
                aria-disabled={!on}
                aria-label={item.keys?.[0] ? `${text} (${formatChord(item.keys[0], isMac)})` : text}
                className={`palette-item${i === active ? ' active' : ''}${on ? '' : ' disabled'}`}
                onMouseMove={() => setActive(i)}
                onClick={() => run(item)}
              >
                <span className="palette-title">{highlight(text, match.positions)}</span>
                <span className="palette-keys">
                  {(item.keys ?? []).map((k) => (
                    <kbd key={k} className="kbd">
                      {formatChord(k, isMac)}
                    </kbd>
                  ))}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
