/**
 * A list that renders only the rows in view (fixed row height), so ten
 * thousand problems or trace rows cost what forty do. The list is a
 * `role="list"`; rows render as list items.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import type { ReactElement, ReactNode } from 'react';

export interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  label: string;
  keyOf(item: T, index: number): string;
  renderRow(item: T, index: number): ReactNode;
  /** Rows drawn above and below the visible ones. */
  overscan?: number;
}

export function VirtualList<T>({
  items,
  rowHeight,
  label,
  keyOf,
  renderRow,
  overscan = 8,
}: VirtualListProps<T>): ReactElement {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i] as T;
    rows.push(
      <li key={keyOf(item, i)} className="vrow" style={{ top: i * rowHeight, height: rowHeight }}>
        {renderRow(item, i)}
      </li>,
    );
  }
  return (
    <div className="vlist" ref={box} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <ul role="list" aria-label={label} className="vlist-inner" style={{ height: items.length * rowHeight }}>
        {rows}
      </ul>
    </div>
  );
}
