/** Left rail: one button per view, with its shortcut in the tooltip. */
import type { ReactElement } from 'react';
import { VIEW_META } from '../shortcuts';
import type { ViewId } from '../state/ui-store';
import { useUi } from '../state/ui-store';
import { CanvasIcon, ChartIcon, CheckIcon, DebugIcon, EditorIcon, KeyboardIcon, SettingsIcon } from './icons';

const ICONS: Record<ViewId, (p: { size?: number }) => ReactElement> = {
  canvas: CanvasIcon,
  editor: EditorIcon,
  debugger: DebugIcon,
  charts: ChartIcon,
  checks: CheckIcon,
  settings: SettingsIcon,
};

export function ActivityBar(): ReactElement {
  const view = useUi((s) => s.view);
  const setView = useUi((s) => s.setView);
  const toggleHelp = useUi((s) => s.toggleHelp);
  return (
    <nav className="activity-bar" aria-label="Views">
      <div className="activity-logo" title="CSP Agent Network Studio" aria-hidden="true">
        <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8">
          <circle cx="5" cy="12" r="2.5" />
          <circle cx="19" cy="5" r="2.5" />
          <circle cx="19" cy="19" r="2.5" />
          <path d="M7.3 11l9.4-5M7.3 13l9.4 5" />
        </svg>
      </div>
      {VIEW_META.filter((v) => v.id !== 'settings').map((v) => {
        const Icon = ICONS[v.id];
        return (
          <button
            key={v.id}
            type="button"
            className={`activity-item${view === v.id ? ' active' : ''}`}
            aria-pressed={view === v.id}
            aria-label={v.title}
            title={`${v.title} (Ctrl+${v.key})`}
            onClick={() => setView(v.id)}
          >
            <Icon />
          </button>
        );
      })}
      <div className="activity-spacer" />
      <button type="button" className="activity-item" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => toggleHelp(true)}>
        <KeyboardIcon />
      </button>
      <button
        type="button"
        className={`activity-item${view === 'settings' ? ' active' : ''}`}
        aria-pressed={view === 'settings'}
        aria-label="Settings"
        title="Settings (Ctrl+6)"
        onClick={() => setView('settings')}
      >
        <SettingsIcon />
      </button>
    </nav>
  );
}
