/**
 * Diagnostics of the workflow phase: a numbered catalogue (docs/cspm.md#diagnostics), each
 * with the path in the document and, once mapped onto the source text, a line
 * and column. Loading never throws on bad input; it returns these.
 */

export type Severity = 'error' | 'warning';

export interface WorkflowDiagnostic {
  readonly code: WorkflowCode;
  readonly severity: Severity;
  readonly message: string;
  /** Path in the document, e.g. `processes[2].ports[0].type`; '' for the whole file. */
  readonly path: string;
  /** 1-based; present when the diagnostic was mapped onto a YAML text. */
  readonly line?: number;
  readonly column?: number;
}

/**
 * The catalogue. WF1xxx: reading the file; WF2xxx: the document's shape and
 * cross-references; WF3xxx: compiling to CSPm; WF4xxx: importing CSPm.
 */
export const WF = {
  tooLarge: 'WF1001',
  mergeConflict: 'WF1002',
  yamlSyntax: 'WF1003',
  aliasLimit: 'WF1004',
  notAMapping: 'WF1005',
  newerVersion: 'WF1006',
  missingVersion: 'WF1007',
  schema: 'WF2001',
  unknownKey: 'WF2002',
  duplicateId: 'WF2003',
  danglingRef: 'WF2004',
  badType: 'WF2005',
  typeMismatch: 'WF2006',
  portDirection: 'WF2007',
  duplicateName: 'WF2008',
  badIndex: 'WF2009',
  badAssertion: 'WF2010',
  badLayout: 'WF2011',
  badBus: 'WF2012',
  badChannelUse: 'WF2013',
  reservedName: 'WF2014',
  badBuiltin: 'WF2015',
  badGroup: 'WF2016',
  bufferTooLarge: 'WF3001',
  portTypeConflict: 'WF3002',
  noContract: 'WF3003',
  cspm: 'WF3005',
  cspmError: 'WF4001',
  notImportable: 'WF4002',
} as const;

export type WorkflowCode = (typeof WF)[keyof typeof WF];

export function diag(
  code: WorkflowCode,
  path: string,
  message: string,
  severity: Severity = 'error',
): WorkflowDiagnostic {
  return { code, severity, message, path };
}

/** `processes[2].ports[0].type` from `['processes', 2, 'ports', 0, 'type']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else {
      const key = String(part);
      const plain = /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key);
      out += plain ? (out === '' ? key : `.${key}`) : `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/** One line per diagnostic: `file:12:5: error WF2004 edges[0].to: ...`. */
export function formatDiagnostic(d: WorkflowDiagnostic, file?: string): string {
  const where = [file, d.line, d.column].filter((x) => x !== undefined).join(':');
  const at = d.path === '' ? '' : `${d.path}: `;
  return `${where === '' ? '' : where + ': '}${d.severity} ${d.code} ${at}${d.message}`;
}

export function hasErrors(ds: readonly WorkflowDiagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}
