/**
 * Copy and paste as data: the selected part of a workflow becomes a fragment,
 * the fragment travels as the text of a workflow YAML file (so it pastes into
 * another workflow, another tab, or a text editor), and a pasted fragment gets
 * fresh ids and names that do not clash with the workflow it lands in.
 */
import { isMap, LineCounter, parseDocument } from 'yaml';
import {
  cspIdentifier,
  migrate,
  recordProblems,
  saveWorkflowYaml,
  splitPortRef,
  WORKFLOW_VERSION,
  WorkflowSchema,
} from '../../../../engine/workflow';
import type { Bus, Channel, Edge, Point, ProcessNode, Workflow } from '../../../../engine/workflow';
import type { Fragment } from '../document';
import type { Selection } from '../document';
import { freshName } from '../kinds/kinds';

/** The selected nodes and buses, the edges among them with their channel records, and their positions. */
export function extractFragment(wf: Workflow, selection: Selection): Fragment {
  const ids = new Set(selection.nodes);
  const processes = wf.processes.filter((p) => ids.has(p.id));
  const inside = (ref: string): boolean => ids.has(splitPortRef(ref).node);
  const edges = wf.edges.filter((e) => inside(e.from) && inside(e.to));
  const used = new Set(edges.map((e) => e.channel));
  const channels = wf.channels.filter((c) => used.has(c.id));
  const buses: Bus[] = [];
  for (const b of wf.buses) {
    if (!ids.has(b.id)) continue;
    const members = b.members.filter(inside);
    if (members.length >= 2) buses.push({ ...b, members });
  }
  const layout: Record<string, Point> = {};
  for (const id of [...processes.map((p) => p.id), ...buses.map((b) => b.id)]) {
    const at = wf.layout[id];
    if (at) layout[id] = at;
  }
  return {
    processes,
    buses,
    edges,
    channels,
    layout,
    parameters: wf.parameters,
    ...(wf.declarations !== undefined ? { declarations: wf.declarations } : {}),
  };
}

/** The fragment as a workflow YAML file (the clipboard's text). */
export function fragmentToYaml(fragment: Fragment, name: string): string {
  const wf: Workflow = {
    version: WORKFLOW_VERSION,
    name: `Copied from ${name}`,
    parameters: { ...fragment.parameters },
    ...(fragment.declarations !== undefined ? { declarations: fragment.declarations } : {}),
    channels: [...fragment.channels],
    processes: [...fragment.processes],
    edges: [...fragment.edges],
    buses: [...fragment.buses],
    assertions: [],
    groups: [],
    layout: { ...fragment.layout },
  };
  return saveWorkflowYaml(wf);
}

export type ParsedClipboard = { ok: true; fragment: Fragment } | { ok: false; reason: string };

/**
 * Reads clipboard text as a workflow YAML (what copy writes, or any workflow
 * file). Only the records' shapes are checked here; references are checked
 * when the fragment is inserted.
 */
export function fragmentFromYaml(text: string): ParsedClipboard {
  if (text.trim() === '') return { ok: false, reason: 'the clipboard is empty' };
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const pos = counter.linePos(error.pos[0]);
    return {
      ok: false,
      reason: `clipboard text is not YAML (line ${pos.line}, column ${pos.col}): ${error.message.split('\n')[0] ?? ''}`,
    };
  }
  if (!isMap(doc.contents))
    return { ok: false, reason: 'the clipboard does not hold workflow nodes (expected a workflow YAML mapping)' };
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { ok: false, reason: `clipboard text could not be read: ${e instanceof Error ? e.message : String(e)}` };
  }
  const mig = migrate(raw as Record<string, unknown>);
  if (!mig.ok) return { ok: false, reason: `clipboard: ${mig.message}` };
  const first = recordProblems(WorkflowSchema, mig.doc, [])[0];
  if (first) return { ok: false, reason: `clipboard: ${first.path}: ${first.message}` };
  const wf = WorkflowSchema.parse(mig.doc);
  if (wf.processes.length === 0 && wf.buses.length === 0) return { ok: false, reason: 'the clipboard holds no nodes' };
  return {
    ok: true,
    fragment: {
      processes: wf.processes,
      buses: wf.buses,
      edges: wf.edges,
      channels: wf.channels,
      layout: wf.layout,
      parameters: wf.parameters,
      ...(wf.declarations !== undefined ? { declarations: wf.declarations } : {}),
    },
  };
}

