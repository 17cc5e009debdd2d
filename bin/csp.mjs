#!/usr/bin/env node
// The `csp` command. Runs the TypeScript sources through tsx so `npx csp` works
// right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/main/cli/main.ts');
