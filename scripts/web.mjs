#!/usr/bin/env node
/**
 * Web mode from its JavaScript build: `node scripts/web.mjs [--port P] [--data-dir DIR] [--token T]`
 * (what `npm run web` and the e2e tests start). Rebuilds out/node first when the
 * sources are newer, like bin/csp.mjs; the options are src/main/server/cli.ts's.
 */
import { builtEntry } from './node-build.mjs';

let entry;
try {
  entry = await builtEntry('web', (reason) => {
    if (process.stderr.isTTY)
      process.stderr.write(
        reason === 'missing'
          ? 'csp web: building web mode (first run)…\n'
          : 'csp web: sources changed; rebuilding web mode…\n',
      );
  });
} catch (error) {
  process.stderr.write(`csp web: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
await import(entry);
