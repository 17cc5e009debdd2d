/** docs/expressions.md stays honest: its examples give what they say, and its function table names every built-in. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Json } from './ast';
import { evaluateExpression } from './evaluate';
import { BUILTINS } from './functions';
import { parseExpression } from './parse';
import { truthy } from './values';

const page = readFileSync(new URL('../../../../docs/expressions.md', import.meta.url), 'utf8');
const cells = (row: string): string[] =>
  row
    .replace(/^\|\s*|\s*\|$/g, '')
    .split(' | ')
    .map((c) => c.trim().replace(/^`|`$/g, ''));

describe('docs/expressions.md', () => {
  const examples = page.split('\n').filter((line) => /^\| (map|filter) \|/.test(line));
  it('has examples for both nodes', () => {
    expect(examples.filter((r) => r.startsWith('| map')).length).toBeGreaterThan(2);
    expect(examples.filter((r) => r.startsWith('| filter')).length).toBeGreaterThan(2);
  });
  it.each(examples.map(cells))('%s: %s', (kind, text, msg, result) => {
    const parsed = parseExpression(text!);
    if (!parsed.ok) throw new Error(`${parsed.error.message} at column ${parsed.error.column}`);
    const r = evaluateExpression(parsed.expr, { msg: JSON.parse(msg!) as Json });
    if (!r.ok) throw new Error(r.error);
    if (kind === 'filter') expect(truthy(r.value) ? 'passes' : 'dropped').toBe(result);
    else expect(r.value).toEqual(JSON.parse(result!));
  });
  it('lists every built-in function in its table', () => {
    const table = page.slice(page.indexOf('## Functions'), page.indexOf('## Errors'));
    for (const name of BUILTINS.keys()) expect(table, name).toContain(`\`${name}(`);
  });
});
