/**
 * Entry of the `csp` command line. Every command:
 *  - accepts `--data-dir DIR` and `--json` (declared globally here),
 *  - writes results to stdout and diagnostics to stderr,
 *  - exits 0 on success, 1 when the answer is "no", 2 on bad usage or a broken input.
 * Commands live one per file in ./commands and are listed in ./commands/index.ts;
 * only the command that runs is loaded, so `csp --help` answers at once.
 * bin/csp.mjs runs the JavaScript build of this file (scripts/node-build.mjs).
 */
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index';
import { EXIT_USAGE } from './exit-codes';
import { exitQuietlyWhenReaderGoes } from './broken-pipe';

exitQuietlyWhenReaderGoes(process.stdout);
exitQuietlyWhenReaderGoes(process.stderr);

const program = new Command();
program
  .name('csp')
  .description('CSP Agent Network Studio: check, run and convert CSP workflows from a terminal')
  .option('--data-dir <dir>', 'data folder (default: $XDG_DATA_HOME/csp-studio)')
  .option('--json', 'machine-readable output on stdout')
  .showHelpAfterError()
  .exitOverride();

await registerCommands(program, process.argv.slice(2));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // help and version are "success"; any other commander error is bad usage.
    const ok =
      error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
    process.exit(ok ? 0 : EXIT_USAGE);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`csp: ${message}\n`);
  process.exit(EXIT_USAGE);
}
