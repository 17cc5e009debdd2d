/**
 * Monaco, bundled locally: the editor core with its standard features, the
 * base editor worker, and JavaScript through Monaco's TypeScript worker (for
 * script nodes; that worker is large, so it is fetched only when the first
 * JavaScript model appears). No other language is loaded: CSPm is ours
 * (./cspm-language.ts, served by our own worker). `loader.config({ monaco })`
 * stops @monaco-editor/react from fetching Monaco from a CDN.
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TypeScriptWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) =>
    label === 'typescript' || label === 'javascript' ? new TypeScriptWorker() : new EditorWorker(),
};

loader.config({ monaco: monaco as unknown as Parameters<typeof loader.config>[0]['monaco'] });

/** Token colours of the CSPm mode (./monarch.ts), on top of Monaco's own themes. */
function cspmRules(dark: boolean): { token: string; foreground: string; fontStyle?: string }[] {
  return dark
    ? [
        { token: 'keyword.process.cspm', foreground: 'c586c0', fontStyle: 'bold' },
        { token: 'keyword.assertion.cspm', foreground: 'd7ba7d' },
        { token: 'predefined.cspm', foreground: 'dcdcaa' },
        { token: 'type.cspm', foreground: '4ec9b0' },
        { token: 'operator.cspm', foreground: 'd4d4d4' },
      ]
    : [
        { token: 'keyword.process.cspm', foreground: 'af00db', fontStyle: 'bold' },
        { token: 'keyword.assertion.cspm', foreground: '795e26' },
        { token: 'predefined.cspm', foreground: '795e26' },
        { token: 'type.cspm', foreground: '267f99' },
        { token: 'operator.cspm', foreground: '383a42' },
      ];
}

monaco.editor.defineTheme('studio-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: cspmRules(true),
  colors: {
    'editor.background': '#15181d',
    'editor.lineHighlightBackground': '#1c2027',
    'editorLineNumber.foreground': '#4b5361',
    'editorGutter.background': '#15181d',
  },
});

monaco.editor.defineTheme('studio-light', {
  base: 'vs',
  inherit: true,
  rules: cspmRules(false),
  colors: {
    'editor.background': '#ffffff',
    'editor.lineHighlightBackground': '#f2f4f8',
    'editorLineNumber.foreground': '#9aa3b2',
  },
});

export { monaco };

export const EDITOR_FONT = "'JetBrains Mono', 'Fira Code', ui-monospace, 'DejaVu Sans Mono', monospace";
