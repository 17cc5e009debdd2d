/**
 * The list of `csp` commands, one file each. Add a command by writing
 * `commands/<name>.ts` exporting `register(program)` and adding it here.
 *
 * A command's module is loaded only when that command runs: loading them all
 * pulls in the engine, the store, zod and SQLite, several times what `csp
 * --help` needs. So `csp --help` lists the commands from the `term` and
 * `description` written here; index.test.ts checks they match the commands.
 */
import type { Command } from 'commander';

export interface CommandEntry {
  readonly name: string;
  /** The command as `csp --help` lists it: name, `[options]` when it has any, arguments. */
  readonly term: string;
  readonly description: string;
  readonly load: () => Promise<{ register(program: Command): void }>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'export',
    term: 'export [options] <workflow>',
    description: 'convert a workflow to CSPm or canonical YAML (stdout unless -o)',
    load: () => import('./export'),
  },
  {
    name: 'import',
    term: 'import [options] <script>',
    description: 'convert a CSPm script to a workflow (stdout unless -o)',
    load: () => import('./import'),
  },
  {
    name: 'validate',
    term: 'validate <workflow>',
    description: 'validate a workflow file; every error with line:column',
    load: () => import('./validate'),
  },
  {
    name: 'diff',
    term: 'diff <a> <b>',
    description: 'structural diff of two workflows: nodes, edges, behaviours added, removed, changed, moved only',
    load: () => import('./diff'),
  },
  {
    name: 'audit',
    term: 'audit',
    description: "the store's tamper-evident audit ledger",
    load: () => import('./audit'),
  },
  {
    name: 'backup',
    term: 'backup [options] <file>',
    description: 'write a one-file backup of the store (no secrets, no audit key)',
    load: () => import('./backup'),
  },
  {
    name: 'restore',
    term: 'restore [options] <file>',
    description: 'replace the store with a backup made by `csp backup` (the host must be stopped)',
    load: () => import('./restore'),
  },
  {
    name: 'check',
    term: 'check [options] <file>',
    description: 'check the assertions of a CSPm script or a workflow (deadlock, divergence, determinism, refinement)',
    load: () => import('./check'),
  },
  {
    name: 'run',
    term: 'run [options] <file>',
    description: 'run a workflow or CSPm system headless with a seeded scheduler and print the trace',
    load: () => import('./run'),
  },
  {
    name: 'serve',
    term: 'serve [options]',
    description: 'start a node: the engine and store behind the protocol on WebSocket, for studios to attach to',
    load: () => import('./serve'),
  },
  {
    name: 'tokens',
    term: 'tokens',
    description: "create, list and revoke the access tokens of this data folder's node (csp serve)",
    load: () => import('./tokens'),
  },
  {
    name: 'runs',
    term: 'runs',
    description: 'list, show, search, pin, delete and prune the recorded runs',
    load: () => import('./runs'),
  },
];

/**
 * The command an argument list names, skipping the global options (`--data-dir DIR`,
 * `--json`); for `help NAME`, NAME. Undefined when none is named.
 */
export function commandNamed(args: readonly string[]): string | undefined {
  const words: string[] = [];
  for (let i = 0; i < args.length && words.length < 2; i++) {
    const arg = args[i] as string;
    if (arg === '--') break;
    if (arg === '--data-dir') i++;
    else if (!arg.startsWith('-')) words.push(arg);
  }
  return words[0] === 'help' ? words[1] : words[0];
}

/** Registers the named command only, or (for `csp --help`, no command, an unknown one) every command's summary. */
export async function registerCommands(program: Command, args: readonly string[]): Promise<void> {
  const named = commandNamed(args);
  const entry = COMMANDS.find((c) => c.name === named);
  if (entry) {
    (await entry.load()).register(program);
    return;
  }
  const terms = new Map(COMMANDS.map((c) => [c.name, c.term]));
  const help = program.createHelp();
  program.configureHelp({ subcommandTerm: (cmd) => terms.get(cmd.name()) ?? help.subcommandTerm(cmd) });
  for (const c of COMMANDS) program.command(c.name).description(c.description);
}
