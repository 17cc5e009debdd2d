/** Small line icons for the run controls (drawn, so they look the same on every platform's fonts). */
import type { ReactElement } from 'react';

const PATHS: Record<string, ReactElement> = {
  run: <path d="M4 2.5v11l9-5.5z" fill="currentColor" stroke="none" />,
  pause: (
    <>
      <rect x="3.5" y="2.5" width="3" height="11" fill="currentColor" stroke="none" />
      <rect x="9.5" y="2.5" width="3" height="11" fill="currentColor" stroke="none" />
    </>
  ),
  step: <path d="M2 10a6 6 0 0 1 11-3M13 2.5V7H8.5M8 13h.01" />,
  stepBack: <path d="M14 10a6 6 0 0 0-11-3M3 2.5V7h4.5M8 13h.01" />,
  toBreakpoint: (
    <>
      <path d="M2.5 2.5v11l7-5.5z" fill="currentColor" stroke="none" />
      <rect x="11" y="2.5" width="2.5" height="11" fill="currentColor" stroke="none" />
    </>
  ),
  restart: <path d="M13 8a5 5 0 1 1-1.5-3.6M13 2.5v3.5H9.5" />,
  fork: <path d="M4 2.5v4a3 3 0 0 0 3 3h2a3 3 0 0 1 3 3v1M4 6.5v7M12 2.5v3" />,
  stop: <rect x="3.5" y="3.5" width="9" height="9" fill="currentColor" stroke="none" />,
  explore: <path d="M8 3v3M8 6L4 10M8 6l4 4M4 10v2.5M12 10v2.5M2.5 3h11" />,
  edit: <path d="M10.5 2.5l3 3-8 8H2.5v-3zM9 4l3 3" />,
};

export type RunIconName = keyof typeof PATHS;

export function RunIcon({ name }: { name: string }): ReactElement {
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {PATHS[name]}
    </svg>
  );
}
