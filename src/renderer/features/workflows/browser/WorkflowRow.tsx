/**
 * One stored workflow in the browser: click or Enter opens it; F2 or the
 * pencil renames it in place; Duplicate and Delete sit beside it.
 */
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';
import type { WorkflowSummary } from '../../../../shared/protocol/methods/workflows';
import { CloseIcon, CopyIcon, FilesIcon, PencilIcon } from '../../../ui/icons';
import { relativeTime } from '../../../ui/time';
import { deleteWorkflow, duplicateWorkflow, renameWorkflow } from '../actions';
import { openWorkflow } from '../open';

export interface WorkflowRowProps {
  workflow: WorkflowSummary;
  open: boolean;
  dirty: boolean;
  renaming: boolean;
  onRenaming(renaming: boolean): void;
  now: number;
}

export function WorkflowRow({ workflow, open, dirty, renaming, onRenaming, now }: WorkflowRowProps): ReactElement {
  const [draft, setDraft] = useState(workflow.name);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!renaming) return;
    setDraft(workflow.name);
    requestAnimationFrame(() => input.current?.select());
  }, [renaming, workflow.name]);

  const commit = async (): Promise<void> => {
    onRenaming(false);
    if (draft.trim() !== '' && draft.trim() !== workflow.name) await renameWorkflow(workflow.id, draft);
  };
  const onRowKey = (e: KeyboardEvent<HTMLButtonElement>): void => {
    if (e.key === 'F2') onRenaming(true);
    else if (e.key === 'Delete') void deleteWorkflow(workflow.id);
    else return;
    e.preventDefault();
  };
  const kind = workflow.kind === 'cspm' ? 'CSPm' : 'YAML';
  return (
    <li className={`wf-row${open ? ' wf-open' : ''}`} data-workflow-id={workflow.id}>
      {renaming ? (
        <input
          ref={input}
          className="wf-rename"
          aria-label={`New name for ${workflow.name}`}
          value={draft}
          maxLength={256}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => void commit()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void commit();
            else if (e.key === 'Escape') {
              e.stopPropagation();
              onRenaming(false);
            }
          }}
        />
      ) : (
        <button
          type="button"
          className="wf-main"
          aria-current={open ? 'page' : undefined}
          onClick={() => void openWorkflow(workflow.id)}
          onKeyDown={onRowKey}
          title={`Open ${workflow.name} (F2 renames, Delete deletes)`}
        >
          <FilesIcon size={15} />
          <span className="wf-name">
            {workflow.name}
            {open && dirty && <span aria-label="unsaved changes"> ●</span>}
          </span>
          <span className="wf-meta">
            <span className={`wf-kind wf-kind-${workflow.kind}`}>{kind}</span> {relativeTime(workflow.updatedAt, now)}
          </span>
        </button>
      )}
      {!renaming && (
        <span className="wf-actions">
          <button
            type="button"
            className="icon-button"
            aria-label={`Rename ${workflow.name}`}
            title="Rename (F2)"
            onClick={() => onRenaming(true)}
          >
            <PencilIcon size={13} />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={`Duplicate ${workflow.name}`}
            title="Duplicate"
            onClick={() => void duplicateWorkflow(workflow.id)}
          >
            <CopyIcon size={13} />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={`Delete ${workflow.name}`}
            title="Delete (Undo brings it back)"
            onClick={() => void deleteWorkflow(workflow.id)}
          >
            <CloseIcon size={13} />
          </button>
        </span>
      )}
    </li>
  );
}
