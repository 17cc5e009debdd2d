/**
 * Monaco, bundled locally: the editor core plus its standard features, and
 * only the base editor worker (no language workers: CSPm diagnostics come from
 * our own engine). `loader.config({ monaco })` stops @monaco-editor/react from
 * fetching Monaco from a CDN.
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

loader.config({ monaco: monaco as unknown as Parameters<typeof loader.config>[0]['monaco'] });

monaco.editor.defineTheme('studio-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
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
  rules: [],
  colors: {
    'editor.background': '#ffffff',
    'editor.lineHighlightBackground': '#f2f4f8',
    'editorLineNumber.foreground': '#9aa3b2',
  },
});

export { monaco };
