/**
 * The node kinds the palette offers, with what a new node of each kind starts
 * as. Every template is a complete, valid record (the tests validate each one),
 * so a node dropped on the canvas compiles before the user touches it.
 */
import { freshId } from '../../../../engine/workflow';
import type { ProcessNode, Workflow } from '../../../../engine/workflow';

export type NodeKind = ProcessNode['kind'];

/** The four families drawn with their own colour; built-ins share one and differ by icon. */
export type KindFamily = 'csp' | 'script' | 'agent' | 'builtin';

export interface KindInfo {
  readonly kind: NodeKind;
  readonly family: KindFamily;
  /** Palette label and the base of a new node's name. */
  readonly label: string;
  /** One line in the palette. */
  readonly summary: string;
  /** Extra words the palette search matches. */
  readonly keywords: string;
  /** The record of a new node (id and name are filled in by `newNode`). */
  readonly template: () => Omit<ProcessNode, 'id' | 'name'>;
}

const json = 'json';

const SCRIPT = `// Runs in a sandbox: recv(port), send(port, value), alt, close, log, ctx, now(), random().
for (;;) {
  const msg = await recv('in');
  await send('out', msg);
}
`;

export const KINDS: readonly KindInfo[] = [
  {
    kind: 'csp',
    family: 'csp',
    label: 'CSP process',
    summary: 'A CSPm behaviour over its ports',
    keywords: 'cspm process behaviour formal',
    template: () => ({
      kind: 'csp',
      ports: [
        { name: 'in', dir: 'in' },
        { name: 'out', dir: 'out' },
      ],
      behaviour: 'in -> out -> SKIP',
    }),
  },
  {
    kind: 'script',
    family: 'script',
    label: 'Script',
    summary: 'JavaScript in a sandbox, checked by its contract',
    keywords: 'javascript code js function',
    template: () => ({
      kind: 'script',
      ports: [
        { name: 'in', dir: 'in', type: json },
        { name: 'out', dir: 'out', type: json },
      ],
      script: SCRIPT,
    }),
  },
  {
    kind: 'agent',
    family: 'agent',
    label: 'Agent',
    summary: 'An LLM agent: a prompt per input, replies routed to ports',
    keywords: 'llm ai openai ollama model chat',
    template: () => ({
      kind: 'agent',
      ports: [
        { name: 'in', dir: 'in', type: json },
        { name: 'out', dir: 'out', type: json },
      ],
      agent: {
        provider: 'ollama',
        model: 'llama3.2',
        system: 'You are a helpful assistant. Answer in one sentence.',
        replyPort: 'out',
      },
    }),
  },
  {
    kind: 'timer',
    family: 'builtin',
    label: 'Timer',
    summary: 'Sends a tick every interval',
    keywords: 'clock interval tick schedule',
    template: () => ({ kind: 'timer', ports: [{ name: 'tick', dir: 'out', type: json }], config: { interval: 1000 } }),
  },
  {
    kind: 'inject',
    family: 'builtin',
    label: 'Inject',
    summary: 'Sends what you inject during a run',
    keywords: 'input manual trigger button',
    template: () => ({
      kind: 'inject',
      ports: [{ name: 'out', dir: 'out', type: json }],
      config: { payload: { hello: 'world' } },
    }),
  },
  {
    kind: 'log',
    family: 'builtin',
    label: 'Log',
    summary: 'Prints each message to the run log',
    keywords: 'debug print output console',
    template: () => ({ kind: 'log', ports: [{ name: 'in', dir: 'in', type: json }] }),
  },
  {
    kind: 'map',
    family: 'builtin',
    label: 'Map',
    summary: 'Sends an expression of each message',
    keywords: 'transform function expression change',
    template: () => ({
      kind: 'map',
      ports: [
        { name: 'in', dir: 'in', type: json },
        { name: 'out', dir: 'out', type: json },
      ],
      config: { expression: 'msg' },
    }),
  },
  {
    kind: 'filter',
    family: 'builtin',
    label: 'Filter',
    summary: 'Forwards messages for which an expression holds',
    keywords: 'switch condition predicate where',
    template: () => ({
      kind: 'filter',
      ports: [
        { name: 'in', dir: 'in', type: json },
        { name: 'out', dir: 'out', type: json },
      ],
      config: { expression: 'true' },
    }),
  },
  {
    kind: 'buffer',
    family: 'builtin',
    label: 'Buffer',
    summary: 'A FIFO queue of a fixed capacity',
    keywords: 'queue fifo capacity store',
    template: () => ({
      kind: 'buffer',
      ports: [
        { name: 'in', dir: 'in', type: json },
        { name: 'out', dir: 'out', type: json },
      ],
      config: { capacity: 8 },
    }),
  },
  {
    kind: 'merge',
    family: 'builtin',
    label: 'Merge',
    summary: 'Forwards whichever input arrives',
    keywords: 'join combine fan-in union',
    template: () => ({
      kind: 'merge',
      ports: [
        { name: 'a', dir: 'in', type: json },
        { name: 'b', dir: 'in', type: json },
        { name: 'out', dir: 'out', type: json },
      ],
    }),
  },
  {
    kind: 'split',
    family: 'builtin',
    label: 'Split',
    summary: 'One message per element of an array',
    keywords: 'array explode each items',
    template: () => ({
      kind: 'split',
      ports: [
        { name: 'in', dir: 'in', type: json },
        { name: 'out', dir: 'out', type: json },
      ],
    }),
  },
  {
    kind: 'http',
    family: 'builtin',
    label: 'HTTP request',
    summary: 'Calls a URL on an egress allow-list',
    keywords: 'http rest api fetch web request url',
    template: () => ({
      kind: 'http',
      ports: [
        { name: 'request', dir: 'in', type: json },
        { name: 'response', dir: 'out', type: json },
        { name: 'failed', dir: 'out', type: json },
      ],
      config: { method: 'GET', url: 'https://api.example.com/items/{id}', allow: ['api.example.com'] },
    }),
  },
];

const BY_KIND = new Map(KINDS.map((k) => [k.kind, k]));

export function kindInfo(kind: NodeKind): KindInfo {
  const info = BY_KIND.get(kind);
  if (!info) throw new Error(`no palette entry for kind "${kind}"`);
  return info;
}

/** A name not yet used by a node: "Timer", then "Timer 2", "Timer 3", … */
export function freshName(wf: Workflow, base: string): string {
  const names = new Set(wf.processes.map((p) => p.name));
  if (!names.has(base)) return base;
  for (let n = 2; ; n++) if (!names.has(`${base} ${n}`)) return `${base} ${n}`;
}

/** A new node of `kind` with a fresh id and name. */
export function newNode(wf: Workflow, kind: NodeKind): ProcessNode {
  const info = kindInfo(kind);
  const name = freshName(wf, info.family === 'csp' ? 'Process' : info.label);
  return { ...info.template(), id: freshId(wf, 'node', name), name } as ProcessNode;
}

/** Palette search: every word of the query must appear in the label, kind, summary or keywords. */
export function matchKinds(query: string): KindInfo[] {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  return KINDS.filter((k) => {
    const text = `${k.label} ${k.kind} ${k.summary} ${k.keywords}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
