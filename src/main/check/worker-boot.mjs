// Entry of a check worker thread. Workers start without the parent's module
// hooks, so the TypeScript sources are loaded through tsx here, the same way
// bin/csp.mjs does for the CLI.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
