/**
 * The protocol surface as data: every method's params/result, every stream's
 * event, the error codes and the version. A change here is a protocol change;
 * the snapshot makes it visible in review (bump MINOR for additions, MAJOR for
 * anything that breaks an old client).
 */
import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { CONTROL_TYPES, ERROR_CODES, PROTOCOL_VERSION, domains, methods, streams } from './index';

function schema(s: z.ZodType): unknown {
  return z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
}

describe('protocol surface', () => {
  it('matches the snapshot', () => {
    const surface = {
      version: PROTOCOL_VERSION,
      errorCodes: ERROR_CODES,
      controlTypes: CONTROL_TYPES,
      methods: Object.fromEntries(
        Object.entries(methods).map(([name, m]) => [
          name,
          { description: m.description, params: schema(m.params), result: schema(m.result) },
        ]),
      ),
      streams: Object.fromEntries(
        Object.entries(streams).map(([name, s]) => [
          name,
          { description: s.description, perRun: s.perRun, event: schema(s.event) },
        ]),
      ),
    };
    expect(surface).toMatchSnapshot();
  });

  it('no two domains declare the same method or stream, and no method shadows a control type', () => {
    const seenMethods = new Map<string, string>();
    const seenStreams = new Map<string, string>();
    for (const [domain, tables] of Object.entries(domains)) {
      for (const name of Object.keys(tables.methods)) {
        expect(seenMethods.get(name), `method ${name} in ${domain}`).toBeUndefined();
        seenMethods.set(name, domain);
      }
      for (const name of Object.keys(tables.streams)) {
        expect(seenStreams.get(name), `stream ${name} in ${domain}`).toBeUndefined();
        seenStreams.set(name, domain);
      }
    }
    for (const control of CONTROL_TYPES) expect(seenMethods.has(control)).toBe(false);
    expect(seenMethods.size).toBe(Object.keys(methods).length);
  });
});
