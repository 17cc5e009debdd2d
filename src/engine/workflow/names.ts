/**
 * The fixed naming rule (docs/workflow-semantics.md#names-and-the-source-map): canvas names become CSPm identifiers.
 * Characters outside [A-Za-z0-9_'] become `_`; a leading digit (or `'`) gets a
 * prefix; a keyword or built-in gets a suffix; a collision gets `_2`, `_3`, …
 */

/** CSPm keywords and built-in names a generated identifier must avoid. */
export const CSPM_RESERVED: ReadonlySet<string> = new Set([
  // keywords
  'channel',
  'datatype',
  'nametype',
  'subtype',
  'assert',
  'not',
  'and',
  'or',
  'if',
  'then',
  'else',
  'let',
  'within',
  'true',
  'false',
  'include',
  'transparent',
  'external',
  'module',
  'exports',
  'endmodule',
  'instance',
  'Timed',
  'print',
  'type',
  // built-in processes and sets
  'STOP',
  'SKIP',
  'DIV',
  'RUN',
  'CHAOS',
  'WAIT',
  'Int',
  'Bool',
  'Char',
  'Events',
  'Proc',
  'Set',
  'Seq',
  'Union',
  'Inter',
  'union',
  'inter',
  'diff',
  'member',
  'card',
  'empty',
  'set',
  'seq',
  'length',
  'head',
  'tail',
  'concat',
  'null',
  'elem',
  'productions',
  'extensions',
  'error',
  'show',
  'normal',
  'sbisim',
  'diamond',
  'explicate',
  'wbisim',
  'chase',
  'chase_nocache',
  'lazyenumerate',
  'mtransclose',
  'relational_image',
  'relational_inverse_image',
  'transpose',
  'seq_to_set',
  'mapFromList',
  'mapLookup',
  'mapMember',
  'mapToList',
  'mapUpdate',
  'mapUpdateMultiple',
  'emptyMap',
  'Map',
  'prioritise',
  'prioritize',
  'tskip',
  'tstop',
  'timed_priority',
  'Tock',
  'tock',
]);

/** Sanitises one name, without collision handling. */
export function cspIdentifier(name: string, prefix = 'n'): string {
  let id = name.replace(/[^A-Za-z0-9_']/g, '_');
  if (id === '' || /^[0-9'_]/.test(id)) id = `${prefix}${id === '' || id.startsWith('_') ? '' : '_'}${id}`;
  if (CSPM_RESERVED.has(id)) id = `${id}_`;
  return id;
}

/** Allocates unique identifiers in call order, so output is deterministic. */
export class NameAllocator {
  private readonly used = new Set<string>();

  /** Marks names taken verbatim (port channels, parameters, SYSTEM). */
  reserve(name: string): void {
    this.used.add(name);
  }

  isTaken(name: string): boolean {
    return this.used.has(name);
  }

  allocate(name: string, prefix?: string): string {
    const base = cspIdentifier(name, prefix);
    let candidate = base;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${base}_${n}`;
    this.used.add(candidate);
    return candidate;
  }
}
