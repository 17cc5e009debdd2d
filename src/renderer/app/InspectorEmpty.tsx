/** The inspector before a feature fills it: says what will appear here and how to get it. */
import type { ReactElement } from 'react';
import { useDocument } from '../features/designer/document';
import { EmptyState } from '../ui/EmptyState';
import { SparkIcon } from '../ui/icons';

export function InspectorEmpty(): ReactElement {
  const open = useDocument((s) => s.workflow !== undefined);
  return open ? (
    <EmptyState icon={<SparkIcon size={28} />} title="Nothing selected" compact>
      Select a node or a channel on the canvas to see and edit its properties: name, ports, types, capacity, behaviour
      and contract.
    </EmptyState>
  ) : (
    <EmptyState icon={<SparkIcon size={28} />} title="Nothing to inspect" compact>
      Properties of the selected node or channel show here once a workflow is open.
    </EmptyState>
  );
}
