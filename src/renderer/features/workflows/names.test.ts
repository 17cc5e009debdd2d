import { describe, expect, it } from 'vitest';
import { relativeTime } from '../../ui/time';
import { windowTitle } from './title';
import { formatOfFile } from './transfer/import';

describe('window title', () => {
  it('names the workflow and marks unsaved edits', () => {
    expect(windowTitle(undefined, false)).toBe('CSP Studio');
    expect(windowTitle('Dining philosophers', false)).toBe('Dining philosophers — CSP Studio');
    expect(windowTitle('Dining philosophers', true)).toBe('Dining philosophers● — CSP Studio');
  });
});

describe('import formats', () => {
  it('takes YAML and CSPm by extension, case-insensitively, and nothing else', () => {
    expect(formatOfFile('flow.yaml')).toBe('yaml');
    expect(formatOfFile('FLOW.YML')).toBe('yaml');
    expect(formatOfFile('model.csp')).toBe('cspm');
    expect(formatOfFile('model.cspm')).toBe('cspm');
    expect(formatOfFile('notes.txt')).toBeUndefined();
    expect(formatOfFile('yaml')).toBeUndefined();
  });
});

describe('relative times', () => {
  const now = new Date(2026, 2, 10, 15, 30).getTime();
  it('reads as a person would say it', () => {
    expect(relativeTime(now - 10_000, now)).toBe('just now');
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(relativeTime(new Date(2026, 2, 10, 9, 5).getTime(), now)).toBe('today 09:05');
    expect(relativeTime(new Date(2026, 2, 9, 22, 0).getTime(), now)).toBe('yesterday 22:00');
    expect(relativeTime(new Date(2025, 11, 1).getTime(), now)).toMatch(/2025/);
  });
});
