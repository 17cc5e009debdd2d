/**
 * The inspector while a CSPm script is open: its assertions (run, verdicts,
 * counterexamples) and the probe, as two tabs.
 */
import type { ReactElement } from 'react';
import { create } from 'zustand';
import { AssertionsPanel } from '../assertions/AssertionsPanel';
import { ProbePanel } from '../probe/ProbePanel';
import { scriptFileName } from './script-diagnostics';
import { useScript } from './script-store';
import { useSettledText } from './use-settled-text';

type Tab = 'assertions' | 'probe';

export const useScriptInspector = create<{ tab: Tab; show(tab: Tab): void }>((set) => ({
  tab: 'assertions',
  show: (tab) => set({ tab }),
}));

const TABS: readonly { id: Tab; title: string }[] = [
  { id: 'assertions', title: 'Assertions' },
  { id: 'probe', title: 'Probe' },
];

export function ScriptInspector(): ReactElement | null {
  const ref = useScript((s) => s.ref);
  const text = useSettledText();
  const revision = useScript((s) => s.revision);
  const tab = useScriptInspector((s) => s.tab);
  const show = useScriptInspector((s) => s.show);
  if (!ref) return null;
  return (
    <div className="script-inspector">
      <div role="tablist" aria-label="Script inspector" className="script-tabs">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={`script-tab${tab === t.id ? ' active' : ''}`}
            onClick={() => show(t.id)}
          >
            {t.title}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={tab === 'assertions' ? 'Assertions' : 'Probe'}>
        {tab === 'assertions' ? (
          <AssertionsPanel />
        ) : (
          <ProbePanel source={{ text, name: scriptFileName(ref.name), kind: 'cspm' }} revision={revision} />
        )}
      </div>
    </div>
  );
}
