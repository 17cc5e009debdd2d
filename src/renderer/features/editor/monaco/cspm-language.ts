/**
 * The CSPm language mode: highlighting, brackets and comments, and the
 * providers that ask the language worker (completion, hover, go to
 * definition, references, occurrences, outline). Markers are set by whoever
 * owns a model (a script document, or a workflow field).
 */
import type { editor, IRange, languages } from 'monaco-editor/editor';
import { cspmLanguageConfiguration } from '../../../../engine/cspm/editor';
import { useReveal } from '../../../state/reveal-store';
import { languageClient, modelContext } from '../language/instance';
import type {
  CompletionKind,
  DocumentContext,
  OutlineNode,
  Query,
  QueryResults,
  TextRange,
} from '../language/protocol';
import { revealGenerated } from '../generated/reveal';
import { CSPM_LANGUAGE_ID, cspmMonarch } from './monarch';
import { monaco } from './setup';

export { CSPM_LANGUAGE_ID };

export function toRange(r: TextRange): IRange {
  return { startLineNumber: r.line, startColumn: r.column, endLineNumber: r.endLine, endColumn: r.endColumn };
}

const COMPLETION_KIND: Record<CompletionKind, languages.CompletionItemKind> = {
  channel: monaco.languages.CompletionItemKind.Event,
  datatype: monaco.languages.CompletionItemKind.Enum,
  constructor: monaco.languages.CompletionItemKind.EnumMember,
  nametype: monaco.languages.CompletionItemKind.TypeParameter,
  value: monaco.languages.CompletionItemKind.Constant,
  function: monaco.languages.CompletionItemKind.Function,
  pattern: monaco.languages.CompletionItemKind.Variable,
  parameter: monaco.languages.CompletionItemKind.Variable,
  local: monaco.languages.CompletionItemKind.Variable,
  builtin: monaco.languages.CompletionItemKind.Function,
  keyword: monaco.languages.CompletionItemKind.Keyword,
};

const SYMBOL_KIND: Record<string, languages.SymbolKind> = {
  channel: monaco.languages.SymbolKind.Event,
  datatype: monaco.languages.SymbolKind.Enum,
  constructor: monaco.languages.SymbolKind.EnumMember,
  nametype: monaco.languages.SymbolKind.TypeParameter,
  process: monaco.languages.SymbolKind.Class,
  function: monaco.languages.SymbolKind.Function,
  value: monaco.languages.SymbolKind.Constant,
  assertion: monaco.languages.SymbolKind.Boolean,
  module: monaco.languages.SymbolKind.Module,
};

function ask<K extends Query['kind']>(
  model: editor.ITextModel,
  query: Extract<Query, { kind: K }>,
): Promise<QueryResults[K] | undefined> {
  const context: DocumentContext | undefined = modelContext(model.uri.toString());
  if (!context) return Promise.resolve(undefined);
  return languageClient()
    .query(model.uri.toString(), model.getVersionId(), model.getValue(), context, query)
    .catch(() => undefined);
}

function symbol(node: OutlineNode): languages.DocumentSymbol {
  return {
    name: node.name,
    detail: node.detail,
    kind: SYMBOL_KIND[node.kind] ?? monaco.languages.SymbolKind.Variable,
    tags: [],
    range: toRange(node.range),
    selectionRange: toRange(node.nameRange),
    children: node.children.map(symbol),
  };
}

let registered = false;

/** Registers the language once (idempotent). */
export function registerCspm(): void {
  if (registered) return;
  registered = true;
  const id = CSPM_LANGUAGE_ID;
  monaco.languages.register({ id, extensions: ['.csp', '.cspm'], aliases: ['CSPm', 'cspm'] });
  monaco.languages.setMonarchTokensProvider(id, cspmMonarch);
  const config = cspmLanguageConfiguration;
  monaco.languages.setLanguageConfiguration(id, {
    comments: { lineComment: config.comments.lineComment, blockComment: [...config.comments.blockComment] },
    brackets: config.brackets.map(([a, b]) => [a, b] as [string, string]),
    colorizedBracketPairs: config.colorizedBracketPairs.map(([a, b]) => [a, b] as [string, string]),
    autoClosingPairs: config.autoClosingPairs.map((p) => ({ ...p })),
    surroundingPairs: config.surroundingPairs.map((p) => ({ ...p })),
    wordPattern: /[A-Za-z_][A-Za-z0-9_']*|\d+/,
  });

  monaco.languages.registerCompletionItemProvider(id, {
    triggerCharacters: ['.', '?', '!'],
    provideCompletionItems: async (model, position) => {
      const word = model.getWordUntilPosition(position);
      const items = await ask(model, { kind: 'completion', offset: model.getOffsetAt(position), prefix: '' });
      const range = {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: word.startColumn,
        endColumn: word.endColumn,
      };
      return {
        suggestions: (items ?? []).map((c, i) => ({
          label: c.label,
          kind: COMPLETION_KIND[c.kind],
          detail: c.detail,
          insertText: c.label,
          // Scope order (innermost first) wins over alphabetical order.
          sortText: String(i).padStart(5, '0'),
          range,
        })),
      };
    },
  });

  monaco.languages.registerHoverProvider(id, {
    provideHover: async (model, position) => {
      const h = await ask(model, { kind: 'hover', offset: model.getOffsetAt(position) });
      return h ? { range: toRange(h.range), contents: [{ value: '```cspm\n' + h.contents + '\n```' }] } : null;
    },
  });

  monaco.languages.registerDefinitionProvider(id, {
    provideDefinition: async (model, position) => {
      const place = await ask(model, { kind: 'definition', offset: model.getOffsetAt(position) });
      if (!place) return null;
      if (place.in === 'document') return { uri: model.uri, range: toRange(place.range) };
      // Elsewhere in the workflow: reveal that field, or the line of the generated script.
      if (place.in === 'field')
        useReveal
          .getState()
          .reveal({ kind: 'field', path: place.path, line: place.range.line, column: place.range.column });
      else revealGenerated(place.range.line, place.range.column);
      return null;
    },
  });

  monaco.languages.registerReferenceProvider(id, {
    provideReferences: async (model, position) => {
      const list = await ask(model, { kind: 'references', offset: model.getOffsetAt(position) });
      return (list ?? []).map((r) => ({ uri: model.uri, range: toRange(r) }));
    },
  });

  monaco.languages.registerDocumentHighlightProvider(id, {
    provideDocumentHighlights: async (model, position) => {
      const list = await ask(model, { kind: 'references', offset: model.getOffsetAt(position) });
      return (list ?? []).map((r) => ({ range: toRange(r), kind: monaco.languages.DocumentHighlightKind.Text }));
    },
  });

  monaco.languages.registerDocumentSymbolProvider(id, {
    displayName: 'CSPm declarations',
    provideDocumentSymbols: async (model) => ((await ask(model, { kind: 'outline' })) ?? []).map(symbol),
  });
}
