/**
 * Static CSPm language facts for an editor (Monaco's LanguageConfiguration
 * shape, as plain data so the engine stays free of editor imports).
 */
import { KEYWORDS } from '../syntax/tokens';
import { BUILTINS } from '../check/builtins';

export const cspmLanguageConfiguration = {
  comments: { lineComment: '--', blockComment: ['{-', '-}'] as [string, string] },
  brackets: [
    ['{|', '|}'],
    ['[|', '|]'],
    ['[[', ']]'],
    ['{', '}'],
    ['[', ']'],
    ['(', ')'],
  ] as [string, string][],
  // Only round and curly brackets are coloured by depth: CSPm writes square
  // brackets unpaired in operators ([T=, [>, [| A |>) and runs them together
  // (:[deadlock free [F]] ends in ']]'), which the editor would paint red as
  // unmatched. Square brackets still match for navigation through `brackets`.
  colorizedBracketPairs: [
    ['(', ')'],
    ['{', '}'],
  ] as [string, string][],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"' },
  ],
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
  ],
} as const;

/** Words for keyword completion and highlighting lists. */
export const cspmKeywords: readonly string[] = KEYWORDS;
export const cspmBuiltins: readonly string[] = [...BUILTINS.keys()];
