#!/usr/bin/env node
// The `csp` command: runs the JavaScript build of src/main/cli/main.ts
// (out/node/, made by scripts/node-build.mjs on `npm install`). When the
// sources are newer than that build, it rebuilds first (about a second), so a
// checkout always runs what its sources say, and never through tsx.
import { builtEntry } from '../scripts/node-build.mjs';

let entry;
try {
  entry = await builtEntry('csp', (reason) => {
    // Build notes only where a person watches; scripts and pipes get the command's output alone.
    if (process.stderr.isTTY)
      process.stderr.write(
        reason === 'missing'
          ? 'csp: building the command line (first run)…\n'
          : 'csp: sources changed; rebuilding the command line…\n',
      );
  });
} catch (error) {
  process.stderr.write(`csp: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
await import(entry);
