/**
 * JavaScript for script nodes through Monaco's TypeScript service: the
 * script is the body of an async function (top-level await and return are
 * fine), runs in QuickJS (ES2020, no DOM), and sees the script API typed with
 * its node's ports (../fields/script-api.ts).
 */
import type { IDisposable } from 'monaco-editor/editor';
import { javascriptDefaults, ScriptTarget } from 'monaco-editor/languages/features/typescript/register';
import type { Port } from '../../../../engine/workflow';
import { scriptApiDeclarations } from '../fields/script-api';

/** TypeScript's codes for await and return outside a function: a script is a function body, so both are fine. */
const FUNCTION_BODY_CODES = [1108, 1375, 1378];

let configured = false;
let api: { text: string; lib: IDisposable } | undefined;

function configure(): void {
  if (configured) return;
  configured = true;
  javascriptDefaults.setCompilerOptions({
    target: ScriptTarget.ES2020,
    lib: ['es2020'],
    allowJs: true,
    checkJs: true,
    allowNonTsExtensions: true,
    noEmit: true,
  });
  javascriptDefaults.setDiagnosticsOptions({
    noSemanticValidation: false,
    noSyntaxValidation: false,
    diagnosticCodesToIgnore: FUNCTION_BODY_CODES,
  });
}

/**
 * Types the script API with these ports (the node being edited). One node's
 * script is edited at a time, so one set of declarations serves every
 * JavaScript model.
 */
export function setScriptApiPorts(ports: readonly Port[]): void {
  configure();
  const text = scriptApiDeclarations(ports);
  if (api?.text === text) return;
  api?.lib.dispose();
  api = { text, lib: javascriptDefaults.addExtraLib(text, 'ts:csp-studio/script-api.d.ts') };
}
