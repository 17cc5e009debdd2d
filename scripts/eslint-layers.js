/**
 * ESLint rule `layers/imports`: the import table of docs/architecture.md#layers,
 * enforced on every file instead of by reviewers.
 *
 * Why a small custom rule rather than plain `no-restricted-imports` patterns:
 * a relative import ("../../shared/x") can only be attributed to a layer once it
 * is resolved against the importing file's folder, which string patterns cannot
 * do. Package bans (electron, node:*, react, ...) are checked here too, so one
 * rule names the layer and the reason in every message.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

/** Layer of an absolute file path, or undefined outside src/. */
function layerOf(absFile, srcRoot) {
  const rel = path.relative(srcRoot, absFile).split(path.sep);
  if (rel[0] === '..' || rel.length < 2) return undefined;
  const top = rel[0];
  if (top === 'main' && rel[1] === 'electron') return 'main/electron';
  return top;
}

const NODE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

/** True for `node:fs`, `fs`, `fs/promises`, ... */
function isNodeBuiltin(spec) {
  if (spec.startsWith('node:')) return true;
  return NODE_BUILTINS.has(spec.split('/')[0] ?? spec);
}

/** Package name of a bare specifier (`@scope/pkg/sub` -> `@scope/pkg`). */
function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
}

const SERVER_ONLY = ['better-sqlite3', 'ws'];
const REACT = [
  'react',
  'react-dom',
  '@xyflow/react',
  '@tanstack/react-query',
  'zustand',
  'recharts',
  '@monaco-editor/react',
  'monaco-editor',
];

/**
 * Per layer: which other src layers it may import, which packages it may not,
 * and whether Node built-ins are allowed. `main/electron` is the one place in
 * main that may import `electron`.
 */
export const LAYERS = {
  engine: {
    layers: ['engine'],
    bannedPackages: ['electron', ...SERVER_ONLY, ...REACT],
    node: false,
    why: 'the engine is pure: no I/O, no UI, nothing outside itself',
  },
  shared: {
    layers: ['shared', 'engine'],
    bannedPackages: ['electron', ...SERVER_ONLY, ...REACT],
    node: false,
    why: 'the protocol runs anywhere and may import only the engine',
  },
  main: {
    layers: ['main', 'main/electron', 'shared', 'engine'],
    bannedPackages: ['electron', ...REACT],
    node: true,
    why: 'the host never imports UI code, and only src/main/electron may import electron',
  },
  'main/electron': {
    layers: ['main', 'main/electron', 'shared', 'engine'],
    bannedPackages: [...REACT],
    node: true,
    why: 'the host never imports UI code',
  },
  preload: {
    layers: ['preload', 'shared'],
    bannedPackages: [...SERVER_ONLY, ...REACT],
    node: false,
    why: 'the preload only exposes the protocol client (shared) through electron',
  },
  renderer: {
    layers: ['renderer', 'shared', 'engine'],
    bannedPackages: ['electron', ...SERVER_ONLY],
    node: false,
    why: 'the UI talks to the host only through the protocol',
  },
};

/** @type {import('eslint').Rule.RuleModule} */
const importsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layer import table of docs/architecture.md' },
    schema: [{ type: 'object', properties: { srcRoot: { type: 'string' } }, additionalProperties: false }],
    messages: {
      layer: "Layer rule: src/{{from}} may not import src/{{to}} ('{{spec}}'); {{why}}.",
      pkg: "Layer rule: src/{{from}} may not import '{{spec}}'; {{why}}.",
      node: "Layer rule: src/{{from}} may not import the Node built-in '{{spec}}'; {{why}}.",
    },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const srcRoot = path.resolve(context.cwd, options.srcRoot ?? 'src');
    const file = context.filename;
    // Tests run under vitest in Node: they may read fixtures with node:fs etc. in any
    // layer. Cross-layer imports and banned packages stay banned in tests too.
    const isTest = /\.test\.[cm]?[jt]sx?$/.test(file);
    const from = layerOf(file, srcRoot);
    const rules = from ? LAYERS[from] : undefined;
    if (!from || !rules) return {};

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = path.resolve(path.dirname(file), spec);
        const to = layerOf(target, srcRoot);
        if (to && !rules.layers.includes(to)) {
          context.report({ node, messageId: 'layer', data: { from, to, spec, why: rules.why } });
        }
        return;
      }
      if (isNodeBuiltin(spec)) {
        if (!rules.node && !isTest) context.report({ node, messageId: 'node', data: { from, spec, why: rules.why } });
        return;
      }
      if (rules.bannedPackages.includes(packageName(spec))) {
        context.report({ node, messageId: 'pkg', data: { from, spec, why: rules.why } });
      }
    }

    return {
      ImportDeclaration(node) {
        check(node, node.source.value);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value);
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value);
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, node.source.value);
      },
      CallExpression(node) {
        // require('x') in CommonJS-shaped code.
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
          const arg = node.arguments[0];
          if (arg && arg.type === 'Literal') check(node, arg.value);
        }
      },
    };
  },
};

export const layersPlugin = { meta: { name: 'layers' }, rules: { imports: importsRule } };
