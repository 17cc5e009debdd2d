/**
 * Workflow → YAML text in the skeleton's key order (docs/workflows.md).
 *
 * Given the file's previous text, the new content is written into that
 * parsed document in place: records are matched by id (ports by name), and
 * an unchanged value keeps its node, so comments, quoting and flow/block style
 * survive a save. Without previous text the output is canonical: small records
 * on one line, multi-line CSPm and scripts as literal blocks.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, visit } from 'yaml';
import type { Node as YamlNode, ToStringOptions } from 'yaml';
import { formatVersion, KEY_ORDER } from './model';
import type { Workflow } from './model';

type Plain = string | number | boolean | null | Plain[] | { [k: string]: Plain };

const STRINGIFY: ToStringOptions = { lineWidth: 0, minContentWidth: 0, indentSeq: true };

function ordered(
  obj: Record<string, unknown>,
  order: readonly string[],
  nested: (key: string, v: unknown) => Plain | undefined,
): { [k: string]: Plain } {
  const out: { [k: string]: Plain } = {};
  const keys = [...order.filter((k) => k in obj), ...Object.keys(obj).filter((k) => !order.includes(k))];
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    const p = nested(k, v);
    if (p !== undefined) out[k] = p;
  }
  return out;
}

/** JSON-like data (JSON Schemas, recorded replies) kept in its own key order. */
function plainData(v: unknown): Plain {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(plainData);
  if (typeof v === 'object') {
    const out: { [k: string]: Plain } = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined) out[k] = plainData(x);
    return out;
  }
  return null;
}

const rec =
  (order: readonly string[], sub: Record<string, (v: unknown) => Plain> = {}) =>
  (v: unknown): Plain =>
    ordered(v as Record<string, unknown>, order, (k, x) => (sub[k] ? sub[k](x) : plainData(x)));
const list =
  (item: (v: unknown) => Plain) =>
  (v: unknown): Plain =>
    (v as unknown[]).map(item);

const channel = rec(KEY_ORDER.channel, { json: rec(KEY_ORDER.json, { abstraction: list(rec(KEY_ORDER.rule)) }) });
const process = rec(KEY_ORDER.process, {
  ports: list(rec(KEY_ORDER.port)),
  agent: rec(KEY_ORDER.agent, { routing: list(rec(KEY_ORDER.route)) }),
});

/** The workflow as plain data in canonical key order; empty collections left out. */
export function toPlain(wf: Workflow): { [k: string]: Plain } {
  const sub: Record<string, (v: unknown) => Plain> = {
    channels: list(channel),
    processes: list((p) => {
      const out = process(p) as { [k: string]: Plain };
      if (Array.isArray(out['ports']) && out['ports'].length === 0) delete out['ports'];
      return out;
    }),
    edges: list(rec(KEY_ORDER.edge)),
    buses: list(rec(KEY_ORDER.bus)),
    assertions: list(rec(KEY_ORDER.assertion)),
    groups: list(rec(KEY_ORDER.group)),
    breakpoints: list(rec(KEY_ORDER.breakpoint)),
    layout: (v) => {
      const out: { [k: string]: Plain } = {};
      for (const [k, pt] of Object.entries(v as Record<string, unknown>)) out[k] = rec(KEY_ORDER.point)(pt);
      return out;
    },
  };
  // Written with the lowest version that holds the content, so older builds still read files without groups.
  const versioned = { ...wf, version: formatVersion(wf) };
  return ordered(versioned as unknown as Record<string, unknown>, KEY_ORDER.workflow, (k, v) => {
    const isEmpty =
      (Array.isArray(v) && v.length === 0) ||
      (k !== 'version' && typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
    if (isEmpty && k !== 'processes') return undefined;
    return sub[k] ? sub[k](v) : plainData(v);
  });
}

function isScalarValue(v: Plain): v is string | number | boolean | null {
  return v === null || typeof v !== 'object';
}

/** Style for freshly created nodes: short records of scalars on one line, multi-line text as literal blocks. */
function styleNew(node: unknown): void {
  visit(node as YamlNode, {
    Scalar(_k, s) {
      // A literal block cannot hold a string of only blanks and line breaks (YAML reads blank lines
      // as empty ones), so such a string stays quoted.
      if (typeof s.value === 'string' && s.value.includes('\n'))
        s.type = /\S/.test(s.value) ? Scalar.BLOCK_LITERAL : Scalar.QUOTE_DOUBLE;
    },
    Map(_k, m) {
      const scalars = m.items.every(
        (p) => isScalar(p.value) && !(typeof p.value.value === 'string' && p.value.value.includes('\n')),
      );
      const width = m.items.reduce<number>(
        (n, p) =>
          n +
          String(isScalar(p.key) ? p.key.value : '').length +
          String(isScalar(p.value) ? p.value.value : '').length +
          4,
        4,
      );
      if (scalars && m.items.length > 0 && width <= 100) m.flow = true;
    },
    Seq(_k, s) {
      const scalars = s.items.every((i) => isScalar(i) && !String(i.value).includes('\n'));
      const width = s.items.reduce<number>((n, i) => n + String(isScalar(i) ? i.value : '').length + 2, 4);
      if (scalars && s.items.length > 0 && width <= 80) s.flow = true;
    },
  });
}

function create(doc: Document, value: Plain): YamlNode {
  const node = doc.createNode(value) as YamlNode;
  styleNew(node);
  return node;
}

function identity(v: Plain): string | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const id = v['id'] ?? v['name'];
  return typeof id === 'string' ? id : undefined;
}

