/**
 * The processes a script defines at the top level (what the probe can open):
 * definitions whose type is a process, or a function returning one, with
 * their parameters (names from the first clause when they are plain
 * variables, types from the checker) in source order.
 */
import { formatType, prune } from '../../engine/cspm';
import type { CheckedModule, SymbolInfo, Type } from '../../engine/cspm';
import type { Result } from '../../shared/protocol';

type ProcessInfo = Result<'cspm.processes'>['processes'][number];

function returnsProcess(t: Type): boolean {
  const p = prune(t);
  if (p.t === 'proc') return true;
  return p.t === 'fn' && returnsProcess(p.ret);
}

function parameters(symbol: SymbolInfo): { name?: string; type: string }[] {
  const t = prune(symbol.type);
  if (t.t !== 'fn') return [];
  const decl = symbol.decl;
  const first = decl?.kind === 'FunctionDecl' ? decl.clauses[0]?.params[0] : undefined;
  return t.params.map((param, i) => {
    const pattern = first?.[i];
    return { ...(pattern?.kind === 'PVar' ? { name: pattern.name } : {}), type: formatType(param) };
  });
}

export function listProcesses(module: CheckedModule): ProcessInfo[] {
  const out: (ProcessInfo & { offset: number })[] = [];
  for (const symbol of module.symbols.values()) {
    if ((symbol.kind !== 'value' && symbol.kind !== 'function') || symbol.span === null) continue;
    if (!returnsProcess(symbol.type)) continue;
    const { file, line, column, offset } = symbol.span;
    out.push({
      name: symbol.name,
      parameters: parameters(symbol),
      type: formatType(symbol.type),
      file,
      line,
      column,
      offset,
    });
  }
  out.sort((a, b) => a.file.localeCompare(b.file) || a.offset - b.offset);
  return out.map(({ offset: _offset, ...p }) => p);
}
