/** Reading call expressions from a tree-sitter-cpp tree. */
import type { Node } from 'web-tree-sitter';

/**
 * The name a call calls, for `f(...)`, `::f(...)`, `ns::f(...)`, `obj.f(...)`, `p->f(...)`
 * (the last name), or null when the callee is not a name (a call through an expression).
 */
export function calleeName(call: Node): string | null {
  const fn = call.childForFieldName('function');
  return fn ? lastName(fn) : null;
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
