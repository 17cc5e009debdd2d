export { highlight } from './tokens';
export type { HighlightToken, HighlightClass } from './tokens';
export { analyse, completions, hover, definition, references } from './services';
export type { Analysis, CompletionItem, HoverInfo } from './services';
export { cspmLanguageConfiguration, cspmKeywords, cspmBuiltins } from './language';