/** Writes `value` into `node`, reusing nodes (and so their comments) wherever the data allows. */
function update(doc: Document, node: unknown, value: Plain): YamlNode {
  if (isScalarValue(value)) {
    if (isScalar(node)) {
      if (node.value !== value) {
        node.value = value;
        if (typeof value === 'string' && value.includes('\n'))
          node.type = /\S/.test(value) ? Scalar.BLOCK_LITERAL : Scalar.QUOTE_DOUBLE;
        else if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) node.type = undefined;
      }
      return node;
    }
    return create(doc, value);
  }
  if (Array.isArray(value)) {
    if (!isSeq(node)) return create(doc, value);
    const old = [...node.items];
    const byId = new Map<string, unknown>();
    for (const item of old) {
      if (isMap(item)) {
        const id = item.get('id') ?? item.get('name');
        if (typeof id === 'string' && !byId.has(id)) byId.set(id, item);
      }
    }
    node.items = value.map((v, i) => {
      const id = identity(v);
      const match = id !== undefined ? byId.get(id) : old[i];
      return update(doc, match, v);
    });
    return node;
  }
  if (!isMap(node)) return create(doc, value);
  const pairs = new Map<string, (typeof node.items)[number]>();
  for (const p of node.items) pairs.set(String(isScalar(p.key) ? p.key.value : p.key), p);
  const items: (typeof node.items)[number][] = [];
  for (const [k, v] of Object.entries(value)) {
    const pair = pairs.get(k);
    if (pair) {
      pair.value = update(doc, pair.value, v);
      items.push(pair);
    } else {
      items.push(doc.createPair(k, create(doc, v)) as unknown as (typeof node.items)[number]);
    }
  }
  node.items = items;
  return node;
}

/**
 * YAML text for `wf`. With `previous` (the file's current text), comments and
 * styles of unchanged parts are kept; a previous text that does not parse is
 * ignored and canonical output is written.
 */
export function saveWorkflowYaml(wf: Workflow, previous?: string): string {
  const plain = toPlain(wf);
  if (previous !== undefined) {
    const doc = parseDocument(previous, { uniqueKeys: true });
    if (doc.errors.length === 0 && isMap(doc.contents)) {
      doc.contents = update(doc, doc.contents, plain) as typeof doc.contents;
      return doc.toString(STRINGIFY);
    }
  }
  const doc = new Document(plain);
  styleNew(doc.contents);
  // The top level is always block style.
  if (isMap(doc.contents)) doc.contents.flow = false;
  return doc.toString(STRINGIFY);
}
