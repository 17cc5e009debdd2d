/** The app: the workbench (see app/Workbench.tsx). Providers are set up in main.tsx. */
import type { ReactElement } from 'react';
import { Workbench } from './app/Workbench';

export function App({ onRetry }: { onRetry: () => void }): ReactElement {
  return <Workbench onRetry={onRetry} />;
}
