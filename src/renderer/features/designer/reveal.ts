/**
 * Reveal a place of the open workflow in the designer: select the element,
 * centre it on the canvas, and focus the field (at the line and column inside
 * its text) in the properties panel. Requests come through the workbench's
 * reveal store (Problems tab, badges, check results); `useRevealInDesigner`
 * acts on the ones that name a node, an edge or a document path.
 */
import { useEffect } from 'react';
import type { Workflow } from '../../../engine/workflow';
import { useLayout } from '../../state/layout-store';
import { useReveal } from '../../state/reveal-store';
import type { RevealTarget } from '../../state/reveal-store';
import { useCanvas } from './canvas/canvas-store';
import type { FieldFocus } from './canvas/canvas-store';
import { targetOf, useDiagnostics } from './diagnostics';
import { useDocument } from './document';

/** The element and field a reveal request points at in `wf`; undefined for places the designer does not own. */
export function focusOf(wf: Workflow, t: RevealTarget): Omit<FieldFocus, 'seq' | 'inText'> | undefined {
  if (t.kind === 'cspm') return undefined;
  if (t.path !== undefined && t.path !== '') {
    const { target, field } = targetOf(wf, t.path);
    return { target: target.kind === 'workflow' ? { kind: 'workflow' } : target, field };
  }
  if (t.id !== undefined) {
    if (t.kind === 'edge')
      return wf.edges.some((e) => e.id === t.id) ? { target: { kind: 'edge', id: t.id }, field: '' } : undefined;
    if (wf.processes.some((p) => p.id === t.id)) return { target: { kind: 'node', id: t.id }, field: '' };
    if (wf.buses.some((b) => b.id === t.id)) return { target: { kind: 'bus', id: t.id }, field: '' };
  }
  return undefined;
}

export function useRevealInDesigner(): void {
  useEffect(
    () =>
      useReveal.subscribe((s, prev) => {
        const t = s.target;
        const wf = useDocument.getState().workflow;
        if (!t || t === prev.target || !wf) return;
        const focus = focusOf(wf, t);
        if (!focus) return;
        // The position inside the field's text, from the designer's own diagnostics of that path.
        const inText = useDiagnostics.getState().list.find((d) => d.path === t.path && d.inText !== undefined)?.inText;
        useLayout.getState().toggleInspector(true);
        useCanvas.getState().focusField({ ...focus, ...(inText ? { inText } : {}) });
      }),
    [],
  );
}
