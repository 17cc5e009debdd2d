import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { abstractPayload, matchesSchema, routeReply, unsupportedKeyword } from './abstraction';
import { loadWorkflowYaml } from './yaml-load';

const negotiation = loadWorkflowYaml(
  readFileSync(join(__dirname, '../../../resources/examples/agent-negotiation.yaml'), 'utf8'),
).workflow!;

describe('JSON channel abstraction', () => {
  const reply = negotiation.channels.find((c) => c.id === 'reply')!.json!;
  const offer = negotiation.channels.find((c) => c.id === 'offer')!.json!;

  it('abstracts each recorded reply of the negotiation example to its constructor', () => {
    const seller = negotiation.processes.find((p) => p.id === 'seller')!;
    const buyer = negotiation.processes.find((p) => p.id === 'buyer')!;
    if (seller.kind !== 'agent' || buyer.kind !== 'agent') throw new Error('agents expected');
    expect(seller.agent.replies!.map((r) => abstractPayload(reply, r))).toEqual(['Counter', 'Accept']);
    expect(buyer.agent.replies!.map((r) => abstractPayload(offer, r))).toEqual(['Bid', 'Bid']);
  });

  it('falls back for payloads no rule matches', () => {
    expect(abstractPayload(reply, { decision: 'maybe' })).toBe('BadReply');
    expect(abstractPayload(reply, 'free text')).toBe('BadReply');
    expect(abstractPayload({ abstraction: [{ match: { type: 'string' }, as: 'Text' }] }, 3)).toBe('Other');
    expect(abstractPayload({}, { any: 1 })).toBeUndefined();
  });

  it('interprets the supported subset of JSON Schema', () => {
    const s = {
      type: 'object',
      required: ['n'],
      properties: {
        n: { type: 'integer', minimum: 1, exclusiveMaximum: 10 },
        tags: { type: 'array', items: { enum: ['a', 'b'] }, maxItems: 2 },
      },
      additionalProperties: false,
    };
    expect(matchesSchema(s, { n: 3, tags: ['a'] })).toBe(true);
    expect(matchesSchema(s, { n: 10 })).toBe(false);
    expect(matchesSchema(s, { n: 2.5 })).toBe(false);
    expect(matchesSchema(s, { n: 3, extra: true })).toBe(false);
    expect(matchesSchema(s, { n: 3, tags: ['a', 'c'] })).toBe(false);
    expect(matchesSchema({ anyOf: [{ const: 1 }, { pattern: '^x' }] }, 'xyz')).toBe(true);
    expect(matchesSchema({ oneOf: [{ type: 'number' }, { type: 'integer' }] }, 2)).toBe(false);
    expect(matchesSchema({ not: { type: 'null' }, minLength: 2 }, 'é😀')).toBe(true);
  });

  it('names keywords outside the subset', () => {
    expect(unsupportedKeyword({ type: 'object', properties: { a: { $ref: '#/x' } } })).toBe('properties.a.$ref');
    expect(unsupportedKeyword({ pattern: '(' })).toBe('pattern');
    expect(unsupportedKeyword({ title: 'ok', anyOf: [{ type: 'string' }] })).toBeUndefined();
    const text = readFileSync(join(__dirname, '../../../resources/examples/agent-negotiation.yaml'), 'utf8').replace(
      '{ const: accept }',
      '{ $ref: "#/defs/accept" }',
    );
    const r = loadWorkflowYaml(text);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]?.message).toMatch(
      /JSON Schema keyword properties\.decision\.\$ref is outside the supported subset/,
    );
  });

  it('routes agent replies by the first matching rule, else the reply port', () => {
    const agent = {
      provider: 'replay' as const,
      model: 'm',
      system: '',
      replyPort: 'out',
      routing: [{ port: 'alarm', match: { required: ['alarm'] } }],
    };
    expect(routeReply(agent, { alarm: true })).toBe('alarm');
    expect(routeReply(agent, { ok: true })).toBe('out');
  });
});
