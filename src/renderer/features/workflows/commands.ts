/**
 * The File menu's workflow commands: new, open example, import, save,
 * rename, duplicate, delete, export, close. Registered by the workbench.
 */
import type { Command } from '../../commands';
import { useRegisterCommands } from '../../commands';
import { useLayout } from '../../state/layout-store';
import { useDocument } from '../designer/document';
import { useScript } from '../editor/script/script-store';
import { deleteWorkflow, duplicateWorkflow } from './actions';
import { saveNow } from './autosave';
import { useBrowserState } from './browser/browser-store';
import { showExamples } from './browser/ExamplesDialog';
import { closeDocument, createWorkflow, revertToStored } from './open';
import { exportOpen } from './transfer/export';
import { IMPORT_ACCEPT, importFiles, pickFiles } from './transfer/import';

// The open document: a workflow, or a CSPm script (one at a time).
const hasDocument = (): boolean => useDocument.getState().ref !== undefined || useScript.getState().ref !== undefined;
const openId = (): number | undefined => useDocument.getState().ref?.workflowId ?? useScript.getState().ref?.id;

export const WORKFLOW_COMMANDS: readonly Command[] = [
  {
    id: 'file.new',
    title: 'New Workflow',
    category: 'File',
    menu: 'File',
    order: 10,
    group: 'new',
    keys: ['Mod+Alt+N'],
    run: () => void createWorkflow(),
  },
  {
    id: 'file.openExample',
    title: 'Open Example…',
    category: 'File',
    menu: 'File',
    order: 20,
    group: 'new',
    run: showExamples,
  },
  {
    id: 'file.import',
    title: 'Import Workflow (YAML or CSPm)…',
    category: 'File',
    menu: 'File',
    order: 30,
    group: 'new',
    keys: ['Mod+O'],
    run: async () => importFiles(await pickFiles(IMPORT_ACCEPT, true), () => 'workflow'),
  },
  {
    id: 'file.openScript',
    title: 'Open CSPm Script…',
    category: 'File',
    menu: 'File',
    order: 35,
    group: 'new',
    run: async () => importFiles(await pickFiles('.csp,.cspm', true), () => 'script'),
  },
  {
    id: 'file.save',
    title: 'Save',
    category: 'File',
    menu: 'File',
    order: 40,
    group: 'save',
    keys: ['Mod+S'],
    allowInInputs: true,
    when: hasDocument,
    run: async () => {
      await saveNow();
    },
  },
  {
    id: 'file.rename',
    title: 'Rename Workflow…',
    category: 'File',
    menu: 'File',
    order: 50,
    group: 'save',
    when: hasDocument,
    run: () => {
      useLayout.getState().showSidebar('workflows');
      useBrowserState.getState().setRenaming(openId());
    },
  },
  {
    id: 'file.duplicate',
    title: 'Duplicate Workflow',
    category: 'File',
    menu: 'File',
    order: 60,
    group: 'save',
    when: hasDocument,
    run: async () => {
      const id = openId();
      if (id !== undefined) await duplicateWorkflow(id);
    },
  },
  {
    id: 'file.delete',
    title: 'Delete Workflow',
    category: 'File',
    menu: 'File',
    order: 70,
    group: 'save',
    when: hasDocument,
    run: async () => {
      const id = openId();
      if (id !== undefined) await deleteWorkflow(id);
    },
  },
  {
    id: 'file.revert',
    title: 'Revert to Stored Version',
    category: 'File',
    menu: 'File',
    order: 75,
    group: 'save',
    when: hasDocument,
    run: async () => {
      await revertToStored();
    },
  },
  {
    id: 'file.exportYaml',
    title: 'Export as YAML…',
    category: 'File',
    menu: 'File',
    order: 80,
    group: 'export',
    when: hasDocument,
    run: () => exportOpen('yaml'),
  },
  {
    id: 'file.exportCspm',
    title: 'Export as CSPm…',
    category: 'File',
    menu: 'File',
    order: 90,
    group: 'export',
    when: hasDocument,
    run: () => exportOpen('cspm'),
  },
  {
    id: 'file.close',
    title: 'Close Workflow',
    category: 'File',
    menu: 'File',
    order: 100,
    group: 'close',
    when: hasDocument,
    run: async () => {
      await closeDocument();
    },
  },
];

export function useWorkflowCommands(): void {
  useRegisterCommands(WORKFLOW_COMMANDS, []);
}
