/** Reading function definitions and their parameters from a tree-sitter-cpp tree. */
import type { Node } from 'web-tree-sitter';
import { closestAncestor } from './ancestors.js';

/** The function_declarator of a definition or declaration, looking through pointer and reference declarators. */
export function functionDeclarator(fn: Node): Node | null {
  let d = fn.childForFieldName('declarator');
  while (d && d.type !== 'function_declarator') {
    d = d.childForFieldName('declarator');
  }
  return d;
}

/** The function's own name (the last part of a qualified name). */
export function functionName(fn: Node): string | null {
  const decl = functionDeclarator(fn)?.childForFieldName('declarator');
  if (!decl) return null;
  if (decl.type === 'qualified_identifier') return decl.childForFieldName('name')?.text ?? null;
  return decl.text;
}

export interface Parameter {
  type: string;
  name: string | null;
  node: Node;
}

export function parameters(fn: Node): Parameter[] {
  const list = functionDeclarator(fn)?.childForFieldName('parameters');
  if (!list) return [];
  return list.namedChildren
    .filter((p): p is Node => p !== null && (p.type === 'parameter_declaration' || p.type === 'optional_parameter_declaration'))
    .map((p) => {
      const type = p.childForFieldName('type')?.text ?? '';
      let d = p.childForFieldName('declarator');
      let pointer = '';
      while (d && d.type !== 'identifier') {
        if (d.type === 'pointer_declarator') pointer += '*';
        d = d.childForFieldName('declarator') ?? d.namedChild(0);
      }
      return { type: pointer ? `${type} ${pointer}` : type, name: d?.text ?? null, node: p };
    });
}

/** The innermost function_definition holding a node. */
export function enclosingFunction(node: Node): Node | null {
  return node.type === 'function_definition' ? node : closestAncestor(node, (n) => n.type === 'function_definition');
}

/** The innermost function_definition holding the offsets [start, end) of `root`'s tree. */
export function functionAt(root: Node, range: readonly [number, number]): Node | null {
  const [start, end] = range;
  return enclosingFunction(root.descendantForIndex(start, Math.max(start, end - 1)) ?? root);
}

/** The statements a compound statement or a case holds, comments left out. */
export function statementsOf(block: Node): Node[] {
  const value = block.type === 'case_statement' ? block.childForFieldName('value') : null;
  return block.namedChildren.filter(
    (c): c is Node => c !== null && c.type !== 'comment' && (value === null || c.id !== value.id),
  );
}

/**
 * The descendants of a node by type (as descendantsOfType lists them, in document order), for
 * the `types` given here: one walk per node lists them all, the first time one is asked for.
 * Make one per rule run and file (it holds nodes of one tree).
 */
export function descendantsByType(types: readonly string[]): (node: Node, type: string) => readonly Node[] {
  const lists = new Map<number, Map<string, Node[]>>();
  return (node, type) => {
    if (!types.includes(type)) throw new Error(`descendantsByType: ${type} was not declared`);
    let byType = lists.get(node.id);
    if (!byType) {
      byType = new Map(types.map((t) => [t, []]));
      const names = node.tree.language.types;
      for (const n of node.descendantsOfType([...types])) {
        if (n) byType.get(names[n.typeId] || 'ERROR')?.push(n);
      }
      lists.set(node.id, byType);
    }
    return byType.get(type)!;
  };
}

/**
 * The identifier nodes spelled `name` in a file, in document order: found where the text spells
 * the name (an identifier is never blanked, so it stands in the text where it stands in the tree)
 * instead of listing every identifier of the file.
 */
export function identifiersSpelled(root: Node, text: string, name: string): Node[] {
  const out: Node[] = [];
  if (name.length === 0) return out;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const node = root.descendantForIndex(at, at + name.length);
    if (node && node.startIndex === at && node.endIndex === at + name.length && node.type === 'identifier') out.push(node);
  }
  return out;
}
