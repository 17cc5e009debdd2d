/** One assertion or built-in check in the Checks view: its text, what it is, its verdict, and Run. */
import { memo } from 'react';
import type { ReactElement } from 'react';
import { formatChord } from '../../commands';
import { isMac } from '../../app/platform';
import { asExpected, rowLabel, stateText, statsShown } from './describe';
import type { RowState } from './model/row-state';
import type { CheckRow } from './model/rows';
import { VerdictIcon, verdictKind } from './VerdictIcon';

interface Props {
  row: CheckRow;
  state: RowState;
  selected: boolean;
  canRun: boolean;
  onSelect(index: number): void;
  onRun(index: number): void;
}

function CheckRowItemImpl({ row, state, selected, canRun, onSelect, onRun }: Props): ReactElement {
  const kind = verdictKind(state);
  const stale = state.kind === 'decided' && state.stale;
  const expected = asExpected(row, state);
  return (
    <li className={`check-row ckv-${kind}${selected ? ' selected' : ''}${stale ? ' stale' : ''}`}>
      <button
        type="button"
        className="check-row-main"
        aria-pressed={selected}
        aria-label={rowLabel(row, state)}
        data-index={row.index}
        onClick={() => onSelect(row.index)}
      >
        <VerdictIcon kind={kind} />
        <span className="check-row-body">
          <span className="check-row-text">
            <span className="check-index">{row.index}</span>
            <code>{row.text}</code>
          </span>
          {row.origin === 'builtin' ? (
            <span className="check-row-sub">
              <span className="tag tag-builtin">built-in</span> {row.title}
            </span>
          ) : row.title || row.covers.length > 0 ? (
            <span className="check-row-sub">
              {row.title}
              {row.covers.length > 0 ? (
                <span className="check-covers">
                  {row.title ? ' · ' : ''}also the built-in {row.covers.join(', ')}
                </span>
              ) : null}
            </span>
          ) : null}
          <span className="check-row-verdict">
            {stateText(state)}
            {state.kind === 'decided' && !state.cancelled ? (
              <span className="muted"> · {statsShown(state.report)}</span>
            ) : null}
            {stale ? <span className="tag tag-stale">changed since</span> : null}
            {expected !== undefined ? (
              <span className={`tag ${expected ? 'tag-expected' : 'tag-unexpected'}`}>
                {expected ? 'as documented' : `documented: ${row.expect === 'pass' ? 'passes' : 'fails'}`}
              </span>
            ) : null}
          </span>
        </span>
      </button>
      <button
        type="button"
        className="icon-button check-run"
        aria-label={`Run check ${row.index}`}
        title={`Run check ${row.index} (select it, then ${formatChord('Mod+Enter', isMac)})`}
        disabled={!canRun}
        onClick={() => onRun(row.index)}
      >
        ▶
      </button>
    </li>
  );
}

export const CheckRowItem = memo(CheckRowItemImpl);
