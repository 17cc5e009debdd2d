export { highlight } from './tokens';
export type { HighlightToken, HighlightClass } from './tokens';
export { analyse, completions, hover, definition, references, evaluationDiagnostics } from './services';
export type { Analysis, CompletionItem, HoverInfo, EvaluationOptions } from './services';
export { outline } from './outline';
export type { OutlineItem, OutlineKind } from './outline';
export { cspmLanguageConfiguration, cspmKeywords, cspmBuiltins } from './language';
