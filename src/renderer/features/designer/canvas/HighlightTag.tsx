/** The label over a highlighted node ("step 6 · lefthand.0.up"): says why it is lit, in words, not colour alone. */
import type { ReactElement } from 'react';

export function HighlightTag({ label, of }: { label: string | undefined; of: string }): ReactElement | null {
  if (label === undefined || label === '') return null;
  return (
    <span className="dn-lit" role="note" aria-label={`Highlighted on ${of}: ${label}`} title={label}>
      {label}
    </span>
  );
}
