/** One small icon per node kind (the palette, canvas nodes and the properties header share them). */
import type { ReactElement } from 'react';
import type { NodeKind } from './kinds';

const PATHS: Record<NodeKind, ReactElement> = {
  // Two arrows: processes that communicate.
  csp: (
    <>
      <path d="M3 5h9l-2.5-2.5M13 11H4l2.5 2.5" />
    </>
  ),
  script: <path d="M6 3 3 8l3 5M10 3l3 5-3 5" />,
  agent: (
    <>
      <path d="M8 2v2M4.5 5h7a1.5 1.5 0 0 1 1.5 1.5v4A1.5 1.5 0 0 1 11.5 12h-7A1.5 1.5 0 0 1 3 10.5v-4A1.5 1.5 0 0 1 4.5 5Z" />
      <path d="M6 8.2v.6M10 8.2v.6M6.5 14h3" />
    </>
  ),
  timer: (
    <>
      <circle cx="8" cy="9" r="5" />
      <path d="M8 6.5V9l1.8 1.2M6.5 2h3" />
    </>
  ),
  inject: <path d="M4 3v10l8-5-8-5Z" />,
  log: <path d="M3 4h10M3 8h10M3 12h6" />,
  map: <path d="M10.5 2.5c-2 0-2.5 1.5-2.8 3.5L6.8 11c-.3 1.5-.9 2.5-2.3 2.5M5 7h6" />,
  filter: <path d="M2.5 3h11L9.5 8v5l-3-1.5V8L2.5 3Z" />,
  buffer: (
    <>
      <rect x="3" y="2.5" width="10" height="3" rx="0.8" />
      <rect x="3" y="6.5" width="10" height="3" rx="0.8" />
      <rect x="3" y="10.5" width="10" height="3" rx="0.8" />
    </>
  ),
  merge: <path d="M3 3c0 3.5 5 3.5 5 6.5V13M13 3c0 3.5-5 3.5-5 6.5" />,
  split: <path d="M8 3v3.5C8 9.5 3 9.5 3 13M8 6.5c0 3 5 3 5 6.5" />,
  http: (
    <>
      <circle cx="8" cy="8" r="5.5" />
      <path d="M2.5 8h11M8 2.5c1.8 1.6 1.8 9.4 0 11M8 2.5c-1.8 1.6-1.8 9.4 0 11" />
    </>
  ),
};

export function KindIcon({ kind, size = 16 }: { kind: NodeKind; size?: number }): ReactElement {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {PATHS[kind]}
    </svg>
  );
}

export function BusIcon({ size = 16 }: { size?: number }): ReactElement {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      aria-hidden="true"
    >
      <path d="M2 8h12M4 4l4 4-4 4M12 4 8 8l4 4" />
    </svg>
  );
}
