/**
 * The remote nodes a studio knows (URL, label, colour), kept by its own host:
 * tokens are given once, kept by the host and never sent back, so no page ever
 * holds them. The UI switches its workspace to a node through the host's
 * `/nodes/<id>/ws` relay (docs/remote-nodes.md).
 */
import { z } from 'zod';
import { defineMethods, defineStreams } from '../registry';
import { WorkflowSummary } from './workflows';

export const NodeId = z.string().regex(/^n[0-9a-z]{4,32}$/, 'a node id as nodes.list gives it');

export const NodeEntry = z.object({
  id: NodeId,
  label: z.string(),
  url: z.string(),
  colour: z.string().describe('a CSS colour marking everything done on this node'),
  addedAt: z.number(),
  fingerprint: z.string().optional().describe('the pinned certificate (wss:// only)'),
});
export type NodeEntry = z.infer<typeof NodeEntry>;

export const NodeHealth = z.object({
  status: z.enum(['ok', 'degraded']),
  name: z.string(),
  version: z.string(),
  protocol: z.string(),
  uptimeSeconds: z.number(),
  runs: z.object({ active: z.number() }),
  checks: z.object({ active: z.number() }),
  sessions: z.number(),
  load: z.object({ one: z.number(), five: z.number(), fifteen: z.number(), cpus: z.number() }),
  memory: z.object({ rssBytes: z.number() }),
  tls: z.boolean(),
});
export type NodeHealth = z.infer<typeof NodeHealth>;

export const nodesMethods = defineMethods({
  'nodes.list': {
    description: 'The remote nodes this host knows (never their tokens).',
    params: z.object({}),
    result: z.object({ nodes: z.array(NodeEntry) }),
  },
  'nodes.add': {
    description:
      'Attaches to a node once (certificate pinned on first use, token checked, hello) and remembers it; fails saying why when it cannot.',
    params: z.object({
      url: z.string().min(1).max(2048).describe('ws://host:port/ws or wss://host:port/ws (http(s) accepted)'),
      token: z.string().min(1).max(512),
      label: z.string().min(1).max(64).optional(),
    }),
    result: z.object({ node: NodeEntry, health: NodeHealth }),
  },
  'nodes.remove': {
    description: 'Forgets a node, its token and its pin.',
    params: z.object({ id: NodeId }),
    result: z.object({ ok: z.boolean() }),
  },
  'nodes.health': {
    description: "A node's GET /health (version, uptime, runs, load), or why it cannot be reached.",
    params: z.object({ id: NodeId }),
    result: z.discriminatedUnion('reachable', [
      z.object({ reachable: z.literal(true), health: NodeHealth }),
      z.object({ reachable: z.literal(false), reason: z.string() }),
    ]),
  },
  'nodes.deploy': {
    description:
      "Copies a stored workflow or CSPm script of this host to a node, with the token this host keeps: saved as a new version of the node's document of the same name and kind, or imported as a new one; fails saying why when the node refuses it.",
    params: z.object({ id: NodeId, workflowId: z.number().int().positive().describe('a document of this host') }),
    result: z.object({
      node: NodeEntry,
      workflow: WorkflowSummary.describe("the document on the node (its id is the node's)"),
      versionNumber: z.number().int().positive().describe("the node's current version of it"),
      created: z.boolean().describe('a new document on the node (else a version of one it had)'),
      changed: z.boolean().describe('false when the node already had exactly this content'),
    }),
  },
});

export const nodesStreams = defineStreams({});
