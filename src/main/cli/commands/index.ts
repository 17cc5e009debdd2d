/**
 * The list of `csp` commands, one file each. Add a command by writing
 * `commands/<name>.ts` exporting `register(program)` and adding it here.
 */
import type { Command } from 'commander';

type Register = (program: Command) => void;

const commands: Register[] = [];

export function registerCommands(program: Command): void {
  for (const register of commands) register(program);
}
