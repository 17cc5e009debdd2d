// Entry of a run worker thread when the code that starts it runs as
// TypeScript (the unit tests, `npm run dev`). Workers start without the
// parent's module hooks, so tsx is registered here. Built code never comes
// here: it starts the built runtime-worker.js (src/main/worker-entry.ts).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
