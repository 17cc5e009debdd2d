/**
 * The bottom panel: tabs Output, Problems, Trace, Charts (WAI-ARIA tabs:
 * arrow keys move between them). Each tab sits in its own error boundary.
 */
import { useRef } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';
import { formatChord, runCommand } from '../commands';
import { useProblemCounts } from '../features/problems/problems-store';
import { useLayout } from '../state/layout-store';
import { CloseIcon } from '../ui/icons';
import { PANEL_VIEWS } from './contributions';
import { PanelBoundary } from './PanelBoundary';
import { isMac } from './platform';

export function BottomPanel(): ReactElement {
  const tab = useLayout((s) => s.panelTab);
  const showPanel = useLayout((s) => s.showPanel);
  const counts = useProblemCounts();
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  const active = PANEL_VIEWS.find((p) => p.id === tab) ?? PANEL_VIEWS[0];
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const index = PANEL_VIEWS.findIndex((p) => p.id === tab);
    const next =
      e.key === 'ArrowRight'
        ? index + 1
        : e.key === 'ArrowLeft'
          ? index - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? PANEL_VIEWS.length - 1
              : undefined;
    if (next === undefined) return;
    e.preventDefault();
    const wrapped = (next + PANEL_VIEWS.length) % PANEL_VIEWS.length;
    const target = PANEL_VIEWS[wrapped];
    if (target) showPanel(target.id);
    tabs.current[wrapped]?.focus();
  };
  if (!active) return <section className="bottom-panel" aria-label="Panel" />;
  const Content = active.component;
  const Actions = active.actions;
  return (
    <section className="bottom-panel" aria-label="Panel">
      <header className="panel-tabs">
        <div role="tablist" aria-label="Panel tabs" onKeyDown={onKeyDown}>
          {PANEL_VIEWS.map((p, i) => {
            const selected = p.id === active.id;
            const badge = p.id === 'problems' && counts.total > 0 ? counts.total : undefined;
            return (
              <button
                key={p.id}
                ref={(el) => {
                  tabs.current[i] = el;
                }}
                type="button"
                role="tab"
                id={`panel-tab-${p.id}`}
                aria-selected={selected}
                aria-controls={`panel-${p.id}`}
                tabIndex={selected ? 0 : -1}
                className={`panel-tab${selected ? ' active' : ''}`}
                title={p.keys?.[0] ? `${p.title} (${formatChord(p.keys[0], isMac)})` : p.title}
                onClick={() => showPanel(p.id)}
              >
                {p.title}
                {badge !== undefined && (
                  <span
                    className={`count-badge${counts.errors > 0 ? ' count-error' : ''}`}
                    aria-label={`${badge} problems`}
                  >
                    {badge}
                  </span>
                )}
              </button>
            );
          })}
        </div>
        <span className="panel-spacer" />
        {Actions && <Actions />}
        <button
          type="button"
          className="icon-button"
          aria-label="Hide the panel"
          title={`Hide the panel (${formatChord('Mod+J', isMac)})`}
          onClick={() => runCommand('view.togglePanel')}
        >
          <CloseIcon size={14} />
        </button>
      </header>
      <div className="panel-body" role="tabpanel" id={`panel-${active.id}`} aria-labelledby={`panel-tab-${active.id}`}>
        <PanelBoundary name={`${active.title} tab`} resetKey={active.id}>
          <Content />
        </PanelBoundary>
      </div>
    </section>
  );
}
