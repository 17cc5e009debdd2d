/**
 * Light checks on CSPm type text written in ports, channels and buses, done
 * before any CSPm is compiled so that a typo gets an error at its place in
 * the YAML (`expected a CSPm type, got "int"`). The full type check happens
 * when the compiled script goes through the CSPm front end.
 */

/** Names a workflow's `declarations` block defines at top level (datatypes, nametypes, definitions). */
export function declaredNames(declarations: string | undefined): {
  types: Set<string>;
  all: Set<string>;
  channels: Set<string>;
} {
  const types = new Set<string>();
  const all = new Set<string>();
  const channels = new Set<string>();
  if (!declarations) return { types, all, channels };
  const text = declarations.replace(/\{-[\s\S]*?-\}/g, ' ').replace(/--.*$/gm, '');
  for (const m of text.matchAll(/^[ \t]*(datatype|nametype|subtype)\s+([A-Za-z_][A-Za-z0-9_']*)/gm)) {
    types.add(m[2] as string);
    all.add(m[2] as string);
  }
  for (const m of text.matchAll(/^([A-Za-z_][A-Za-z0-9_']*)\s*(\([^)]*\))?\s*=(?!=)/gm)) all.add(m[1] as string);
  for (const m of text.matchAll(/^[ \t]*channel\s+([^:\n]+)/gm)) {
    for (const c of (m[1] as string).split(',')) {
      all.add(c.trim());
      channels.add(c.trim());
    }
  }
  return { types, all, channels };
}

/** Splits `A.{0..3}.B` at top-level dots (not inside braces or parentheses, not `..`). */
export function splitDotted(type: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < type.length; i++) {
    const ch = type[i];
    if (ch === '{' || ch === '(' || ch === '[') depth++;
    else if (ch === '}' || ch === ')' || ch === ']') depth--;
    else if (ch === '.' && depth === 0 && type[i + 1] !== '.' && type[i - 1] !== '.') {
      parts.push(type.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(type.slice(start).trim());
  return parts;
}

function balanced(text: string): boolean {
  const stack: string[] = [];
  const pairs: Record<string, string> = { '}': '{', ')': '(', ']': '[' };
  for (const ch of text) {
    if (ch === '{' || ch === '(' || ch === '[') stack.push(ch);
    else if (ch in pairs) {
      if (stack.pop() !== pairs[ch]) return false;
    }
  }
  return stack.length === 0;
}

const BUILTIN_TYPES = new Set(['Int', 'Bool', 'Char', 'Events']);

/**
 * Returns an error message for type text that is plainly not a CSPm type, or
 * undefined. `known` holds the names the workflow declares (types, parameters,
 * definitions that may denote sets).
 */
export function checkTypeText(type: string, known: ReadonlySet<string>): string | undefined {
  const bad = `expected a CSPm type, got ${JSON.stringify(type)}`;
  if (!balanced(type)) return `${bad} (unbalanced brackets)`;
  for (const part of splitDotted(type)) {
    if (part === '') return bad;
    if (/^\{.*\}$/s.test(part) || /^\(.*\)$/s.test(part)) continue;
    const call = /^([A-Za-z_][A-Za-z0-9_']*)\s*(\(.*\))?$/s.exec(part);
    if (!call) return bad;
    const name = call[1] as string;
    if (BUILTIN_TYPES.has(name) || known.has(name)) continue;
    if (/^(Set|Seq)\(.*\)$/s.test(part)) continue;
    const hint = BUILTIN_TYPES.has(name[0]!.toUpperCase() + name.slice(1))
      ? ` (did you mean ${name[0]!.toUpperCase() + name.slice(1)}?)`
      : '';
    return `${bad}: ${name} is not Int, Bool or a type declared in declarations${hint}`;
  }
  return undefined;
}

/** Whitespace-insensitive form used to compare two type texts. */
export function normalType(type: string | undefined): string {
  return (type ?? '').replace(/\s+/g, '');
}
