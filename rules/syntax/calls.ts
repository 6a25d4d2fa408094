/** Reading call expressions from a tree-sitter-cpp tree. */
import type { Node, Tree } from 'web-tree-sitter';

/**
 * Callee names already read, per tree and call node id: every rule about API calls asks for the
 * name of every call of a file. Keyed weakly by the Tree, so the names go with the tree (a tree's
 * text never changes; an incremental parse makes a new Tree).
 */
const namesByTree = new WeakMap<Tree, Map<number, string | null>>();

/**
 * The name a call calls, for `f(...)`, `::f(...)`, `ns::f(...)`, `obj.f(...)`, `p->f(...)`
 * (the last name), or null when the callee is not a name (a call through an expression).
 */
export function calleeName(call: Node): string | null {
  let names = namesByTree.get(call.tree);
  if (!names) namesByTree.set(call.tree, (names = new Map()));
  const known = names.get(call.id);
  if (known !== undefined) return known;
  const fn = call.childForFieldName('function');
  const name = fn ? lastName(fn) : null;
  names.set(call.id, name);
  return name;
}

function lastName(node: Node): string | null {
  switch (node.type) {
    case 'identifier':
    case 'field_identifier':
      return node.text;
    case 'qualified_identifier': {
      const name = node.childForFieldName('name');
      return name ? lastName(name) : null;
    }
    case 'field_expression': {
      const field = node.childForFieldName('field');
      return field ? lastName(field) : null;
    }
    case 'template_function': {
      const name = node.childForFieldName('name');
      return name ? lastName(name) : null;
    }
    case 'parenthesized_expression':
      return node.namedChildCount === 1 ? lastName(node.namedChild(0)!) : null;
    default:
      return null;
  }
}

/** The node a finding about a call should point at: the callee's name. */
export function calleeNode(call: Node): Node {
  return call.childForFieldName('function') ?? call;
}

/**
 * A function of a callee name, computed once per name: rules ask the same question (is it an
 * API, does a macro of that name hide one) for every call of a file, and names repeat.
 */
export function memoByName<T>(compute: (name: string) => T): (name: string) => T {
  const known = new Map<string, T>();
  return (name) => {
    if (known.has(name)) return known.get(name) as T;
    const value = compute(name);
    known.set(name, value);
    return value;
  };
}
