/**
 * The part of summarizeCppFile that reads a materialised node (a call's callee that is not a plain
 * name) and the normalisation of parameter types.
 */
import type { Node } from 'web-tree-sitter';

const ANNOTATION = /\b(?:_[A-Z][A-Za-z0-9_]*_(?:\s*\([^()]*\))?|__(?:in|out|inout|reserved|deref|drv)\w*(?:\s*\([^()]*\))?|IN|OUT|OPTIONAL|CONST|const|volatile|struct|FAR|NEAR|far|near)\b/g;

/** A parameter's type as the summary holds it: its text without default value, annotations, `const` and extra spaces. */
export function paramType(raw: string): string {
  return raw.replace(/=.*$/s, '').replace(ANNOTATION, ' ').replace(/\s+/g, ' ').replace(/\s*\*\s*/g, '*').trim();
}

/**
 * The name a call's callee expression calls: itself when it is a name, else the name inside a
 * qualified name, a template, a member access or parentheses; undefined when it is none of these.
 */
export function calleeName(callee: Node | null): Node | undefined {
  let n: Node | null = callee;
  for (let depth = 0; n && depth < 16; depth++) {
    if (n.type === 'identifier' || n.type === 'field_identifier') return n;
    if (n.type === 'qualified_identifier' || n.type === 'template_function') n = n.childForFieldName('name');
    else if (n.type === 'field_expression') n = n.childForFieldName('field');
    else if (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0);
    else return undefined;
  }
  return undefined;
}
