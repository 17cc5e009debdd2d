/**
 * Asks the whole-workflow CSPm view to show a line of the generated script
 * (go to definition of a name the compiler declares, a problem in generated
 * text). `seq` grows with each request, so asking twice acts twice.
 */
import { create } from 'zustand';
import { useLayout } from '../../../state/layout-store';

interface GeneratedRevealState {
  target: { line: number; column: number; seq: number } | undefined;
}

export const useGeneratedReveal = create<GeneratedRevealState>(() => ({ target: undefined }));

export function revealGenerated(line: number, column = 1): void {
  const seq = (useGeneratedReveal.getState().target?.seq ?? 0) + 1;
  useGeneratedReveal.setState({ target: { line, column, seq } });
  useLayout.getState().setCentre('editor');
}
