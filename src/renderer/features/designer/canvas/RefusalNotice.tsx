/** Says why the last edit was refused (a connection of the wrong type, a paste of text that is not a workflow), then fades. */
import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useDocument } from '../document';

const SHOWN_MS = 6000;

export function RefusalNotice(): ReactElement | null {
  const refusal = useDocument((s) => s.refusal);
  const [hidden, setHidden] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (!refusal) return;
    const timer = setTimeout(() => setHidden(refusal.seq), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [refusal]);
  if (!refusal || hidden === refusal.seq) return null;
  return (
    <div className="refusal-notice" role="status">
      <strong>{refusal.label}:</strong> {refusal.reason}
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setHidden(refusal.seq)}>
        ×
      </button>
    </div>
  );
}
