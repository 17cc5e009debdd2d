/**
 * A scroller that draws only the rows in view, for any number of rows (the
 * scrollbar is scaled past a few million pixels, see scroll-math.ts). Rows
 * have one fixed height; the caller draws each one from its index.
 */
import { forwardRef, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';
import type { CSSProperties, KeyboardEvent, ReactNode, Ref } from 'react';
import { geometry, scrollTopFor, visibleRange } from './scroll-math';

export interface VirtualRowsHandle {
  scrollToIndex(index: number): void;
  scrollToEnd(): void;
}

export interface VirtualRowsProps {
  count: number;
  rowHeight: number;
  renderRow(index: number, style: CSSProperties): ReactNode;
  /** The rows in view changed (load what they need). */
  onRange?(first: number, last: number): void;
  /** The user scrolled (not a scrollToIndex): `atEnd` when the last row is in view. */
  onUserScroll?(atEnd: boolean): void;
  onKeyDown?(e: KeyboardEvent<HTMLDivElement>): void;
  className?: string;
  /** Drawn above the rows, outside the scrolled content (column headers). */
  header?: ReactNode;
  /** Put the header inside the scroller, stuck to its top, so it scrolls sideways with wide rows. */
  stickyHeader?: boolean;
  /** Width of the rows when wider than the view (scrolls sideways). */
  contentWidth?: number;
  role?: string;
  label: string;
  rowCountForAria?: number;
}

function VirtualRowsInner(props: VirtualRowsProps, ref: Ref<VirtualRowsHandle>): ReactNode {
  const { count, rowHeight, renderRow, onRange, onUserScroll } = props;
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(300);
  const programmatic = useRef(false);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    setViewport(el.clientHeight);
    return () => observer.disconnect();
  }, []);
  const g = geometry(count, rowHeight, viewport);
  const range = visibleRange(count, rowHeight, viewport, scrollTop, g);

  useImperativeHandle(ref, () => ({
    scrollToIndex: (index) => {
      const el = box.current;
      if (!el) return;
      const top = scrollTopFor(index, rowHeight, el.clientHeight, el.scrollTop, g);
      if (top !== el.scrollTop) {
        programmatic.current = true;
        el.scrollTop = top;
        setScrollTop(top);
      }
    },
    scrollToEnd: () => {
      const el = box.current;
      if (!el) return;
      const top = Math.max(0, g.contentHeight - el.clientHeight);
      if (top !== el.scrollTop) {
        programmatic.current = true;
        el.scrollTop = top;
        setScrollTop(top);
      }
    },
  }));

  const { first, last } = range;
  useLayoutEffect(() => {
    onRange?.(first, last);
  }, [first, last, onRange]);

  const rows: ReactNode[] = [];
  for (let i = range.first; i < range.last; i++) {
    rows.push(
      renderRow(i, {
        position: 'absolute',
        left: 0,
        right: 0,
        top: scrollTop + i * rowHeight - range.offset,
        height: rowHeight,
      }),
    );
  }
  return (
    <div
      className={`vrows ${props.className ?? ''}`}
      role={props.role ?? 'table'}
      aria-label={props.label}
      aria-rowcount={props.rowCountForAria ?? count}
    >
      {!props.stickyHeader && props.header}
      <div
        ref={box}
        className="vrows-scroll"
        role="rowgroup"
        tabIndex={0}
        onKeyDown={props.onKeyDown}
        onScroll={(e) => {
          const el = e.currentTarget;
          setScrollTop(el.scrollTop);
          if (programmatic.current) programmatic.current = false;
          else onUserScroll?.(el.scrollTop + el.clientHeight >= g.contentHeight - rowHeight);
        }}
      >
        {props.stickyHeader && props.header}
        <div
          className="vrows-content"
          style={{ height: g.contentHeight, ...(props.contentWidth ? { width: props.contentWidth } : {}) }}
        >
          {rows}
        </div>
      </div>
    </div>
  );
}

export const VirtualRows = forwardRef(VirtualRowsInner);
