/**
 * Resolving a name to a file-scope variable or a function-local static within one file, with
 * C scoping (locals and parameters shadow). The fallback for rules when the installer model
 * does not answer `globalAt`; it sees only the file it is given.
 */
import type { Node } from 'web-tree-sitter';
import { ancestors } from './ancestors.js';
import { parameters } from './functions.js';

export interface FileVariable {
  name: string;
  scope: 'file' | 'static-local';
  /** The declarator's identifier. */
  nameNode: Node;
  /** The whole declaration. */
  declaration: Node;
  isConst: boolean;
}

/** The identifier a declarator declares (through pointers, arrays, initializers), if any. */
export function declaredName(declarator: Node): Node | null {
  let d: Node | null = declarator;
  while (d && d.type !== 'identifier') {
    if (d.type === 'function_declarator' || d.type === 'parenthesized_declarator') return null;
    d = d.childForFieldName('declarator');
  }
  return d;
}

function declaredNames(declaration: Node): Node[] {
  return declaration.childrenForFieldName('declarator').flatMap((d) => {
    const n = d ? declaredName(d) : null;
    return n ? [n] : [];
  });
}

function isStatic(declaration: Node): boolean {
  return declaration.namedChildren.some((c) => c?.type === 'storage_class_specifier' && c.text === 'static');
}

function isConstDeclaration(declaration: Node, nameNode: Node): boolean {
  const constType = declaration.namedChildren.some((c) => c?.type === 'type_qualifier' && c.text === 'const');
  // `const char *p` declares a pointer that can change; `char *const p` cannot.
  for (const p of ancestors(nameNode)) {
    if (p.id === declaration.id) break;
    if (p.type === 'pointer_declarator') return p.namedChildren.some((c) => c?.type === 'type_qualifier' && c.text === 'const');
  }
  return constType;
}

/**
 * What `identifier` names: a file-scope variable or a static local of this file, or null for
 * locals, parameters, functions and names declared elsewhere.
 */
export function resolveVariable(identifier: Node, fileScope?: FileScope): FileVariable | null {
  const name = identifier.text;
  for (const scope of ancestors(identifier)) {
    if (scope.type === 'function_definition') {
      if (parameters(scope).some((p) => p.name === name)) return null;
      continue;
    }
    if (scope.type === 'translation_unit' && fileScope) return fileScope.lookup(scope, name);
    if (scope.type !== 'compound_statement' && scope.type !== 'translation_unit' && scope.type !== 'for_statement') continue;
    for (const child of scope.namedChildren) {
      if (!child || child.type !== 'declaration') continue;
      if (scope.type !== 'translation_unit' && child.startIndex > identifier.startIndex) continue;
      const hit = declaredNames(child).find((n) => n.text === name);
      if (!hit) continue;
      if (scope.type === 'translation_unit') {
        return { name, scope: 'file', nameNode: hit, declaration: child, isConst: isConstDeclaration(child, hit) };
      }
      if (isStatic(child)) {
        return { name, scope: 'static-local', nameNode: hit, declaration: child, isConst: isConstDeclaration(child, hit) };
      }
      return null;
    }
  }
  return null;
}

/** The file-scope variables of one file, indexed once (create one per rule run and file). */
export class FileScope {
  private index: Map<string, FileVariable> | undefined;

  lookup(root: Node, name: string): FileVariable | null {
    if (!this.index) {
      this.index = new Map();
      for (const child of root.namedChildren) {
        if (!child || child.type !== 'declaration') continue;
        for (const n of declaredNames(child)) {
          if (!this.index.has(n.text)) {
            this.index.set(n.text, { name: n.text, scope: 'file', nameNode: n, declaration: child, isConst: isConstDeclaration(child, n) });
          }
        }
      }
    }
    return this.index.get(name) ?? null;
  }
}
