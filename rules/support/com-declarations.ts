/**
 * Where a name used in a function is declared, and with which type, read from the one file's
 * tree: a local of an enclosing block (declared before the use), a parameter of the enclosing
 * function, a file-scope variable, or a member of a class or struct of the file. The COM checks
 * use it to tell the interface a dialog pointer is declared with, and whether a class identifier
 * is a variable of the function (docs/rules/no-ui-outside-finish-install.md,
 * docs/rules/no-dll-load.md).
 */
import type { Node } from 'web-tree-sitter';
import { ancestors, parameters } from '../../engine/index.js';

export interface DeclaredName {
  kind: 'local' | 'parameter' | 'file' | 'member';
  /** The declared type as written, without the declarator's `*` and `&`: `IFileDialog`, `CComPtr<IFileOpenDialog>`. */
  type: string;
}

/** The name a declarator declares, through pointers, references, arrays and initialisers. */
export function declaratorName(declarator: Node): string | null {
  let d: Node | null = declarator;
  while (d) {
    if (d.type === 'identifier' || d.type === 'field_identifier') return d.text;
    if (d.type === 'function_declarator' || d.type === 'parenthesized_declarator') return null;
    d = d.childForFieldName('declarator') ?? d.namedChildren.find((c) => c !== null && c.type !== 'type_qualifier') ?? null;
  }
  return null;
}

function declares(declaration: Node, name: string): boolean {
  return declaration.childrenForFieldName('declarator').some((d) => d !== null && declaratorName(d) === name);
}

function typeOf(declaration: Node): string {
  return declaration.childForFieldName('type')?.text ?? '';
}

/** The declaration of `name` as seen from `use` (a node inside a function, or at file scope). */
export function declarationOf(name: string, use: Node): DeclaredName | null {
  // the ancestors in one walk down (engine/syntax/ancestors.ts), not a chain of Node.parent
  const up = ancestors(use);
  for (let k = 0; k < up.length; k++) {
    const scope = up[k];
    if (scope.type === 'function_definition') {
      const parameter = parameters(scope).find((p) => p.name === name);
      if (parameter) return { kind: 'parameter', type: parameter.node.childForFieldName('type')?.text ?? '' };
      const owner = up.at(k + 1);
      const members = owner?.type === 'field_declaration_list' ? memberOf(owner, name) : null;
      if (members) return members;
      continue;
    }
    if (scope.type !== 'compound_statement' && scope.type !== 'translation_unit' && scope.type !== 'for_statement') continue;
    const local = scope.type !== 'translation_unit';
    for (const child of scope.namedChildren) {
      if (!child || child.type !== 'declaration') continue;
      if (local && child.startIndex > use.startIndex) break;
      if (declares(child, name)) return { kind: local ? 'local' : 'file', type: typeOf(child) };
    }
    if (!local) return anyMember(scope, name);
  }
  return null;
}

function memberOf(fields: Node, name: string): DeclaredName | null {
  for (const field of fields.namedChildren) {
    if (field?.type === 'field_declaration' && declares(field, name)) return { kind: 'member', type: typeOf(field) };
  }
  return null;
}

/** A member of any class or struct of the file (a method defined outside its class: `void C::F() { m_p->Show(h); }`). */
function anyMember(root: Node, name: string): DeclaredName | null {
  for (const fields of root.descendantsOfType('field_declaration_list')) {
    const found = fields ? memberOf(fields, name) : null;
    if (found) return found;
  }
  return null;
}
