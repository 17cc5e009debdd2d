/**
 * Protocol version "MAJOR.MINOR". A major bump breaks old clients and is refused
 * at `hello`; a minor bump only adds methods, streams or optional fields, which
 * older peers ignore (unknown fields are dropped by the schemas, never rejected).
 */
export const PROTOCOL_MAJOR = 1;
export const PROTOCOL_MINOR = 10;
export const PROTOCOL_VERSION = `${PROTOCOL_MAJOR}.${PROTOCOL_MINOR}`;

export interface ProtocolVersion {
  readonly major: number;
  readonly minor: number;
}

/** Parses "MAJOR.MINOR"; undefined when the text is not of that shape. */
export function parseVersion(text: string): ProtocolVersion | undefined {
  const m = /^(\d{1,6})\.(\d{1,6})$/.exec(text);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]) };
}
