/**
 * CSPm highlighting for Monaco (a Monarch tokenizer: synchronous, line by
 * line, so it never waits for the worker). Word lists come from the engine,
 * so a keyword or built-in added there is highlighted here too.
 */
import type { languages } from 'monaco-editor/editor';
import { cspmBuiltins, cspmKeywords } from '../../../../engine/cspm/editor';

export const CSPM_LANGUAGE_ID = 'cspm';

const PROCESSES = ['STOP', 'SKIP', 'DIV', 'RUN', 'CHAOS', 'WAIT'];
const TYPES = ['Int', 'Bool', 'Char', 'Events', 'Proc', 'Set', 'Seq', 'Map'];

export const cspmMonarch: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.cspm',
  keywords: [...cspmKeywords],
  processes: PROCESSES,
  types: TYPES,
  builtins: cspmBuiltins.filter((b) => !PROCESSES.includes(b) && !TYPES.includes(b)),
  brackets: [
    { open: '{|', close: '|}', token: 'delimiter.curly' },
    { open: '[|', close: '|]', token: 'delimiter.square' },
    { open: '[[', close: ']]', token: 'delimiter.square' },
    { open: '{', close: '}', token: 'delimiter.curly' },
    { open: '[', close: ']', token: 'delimiter.square' },
    { open: '(', close: ')', token: 'delimiter.parenthesis' },
  ],
  tokenizer: {
    root: [
      [/--.*$/, 'comment'],
      [/\{-/, 'comment', '@comment'],
      // Assertion properties: :[deadlock free [F]], :[divergence free], :[has trace]: ...
      [
        /:\[\s*(deadlock free|divergence free|livelock free|deterministic|has trace)[^\]]*(\[\w+\])?\s*\]/,
        'keyword.assertion',
      ],
      [/\[(FD|T|F|R|V)=/, 'keyword.assertion'],
      [
        /[A-Za-z_][A-Za-z0-9_']*/,
        {
          cases: {
            '@keywords': 'keyword',
            '@processes': 'keyword.process',
            '@types': 'type',
            '@builtins': 'predefined',
            '@default': 'identifier',
          },
        },
      ],
      [/\d+/, 'number'],
      [/"([^"\\]|\\.)*"/, 'string'],
      [/'([^'\\]|\\.)'/, 'string'],
      [/\{\||\|\}|\[\||\|\]|\[\[|\]\]/, '@brackets'],
      [/[{}()[\]]/, '@brackets'],
      [/->|\[\]|\|~\||\|\|\||\/\\|\[>|<-|<->|==|!=|<=|>=|\.\.|::|@|\\/, 'operator'],
      [/[?!&;:.,=<>+\-*/%^#|]/, 'operator'],
      [/\s+/, 'white'],
    ],
    comment: [
      [/[^{-]+/, 'comment'],
      [/\{-/, 'comment', '@push'],
      [/-\}/, 'comment', '@pop'],
      [/[{-]/, 'comment'],
    ],
  },
};