/** Picks ids not in `taken` (and adds them to it): the id itself, else its base with the smallest free -2, -3, … */
function allocator(taken: Set<string>): (id: string) => string {
  return (id) => {
    const base = id.replace(/-\d+$/, '');
    let out = taken.has(id) ? '' : id;
    for (let n = 2; out === ''; n++) if (!taken.has(`${base}-${n}`)) out = `${base}-${n}`;
    taken.add(out);
    return out;
  };
}

/** Rewrites whole CSPm identifiers (a node calling itself by name) after a rename. */
function renameIdentifiers(text: string, names: ReadonlyMap<string, string>): string {
  if (names.size === 0) return text;
  return text.replace(/(?<![A-Za-z0-9_'.])[A-Za-z_][A-Za-z0-9_']*/g, (word) => names.get(word) ?? word);
}

function renameInNode(node: ProcessNode, names: ReadonlyMap<string, string>): ProcessNode {
  if (names.size === 0) return node;
  if (node.kind === 'csp') return { ...node, behaviour: renameIdentifiers(node.behaviour, names) };
  if ((node.kind === 'script' || node.kind === 'agent') && node.contract !== undefined)
    return { ...node, contract: renameIdentifiers(node.contract, names) };
  return node;
}

/**
 * The fragment with ids and names that are free in `wf`, moved so that its
 * top-left corner lands on `at`. A node renamed because its name was taken
 * has its CSPm self-references renamed too, so a copy recurses into itself.
 */
export function placeFragment(wf: Workflow, fragment: Fragment, at: Point): Fragment {
  const nodeId = allocator(new Set([...wf.processes.map((p) => p.id), ...wf.buses.map((b) => b.id)]));
  const edgeId = allocator(new Set(wf.edges.map((e) => e.id)));
  const channelId = allocator(new Set(wf.channels.map((c) => c.id)));
  const ids = new Map<string, string>();
  for (const p of fragment.processes) ids.set(p.id, nodeId(p.id));
  for (const b of fragment.buses) ids.set(b.id, nodeId(b.id));
  const names = new Map<string, string>();
  let scratch = wf;
  const processes = fragment.processes.map((p) => {
    const name = freshName(scratch, p.name);
    scratch = { ...scratch, processes: [...scratch.processes, { ...p, name }] };
    if (name !== p.name) names.set(cspIdentifier(p.name, 'P'), cspIdentifier(name, 'P'));
    return { ...p, id: ids.get(p.id)!, name };
  });
  const ref = (r: string): string => {
    const { node, port } = splitPortRef(r);
    return `${ids.get(node) ?? node}.${port}`;
  };
  const channelIds = new Map<string, string>();
  const channels: Channel[] = fragment.channels.map((c) => {
    const id = channelId(c.id);
    channelIds.set(c.id, id);
    return { ...c, id, name: c.name === c.id ? id : c.name };
  });
  const edges: Edge[] = fragment.edges.map((e) => {
    const from = ref(e.from);
    const to = ref(e.to);
    const { channel, ...rest } = e;
    return {
      ...rest,
      id: edgeId(e.id),
      from,
      to,
      ...(channel === undefined ? {} : { channel: channelIds.get(channel) ?? channel }),
    };
  });
  const buses = fragment.buses.map((b) => ({ ...b, id: ids.get(b.id)!, members: b.members.map(ref) }));
  const points = Object.values(fragment.layout);
  const left = points.length === 0 ? 0 : Math.min(...points.map((p) => p.x));
  const top = points.length === 0 ? 0 : Math.min(...points.map((p) => p.y));
  const layout: Record<string, Point> = {};
  [...fragment.processes, ...fragment.buses].forEach((x, i) => {
    const p = fragment.layout[x.id] ?? { x: left + i * 40, y: top + i * 40 };
    layout[ids.get(x.id)!] = { x: Math.round(p.x - left + at.x), y: Math.round(p.y - top + at.y) };
  });
  return { ...fragment, processes: processes.map((p) => renameInNode(p, names)), buses, edges, channels, layout };
}

/** Top-left corner of a fragment's stored positions. */
export function fragmentOrigin(fragment: Fragment): Point {
  const points = Object.values(fragment.layout);
  if (points.length === 0) return { x: 0, y: 0 };
  return { x: Math.min(...points.map((p) => p.x)), y: Math.min(...points.map((p) => p.y)) };
}
