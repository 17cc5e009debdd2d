/**
 * The layer rule through the real ESLint API and the real eslint.config.js:
 * each bad import must produce the layer error, each allowed one none.
 * Probes use `.js` paths so the type-aware project service is not involved.
 */
import { describe, it, expect } from 'vitest';
import { ESLint } from 'eslint';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function layerMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
}

describe('layers/imports', () => {
  const bad: Array<[string, string, RegExp]> = [
    ['src/engine/probe.js', "import { app } from 'electron';", /src\/engine may not import 'electron'/],
    ['src/engine/csp/probe.js', "import fs from 'node:fs';", /Node built-in 'node:fs'/],
    ['src/engine/csp/probe.js', "import path from 'path';", /Node built-in 'path'/],
    ['src/engine/probe.js', "import React from 'react';", /may not import 'react'/],
    ['src/engine/probe.js', "import Database from 'better-sqlite3';", /may not import 'better-sqlite3'/],
    ['src/engine/csp/probe.js', "import { x } from '../../shared/protocol';", /src\/engine may not import src\/shared/],
    ['src/engine/probe.js', "export * from '../main/host';", /src\/engine may not import src\/main/],
    ['src/shared/probe.js', "import { x } from '../main/host';", /src\/shared may not import src\/main/],
    ['src/shared/probe.js', "import { WebSocket } from 'ws';", /may not import 'ws'/],
    ['src/main/host/probe.js', "import { app } from 'electron';", /src\/main may not import 'electron'/],
    ['src/main/host/probe.js', "import { App } from '../../renderer/App';", /src\/main may not import src\/renderer/],
    ['src/main/probe.js', "import { x } from '../preload/index';", /src\/main may not import src\/preload/],
    ['src/preload/probe.js', "import { x } from '../engine/csp/terms';", /src\/preload may not import src\/engine/],
    ['src/preload/probe.js', "import fs from 'fs';", /Node built-in 'fs'/],
    ['src/renderer/probe.js', "import { x } from '../main/host';", /src\/renderer may not import src\/main/],
    ['src/renderer/probe.js', "import { ipcRenderer } from 'electron';", /may not import 'electron'/],
    ['src/renderer/probe.js', "const m = await import('node:child_process');", /Node built-in/],
    // ...but a test still may not cross layers or pull in banned packages.
    ['src/engine/probe.test.js', "import { x } from '../main/host';", /src\/engine may not import src\/main/],
    ['src/engine/probe.test.js', "import { app } from 'electron';", /may not import 'electron'/],
  ];
  it.each(bad)('%s: %s is refused', async (file, code, expected) => {
    const messages = await layerMessages(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(expected);
  });

  const good: Array<[string, string]> = [
    ['src/engine/csp/probe.js', "import { x } from '../values';"],
    ['src/engine/probe.js', "import { parse } from 'yaml';"],
    ['src/shared/probe.js', "import { x } from '../engine/csp/terms';"],
    ['src/main/host/probe.js', "import fs from 'node:fs'; import { x } from '../../shared/protocol';"],
    ['src/main/electron/probe.js', "import { app } from 'electron'; import { x } from '../host/session';"],
    ['src/preload/probe.js', "import { contextBridge } from 'electron'; import { x } from '../shared/protocol';"],
    ['src/renderer/probe.js', "import React from 'react'; import { x } from '../engine/csp/terms';"],
    ['e2e/probe.js', "import { x } from '../src/main/host'; import fs from 'node:fs';"],
    // Tests run in Node and may read fixtures, in any layer.
    ['src/engine/cspm/probe.test.js', "import { readFileSync } from 'node:fs'; import { join } from 'node:path';"],
  ];
  it.each(good)('%s: %s is allowed', async (file, code) => {
    expect(await layerMessages(file, code)).toEqual([]);
  });
});
