/**
 * Reveal a place of the open workflow in the designer: select the element and
 * focus the field (and the line and column in its text) in the properties
 * panel. The Problems tab and counterexamples use it.
 */
import { useCanvas } from './canvas/canvas-store';
import type { DiagnosticTarget } from './diagnostics';

export function revealInDesigner(
  target: DiagnosticTarget,
  field = '',
  inText?: { line: number; column: number },
): void {
  useCanvas
    .getState()
    .focusField({
      target: target.kind === 'workflow' ? { kind: 'workflow' } : { kind: target.kind, id: target.id },
      field,
      ...(inText ? { inText } : {}),
    });
}
