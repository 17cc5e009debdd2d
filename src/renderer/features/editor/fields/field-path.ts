/**
 * The document path of a properties-panel field (`processes[2].behaviour`),
 * from the panel's target key (`node:phil`) and field (`behaviour`): the name
 * the compiler's source map gives the field's text. Pure.
 */
import type { Workflow } from '../../../../engine/workflow';

export function fieldPath(wf: Workflow, targetKey: string, field: string): string | undefined {
  if (targetKey === 'workflow') return field;
  const colon = targetKey.indexOf(':');
  const kind = targetKey.slice(0, colon);
  const id = targetKey.slice(colon + 1);
  const at = (list: readonly { id: string }[], top: string): string | undefined => {
    const index = list.findIndex((x) => x.id === id);
    return index < 0 ? undefined : `${top}[${index}]${field === '' ? '' : `.${field}`}`;
  };
  switch (kind) {
    case 'node':
      return at(wf.processes, 'processes');
    case 'edge':
      return at(wf.edges, 'edges');
    case 'bus':
      return at(wf.buses, 'buses');
    case 'assertion':
      return at(wf.assertions, 'assertions');
    default:
      return undefined;
  }
}
