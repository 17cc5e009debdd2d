import { describe, it, expect } from 'vitest';
import { catalogue, formatDiagnostic, formatTemplate, makeDiagnostic, sortDiagnostics } from './index';

const span = (line: number, offset: number) => ({
  file: 'a.csp',
  line,
  column: 2,
  endLine: line,
  endColumn: 5,
  offset,
  end: offset + 3,
});

describe('diagnostics', () => {
  it('fills templates and leaves unknown placeholders visible', () => {
    expect(formatTemplate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('takes severity from the catalogue and formats one line per location', () => {
    const d = makeDiagnostic('CSP2002', span(3, 20), { name: 'P' }, [
      { message: 'first defined here', span: span(1, 0) },
    ]);
    expect(d.severity).toBe('error');
    expect(formatDiagnostic(d)).toBe(
      "a.csp:3:2: error CSP2002: 'P' is defined more than once\n  a.csp:1:2: first defined here",
    );
  });

  it('sorts by position', () => {
    const a = makeDiagnostic('CSP2001', span(2, 10), { name: 'x', suggestion: '' });
    const b = makeDiagnostic('CSP1004', span(1, 0), { expected: 'x', found: 'y' });
    expect(sortDiagnostics([a, b]).map((d) => d.code)).toEqual(['CSP1004', 'CSP2001']);
  });

  it('has well-formed codes in the catalogue', () => {
    for (const [code, entry] of Object.entries(catalogue)) {
      expect(code).toMatch(/^CSP[1-4]\d{3}$/);
      expect(['error', 'warning', 'info']).toContain(entry.severity);
    }
  });
});
