/**
 * Check commands (Run menu, palette, keys): run all, run the selected one,
 * cancel, and copy or export the selected verdict. Registered while the
 * workbench is mounted (ChecksServices).
 */
import type { Command } from '../../commands';
import { useRegisterCommands } from '../../commands';
import {
  canRun,
  cancelCheck,
  copyReport,
  exportReport,
  runChecks,
  runningCheck,
  runSelected,
  selectedIndex,
  selectedReport,
} from './actions';

export const CHECK_COMMANDS: readonly Command[] = [
  {
    id: 'check.runAll',
    title: 'Run All Checks',
    category: 'Check',
    menu: 'Run',
    order: 600,
    group: 'checks',
    keys: ['Mod+Shift+Enter'],
    when: canRun,
    run: () => runChecks('all'),
  },
  {
    id: 'check.runSelected',
    title: 'Run Selected Check',
    category: 'Check',
    menu: 'Run',
    order: 610,
    group: 'checks',
    keys: ['Mod+Enter'],
    when: () => canRun() && selectedIndex() !== undefined,
    run: runSelected,
  },
  {
    id: 'check.cancel',
    title: 'Cancel Workflow Check',
    category: 'Check',
    menu: 'Run',
    order: 620,
    group: 'checks',
    keys: ['Mod+.'],
    when: () => runningCheck() !== undefined,
    run: cancelCheck,
  },
  {
    id: 'check.copyResult',
    title: 'Copy Check Result',
    category: 'Check',
    menu: 'Run',
    order: 630,
    group: 'check-result',
    when: () => selectedReport() !== undefined,
    run: copyReport,
  },
  {
    id: 'check.exportText',
    title: 'Export Check Result as Text…',
    category: 'Check',
    menu: 'Run',
    order: 640,
    group: 'check-result',
    when: () => selectedReport() !== undefined,
    run: () => exportReport('text'),
  },
  {
    id: 'check.exportJson',
    title: 'Export Check Result as JSON…',
    category: 'Check',
    menu: 'Run',
    order: 650,
    group: 'check-result',
    when: () => selectedReport() !== undefined,
    run: () => exportReport('json'),
  },
  {
    id: 'check.exportCsp',
    title: 'Export Counterexample as CSPm Script…',
    category: 'Check',
    menu: 'Run',
    order: 660,
    group: 'check-result',
    when: () => selectedReport()?.report.result === 'failed',
    run: () => exportReport('csp'),
  },
];

export function useCheckCommands(): void {
  useRegisterCommands(CHECK_COMMANDS, []);
}
