/** The shipped examples, each one click from an editable copy on the canvas. */
import type { ReactElement } from 'react';
import { useHostQuery } from '../../../hooks';
import { createWorkflow } from '../open';

export function ExampleList({ onOpened, autoFocus }: { onOpened?: () => void; autoFocus?: boolean }): ReactElement {
  const examples = useHostQuery('workflows.examples', {}, { staleTime: Infinity });
  if (examples.isError) return <p className="error-text">Could not list the examples: {examples.error.message}</p>;
  if (!examples.data) return <p className="muted">Loading examples…</p>;
  return (
    <ul className="example-list" aria-label="Examples">
      {examples.data.examples.map((ex, i) => (
        <li key={ex.file}>
          <button
            type="button"
            className="example"
            data-autofocus={autoFocus && i === 0 ? true : undefined}
            aria-label={`Open example ${ex.name}`}
            onClick={() => {
              onOpened?.();
              void createWorkflow({ example: ex.file });
            }}
          >
            <span className="example-name">{ex.name}</span>
            <span className="example-description">{ex.description}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
