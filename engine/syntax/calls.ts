/** Reading call expressions from a tree-sitter-cpp tree. */
import type { Node, Tree } from 'web-tree-sitter';

/**
 * Callee names already read, per tree and call node id: every rule about API calls asks for the
 * name of every call of a file. Keyed weakly by the Tree, so the names go with the tree (a tree's
 * text never changes; an incremental parse makes a new Tree). Equal names are one string (the
 * first read): rules look names up in sets and maps, and a lookup with the very string that is
 * stored there compares no characters.
 */
const namesByTree = new WeakMap<Tree, { ids: Map<number, string | null>; strings: Map<string, string> }>();

/**
 * The name a call calls, for `f(...)`, `::f(...)`, `ns::f(...)`, `obj.f(...)`, `p->f(...)`
 * (the last name), or null when the callee is not a name (a call through an expression).
 */
export function calleeName(call: Node): string | null {
  let names = namesByTree.get(call.tree);
  if (!names) namesByTree.set(call.tree, (names = { ids: new Map(), strings: new Map() }));
  const known = names.ids.get(call.id);
  if (known !== undefined) return known;
  const fn = call.childForFieldName('function');
  let name = fn ? lastName(fn) : null;
  if (name !== null) {
    const same = names.strings.get(name);
    if (same === undefined) names.strings.set(name, name);
    else name = same;
  }
  names.ids.set(call.id, name);
  return name;
}

function lastName(node: Node): string | null {
  return lastNameNode(node)?.text ?? null;
}

/** The node of the last name of a callee: `f`, `::f`, `ns::f`, `obj.f`, `p->f`, `f<T>`, `(f)`. */
function lastNameNode(node: Node): Node | null {
  switch (node.type) {
    case 'identifier':
    case 'field_identifier':
      return node;
    case 'qualified_identifier': {
      const name = node.childForFieldName('name');
      return name ? lastNameNode(name) : null;
    }
    case 'field_expression': {
      const field = node.childForFieldName('field');
      return field ? lastNameNode(field) : null;
    }
    case 'template_function': {
      const name = node.childForFieldName('name');
      return name ? lastNameNode(name) : null;
    }
    case 'parenthesized_expression':
      return node.namedChildCount === 1 ? lastNameNode(node.namedChild(0)!) : null;
    default:
      return null;
  }
}

/**
 * The node a finding about a call should point at: the callee's name (`MessageBoxW` in
 * `::MessageBoxW(...)`, `Show` in `dialog->Show(...)`); the whole callee when it is not a name.
 */
export function calleeNode(call: Node): Node {
  const fn = call.childForFieldName('function');
  return (fn && lastNameNode(fn)) ?? fn ?? call;
}

/**
 * A function of a callee name, computed once per name: rules ask the same question (is it an
 * API, does a macro of that name hide one) for every call of a file, and names repeat.
 */
export function memoByName<T>(compute: (name: string) => T): (name: string) => T {
  // undefined answers are stored as NONE: one lookup per question
  const known = new Map<string, T | typeof NONE>();
  return (name) => {
    const value = known.get(name);
    if (value !== undefined) return (value === NONE ? undefined : value) as T;
    const computed = compute(name);
    known.set(name, computed === undefined ? NONE : computed);
    return computed;
  };
}

const NONE = Symbol('none');
