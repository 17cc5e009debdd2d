/** The Nodes feature's commands (File menu and palette), registered by the workbench. */
import type { Command } from '../../commands';
import { useRegisterCommands } from '../../commands';
import { useLayout } from '../../state/layout-store';
import { canDeploy } from './deploy';
import { showDeployDialog } from './DeployDialog';

export const NODE_COMMANDS: readonly Command[] = [
  {
    id: 'nodes.deployOpen',
    title: 'Deploy Open Workflow to Node…',
    category: 'Nodes',
    menu: 'File',
    order: 95,
    group: 'nodes',
    when: canDeploy,
    run: showDeployDialog,
  },
  {
    id: 'nodes.show',
    title: 'Show Nodes',
    category: 'Nodes',
    run: () => useLayout.getState().showSidebar('nodes'),
  },
];

export function useNodeCommands(): void {
  useRegisterCommands(NODE_COMMANDS, []);
}
