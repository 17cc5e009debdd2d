/**
 * A resize handle between two panels: drag it with the mouse, or focus it and
 * use the arrow keys (Shift for bigger steps), Home/End for the limits.
 * `role="separator"` with its value, as the WAI-ARIA window splitter pattern.
 */
import { useRef } from 'react';
import type { KeyboardEvent, PointerEvent, ReactElement } from 'react';

export interface SplitterProps {
  /** 'vertical' separates columns (drag left/right); 'horizontal' separates rows. */
  orientation: 'vertical' | 'horizontal';
  label: string;
  value: number;
  min: number;
  max: number;
  /** +1 when dragging right/down grows the panel, -1 when it shrinks it. */
  direction: 1 | -1;
  onChange(value: number): void;
}

export function Splitter({ orientation, label, value, min, max, direction, onChange }: SplitterProps): ReactElement {
  const start = useRef<{ pointer: number; value: number } | undefined>(undefined);
  const clamp = (v: number): number => Math.min(max, Math.max(min, v));
  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    start.current = { pointer: orientation === 'vertical' ? e.clientX : e.clientY, value };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    const s = start.current;
    if (!s) return;
    const now = orientation === 'vertical' ? e.clientX : e.clientY;
    onChange(clamp(s.value + direction * (now - s.pointer)));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>): void => {
    start.current = undefined;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const step = e.shiftKey ? 64 : 16;
    const grow: Record<string, number> =
      orientation === 'vertical' ? { ArrowRight: 1, ArrowLeft: -1 } : { ArrowDown: 1, ArrowUp: -1 };
    const sign = grow[e.key];
    if (sign !== undefined) onChange(clamp(value + sign * direction * step));
    else if (e.key === 'Home') onChange(min);
    else if (e.key === 'End') onChange(max);
    else return;
    e.preventDefault();
  };
  return (
    <div
      className={`splitter splitter-${orientation}`}
      role="separator"
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
