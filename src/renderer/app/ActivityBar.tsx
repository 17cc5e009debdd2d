/**
 * The activity bar (left rail): one button per sidebar view (pressing the
 * showing one hides the sidebar), then keyboard shortcuts and settings.
 * Every button runs a command, so its shortcut is in its tooltip.
 */
import type { ReactElement } from 'react';
import { formatChord, runCommand } from '../commands';
import { useLayout } from '../state/layout-store';
import { useOverlay } from '../state/overlay-store';
import { KeyboardIcon, SettingsIcon } from '../ui/icons';
import { SIDEBAR_VIEWS } from './contributions';
import { isMac } from './platform';

function tip(title: string, keys: readonly string[] | undefined): string {
  const first = keys?.[0];
  return first ? `${title} (${formatChord(first, isMac)})` : title;
}

export function ActivityBar(): ReactElement {
  const sidebar = useLayout((s) => s.sidebar);
  const visible = useLayout((s) => s.sidebarVisible);
  const centre = useLayout((s) => s.centre);
  const help = useOverlay((s) => s.open === 'help');
  return (
    <nav className="activity-bar" aria-label="Activity bar">
      <div className="activity-logo" title="CSP Agent Network Studio" aria-hidden="true">
        <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8">
          <circle cx="5" cy="12" r="2.5" />
          <circle cx="19" cy="5" r="2.5" />
          <circle cx="19" cy="19" r="2.5" />
          <path d="M7.3 11l9.4-5M7.3 13l9.4 5" />
        </svg>
      </div>
      {SIDEBAR_VIEWS.map((v) => {
        const active = visible && sidebar === v.id;
        const Icon = v.icon;
        return (
          <button
            key={v.id}
            type="button"
            className={`activity-item${active ? ' active' : ''}`}
            aria-pressed={active}
            aria-label={v.title}
            title={tip(v.title, v.keys)}
            onClick={() => useLayout.getState().showSidebar(v.id, true)}
          >
            <Icon />
          </button>
        );
      })}
      <div className="activity-spacer" />
      <button
        type="button"
        className="activity-item"
        aria-pressed={help}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => runCommand('help.shortcuts')}
      >
        <KeyboardIcon />
      </button>
      <button
        type="button"
        className={`activity-item${centre === 'settings' ? ' active' : ''}`}
        aria-pressed={centre === 'settings'}
        aria-label="Settings"
        title={tip('Settings', ['Mod+,'])}
        onClick={() => runCommand('view.settings')}
      >
        <SettingsIcon />
      </button>
    </nav>
  );
}
