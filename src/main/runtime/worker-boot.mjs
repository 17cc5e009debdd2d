// Entry of a run worker thread. Workers start without the parent's module
// hooks, so the TypeScript sources are loaded through tsx here, as
// bin/csp.mjs does for the CLI.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
