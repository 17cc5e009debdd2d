/**
 * The web menu bar (File, Edit, View, Run, Help), drawn from the same menu
 * model as the Electron native menu. WAI-ARIA menubar: Left/Right move across
 * menus, Down/Enter/Space open one, Up/Down/Home/End move in it, Enter runs,
 * Escape closes and returns to the bar.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';
import type { MenuModel } from '../commands';
import { commandRegistry, menuModel, useCommands } from '../commands';
import { isMac } from './platform';

export function MenuBar(): ReactElement {
  const commands = useCommands();
  const [open, setOpen] = useState<number | undefined>(undefined);
  const [focus, setFocus] = useState(0);
  // Enablement is read when a menu opens (`open` in the deps), so it is current.
  const model: MenuModel = useMemo(() => menuModel(commands, (c) => commandRegistry.isEnabled(c)), [commands, open]);
  const bar = useRef<HTMLDivElement>(null);
  const tops = useRef<Array<HTMLButtonElement | null>>([]);

  useEffect(() => {
    if (open === undefined) return;
    const onDown = (e: MouseEvent): void => {
      if (!bar.current?.contains(e.target as Node)) setOpen(undefined);
    };
    window.addEventListener('mousedown', onDown);
    return () => window.removeEventListener('mousedown', onDown);
  }, [open]);

  const moveTop = (to: number, keepOpen: boolean): void => {
    const n = model.length;
    const next = (to + n) % n;
    setFocus(next);
    setOpen(keepOpen ? next : undefined);
    tops.current[next]?.focus();
  };
  const onTopKey = (e: KeyboardEvent<HTMLButtonElement>, i: number): void => {
    if (e.key === 'ArrowRight') moveTop(i + 1, open !== undefined);
    else if (e.key === 'ArrowLeft') moveTop(i - 1, open !== undefined);
    else if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') setOpen(i);
    else if (e.key === 'Escape') setOpen(undefined);
    else return;
    e.preventDefault();
  };
  const closeToTop = (i: number): void => {
    setOpen(undefined);
    tops.current[i]?.focus();
  };
  const runItem = (id: string, i: number): void => {
    closeToTop(i);
    commandRegistry.run(id);
  };

  return (
    <div className="menubar" role="menubar" aria-label="Application menu" ref={bar}>
      {model.map((m, i) => (
        <div key={m.menu} className="menubar-entry">
          <button
            ref={(el) => {
              tops.current[i] = el;
            }}
            type="button"
            role="menuitem"
            aria-haspopup="menu"
            aria-expanded={open === i}
            tabIndex={focus === i ? 0 : -1}
            className={`menubar-item${open === i ? ' open' : ''}`}
            onClick={() => setOpen(open === i ? undefined : i)}
            onMouseEnter={() => open !== undefined && open !== i && setOpen(i)}
            onFocus={() => setFocus(i)}
            onKeyDown={(e) => onTopKey(e, i)}
          >
            {m.menu}
          </button>
          {open === i && (
            <MenuList
              items={m.items}
              label={m.menu}
              onRun={(id) => runItem(id, i)}
              onClose={() => closeToTop(i)}
              onSide={(d) => moveTop(i + d, true)}
            />
          )}
        </div>
      ))}
    </div>
  );
}

function MenuList({
  items,
  label,
  onRun,
  onClose,
  onSide,
}: {
  items: MenuModel[number]['items'];
  label: string;
  onRun(id: string): void;
  onClose(): void;
  onSide(direction: 1 | -1): void;
}): ReactElement {
  const refs = useRef<Array<HTMLElement | null>>([]);
  const [active, setActive] = useState(0);
  useEffect(() => refs.current[active]?.focus(), [active]);
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>): void => {
    const n = items.length;
    if (e.key === 'ArrowDown') setActive((a) => (a + 1) % n);
    else if (e.key === 'ArrowUp') setActive((a) => (a - 1 + n) % n);
    else if (e.key === 'Home') setActive(0);
    else if (e.key === 'End') setActive(n - 1);
    else if (e.key === 'ArrowRight') onSide(1);
    else if (e.key === 'ArrowLeft') onSide(-1);
    else if (e.key === 'Escape' || e.key === 'Tab') onClose();
    else if (e.key === 'Enter' || e.key === ' ') {
      const item = items[active];
      if (item?.enabled) onRun(item.id);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <ul className="menu" role="menu" aria-label={label} onKeyDown={onKeyDown}>
      {items.map((item, i) => (
        <li key={item.id} role="none" className={item.separatorBefore ? 'menu-group-start' : undefined}>
          <span
            ref={(el) => {
              refs.current[i] = el;
            }}
            role="menuitem"
            tabIndex={-1}
            aria-disabled={!item.enabled}
            aria-keyshortcuts={item.accelerator?.replace('CmdOrCtrl', 'Control')}
            className={`menu-item${item.enabled ? '' : ' disabled'}`}
            onMouseEnter={() => setActive(i)}
            onClick={() => item.enabled && onRun(item.id)}
          >
            <span className="menu-label">{item.label}</span>
            {item.accelerator && (
              <span className="menu-keys">
                {isMac ? item.accelerator.replace('CmdOrCtrl+', '⌘') : item.accelerator.replace('CmdOrCtrl', 'Ctrl')}
              </span>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
