/** CSPm editor area: Monaco with a scratch buffer. Files, saving and diagnostics come with the language issue. */
import Editor from '@monaco-editor/react';
import type { ReactElement } from 'react';
import './monaco/setup';
import { useResolvedTheme } from '../../app/theme';
import { ViewFrame } from '../../ui/ViewFrame';

const SCRATCH = `-- Scratch buffer: not saved, not yet checked from here.
-- Check a script from a terminal:  npx csp check model.csp

channel request, reply : {0..2}

SERVER = request?x -> reply!x -> SERVER
CLIENT = request!1 -> reply?y -> CLIENT

SYSTEM = CLIENT [| {| request, reply |} |] SERVER

assert SYSTEM :[deadlock free [F]]
`;

export default function EditorView(): ReactElement {
  const theme = useResolvedTheme();
  return (
    <ViewFrame
      title="Editor"
      subtitle="CSPm scripts and process behaviours"
      actions={<span className="tag">scratch · not saved</span>}
    >
      <div className="editor-wrap" data-testid="editor">
        <Editor
          defaultLanguage="plaintext"
          defaultValue={SCRATCH}
          theme={theme === 'dark' ? 'studio-dark' : 'studio-light'}
          options={{
            fontFamily: "'JetBrains Mono', 'Fira Code', ui-monospace, 'DejaVu Sans Mono', monospace",
            fontSize: 13,
            lineHeight: 20,
            minimap: { enabled: false },
            scrollBeyondLastLine: false,
            renderLineHighlight: 'line',
            padding: { top: 12 },
            automaticLayout: true,
          }}
        />
      </div>
    </ViewFrame>
  );
}
