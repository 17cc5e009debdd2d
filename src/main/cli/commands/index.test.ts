/**
 * `csp --help` lists the commands from COMMANDS without loading them; this
 * keeps that list true to the commands themselves (name, options and
 * arguments, description), and checks which command an argument list names.
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandNamed } from './index';

describe('the command list', () => {
  for (const entry of COMMANDS) {
    it(`lists ${entry.name} as the command file registers it`, async () => {
      const program = new Command();
      (await entry.load()).register(program);
      const registered = program.commands.map((c) => c.name());
      expect(registered).toEqual([entry.name]);
      const cmd = program.commands[0] as Command;
      expect(cmd.description()).toBe(entry.description);
      expect(program.createHelp().subcommandTerm(cmd)).toBe(entry.term);
    });
  }

  it('has each name once', () => {
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });
});

describe('commandNamed', () => {
  it('finds the command after the global options, a --data-dir value included', () => {
    expect(commandNamed(['check', 'a.csp'])).toBe('check');
    expect(commandNamed(['--json', 'check', 'a.csp'])).toBe('check');
    expect(commandNamed(['--data-dir', 'runs', 'runs', 'list'])).toBe('runs');
    expect(commandNamed(['--data-dir=/tmp/x', 'audit', 'verify'])).toBe('audit');
  });

  it('reads `help NAME` as NAME, and nothing named as undefined', () => {
    expect(commandNamed(['help', 'run'])).toBe('run');
    expect(commandNamed(['help'])).toBeUndefined();
    expect(commandNamed(['--help'])).toBeUndefined();
    expect(commandNamed([])).toBeUndefined();
    expect(commandNamed(['--', 'check'])).toBeUndefined();
  });
});
