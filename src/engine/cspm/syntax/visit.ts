/** Generic traversal: the direct children of any AST node (used by the checker's dependency scan and editor services). */
import type { Node } from './ast';

export function forEachChild(n: Node, f: (child: Node) => void): void {
  switch (n.kind) {
    case 'Module':
      return n.decls.forEach(f);
    case 'ChannelDecl':
      n.names.forEach(f);
      return n.fields.forEach(f);
    case 'DatatypeDecl':
      f(n.name);
      return n.ctors.forEach(f);
    case 'CtorDecl':
      f(n.name);
      return n.fields.forEach(f);
    case 'NametypeDecl':
      f(n.name);
      return f(n.type);
    case 'ValueDecl':
      f(n.name);
      return f(n.body);
    case 'FunctionDecl':
      f(n.name);
      return n.clauses.forEach(f);
    case 'Clause':
      for (const g of n.params) g.forEach(f);
      return f(n.body);
    case 'PatternDecl':
      f(n.pattern);
      return f(n.body);
    case 'AssertDecl':
      f(n.assertion);
      for (const o of n.options ?? []) if (o.kind === 'TauPriority') f(o.set);
      return;
    case 'PrintDecl':
      return f(n.expr);
    case 'IncludeDecl':
      return n.decls.forEach(f);
    case 'TimedDecl':
      if (n.fn) f(n.fn);
      return n.decls.forEach(f);
    case 'TransparentDecl':
    case 'ExternalDecl':
    case 'TypeAnnotationDecl':
      return n.names.forEach(f);
    case 'ModuleDecl':
      f(n.name);
      n.params?.forEach(f);
      n.privateDecls.forEach(f);
      return n.exportedDecls.forEach(f);
    case 'InstanceDecl':
      f(n.name);
      f(n.module);
      return n.args?.forEach(f);
    case 'SubtypeDecl':
      f(n.name);
      return n.ctors.forEach(f);
    case 'RefinementAssertion':
      f(n.spec);
      return f(n.impl);
    case 'PropertyAssertion':
      return f(n.process);
    case 'HasTraceAssertion':
      f(n.process);
      return f(n.trace);
    case 'IntLit':
    case 'BoolLit':
    case 'Var':
    case 'Ident':
    case 'PVar':
    case 'PWildcard':
    case 'PInt':
    case 'PBool':
    case 'PChar':
    case 'PString':
    case 'StringLit':
    case 'CharLit':
      return;
    case 'App':
      f(n.fn);
      return n.args.forEach(f);
    case 'Binary':
      f(n.left);
      return f(n.right);
    case 'Unary':
      return f(n.operand);
    case 'If':
      f(n.cond);
      f(n.then);
      return f(n.else);
    case 'Let':
      n.decls.forEach(f);
      return f(n.body);
    case 'Lambda':
      n.params.forEach(f);
      return f(n.body);
    case 'Tuple':
    case 'Dot':
    case 'SetEnum':
    case 'SeqEnum':
    case 'EventSetEnum':
    case 'PTuple':
    case 'PDot':
    case 'PSeqEnum':
    case 'PSet':
      return (n.items as readonly Node[]).forEach(f);
    case 'SetRange':
    case 'SeqRange':
      f(n.from);
      if (n.to) f(n.to);
      return;
    case 'SetComp':
    case 'SeqComp':
    case 'EventSetComp':
      n.stmts.forEach(f);
      return n.items.forEach(f);
    case 'Generator':
      f(n.pattern);
      return f(n.source);
    case 'Predicate':
      return f(n.expr);
    case 'Prefix':
      f(n.event);
      n.fields.forEach(f);
      return f(n.body);
    case 'InputField':
      f(n.pattern);
      if (n.restriction) f(n.restriction);
      return;
    case 'OutputField':
      return f(n.expr);
    case 'Guard':
      f(n.cond);
      return f(n.body);
    case 'ProcBinary':
      f(n.left);
      return f(n.right);
    case 'GenPar':
      f(n.left);
      f(n.sync);
      return f(n.right);
    case 'AlphaPar':
      f(n.left);
      f(n.leftAlpha);
      f(n.rightAlpha);
      return f(n.right);
    case 'Hide':
      f(n.body);
      return f(n.set);
    case 'Rename':
      f(n.body);
      n.pairs.forEach(f);
      return n.stmts.forEach(f);
    case 'RenamePair':
      f(n.from);
      return f(n.to);
    case 'Replicated':
      n.stmts.forEach(f);
      if (n.sync) f(n.sync);
      if (n.alpha) f(n.alpha);
      return f(n.body);
    case 'PConcat':
    case 'PDouble':
      f(n.left);
      return f(n.right);
    case 'LinkPar':
      f(n.left);
      n.links.forEach(f);
      n.stmts.forEach(f);
      return f(n.right);
    case 'LinkPair':
      f(n.from);
      return f(n.to);
    case 'ReplicatedLinkPar':
      n.stmts.forEach(f);
      n.links.forEach(f);
      n.linkStmts.forEach(f);
      return f(n.body);
    case 'ProcSetOp':
      f(n.left);
      f(n.set);
      return f(n.right);
    case 'Project':
      f(n.body);
      return f(n.set);
    case 'MapLit':
      return n.entries.forEach(f);
    case 'MapEntry':
      f(n.key);
      return f(n.value);
  }
}
