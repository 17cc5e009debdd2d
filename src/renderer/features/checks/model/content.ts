/**
 * Whether a verdict still describes the workflow: it does while what was
 * checked is unchanged. Moving nodes or grouping them changes nothing a
 * check sees, so it does not make a verdict stale; any other edit does.
 */
import { sameData } from '../../../../engine/workflow';
import type { Workflow } from '../../../../engine/workflow';

/** What a check of the document depends on. */
export type CheckedContent = Workflow;

function checkedPart(wf: Workflow): Omit<Workflow, 'layout' | 'groups'> {
  const { layout: _layout, groups: _groups, ...rest } = wf;
  return rest;
}

export function sameCheckedContent(a: CheckedContent, b: CheckedContent): boolean {
  return a === b || sameData(checkedPart(a), checkedPart(b));
}
