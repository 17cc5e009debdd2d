/** Preferences of this UI: theme, autosave delay, layout reset (all remembered in this browser). */
import { useId } from 'react';
import type { ReactElement } from 'react';
import { useLayout } from '../../state/layout-store';
import { AUTOSAVE_LIMITS, THEME_SETTINGS, useSettings } from '../../state/settings-store';
import type { ThemeSetting } from '../../state/settings-store';

const THEME_LABEL: Record<ThemeSetting, string> = { system: 'Follow the system', light: 'Light', dark: 'Dark' };

export function PreferencesCard(): ReactElement {
  const theme = useSettings((s) => s.theme);
  const setTheme = useSettings((s) => s.setTheme);
  const delay = useSettings((s) => s.autosaveDelayMs);
  const setDelay = useSettings((s) => s.setAutosaveDelay);
  const resetLayout = useLayout((s) => s.reset);
  const delayId = useId();
  return (
    <section className="card" aria-labelledby={`${delayId}-title`}>
      <h2 id={`${delayId}-title`}>Preferences</h2>
      <fieldset className="field">
        <legend>Theme</legend>
        <div className="segmented" role="radiogroup" aria-label="Theme">
          {THEME_SETTINGS.map((t) => (
            <label key={t} className={`segment${theme === t ? ' active' : ''}`}>
              <input type="radio" name="theme" value={t} checked={theme === t} onChange={() => setTheme(t)} />
              {THEME_LABEL[t]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={delayId}>Autosave after</label>
        <div className="field-row">
          <input
            id={delayId}
            type="number"
            min={AUTOSAVE_LIMITS.min / 1000}
            max={AUTOSAVE_LIMITS.max / 1000}
            step={0.1}
            value={delay / 1000}
            onChange={(e) => {
              const seconds = Number(e.target.value);
              if (e.target.value !== '' && Number.isFinite(seconds)) setDelay(seconds * 1000);
            }}
          />
          <span className="muted">
            seconds without an edit (every save is a version in History; Ctrl+S saves at once)
          </span>
        </div>
      </div>
      <div className="field">
        <span className="field-label">Layout</span>
        <div className="field-row">
          <button type="button" className="button" onClick={resetLayout}>
            Reset layout
          </button>
          <span className="muted">panel sizes, which panels show, the sidebar view</span>
        </div>
      </div>
    </section>
  );
}
