/**
 * The list of `csp` commands, one file each. Add a command by writing
 * `commands/<name>.ts` exporting `register(program)` and adding it here.
 */
import type { Command } from 'commander';
import { register as diff } from './diff';
import { register as exportCmd } from './export';
import { register as importCmd } from './import';
import { register as validate } from './validate';
import { register as audit } from './audit';
import { register as backup } from './backup';
import { register as restore } from './restore';
import { register as check } from './check';
import { register as run } from './run';
import { register as runs } from './runs';

type Register = (program: Command) => void;

const commands: Register[] = [exportCmd, importCmd, validate, diff, audit, backup, restore, check, run, runs];

export function registerCommands(program: Command): void {
  for (const register of commands) register(program);
}
