/**
 * The parts of summarizeCppFile that read a materialised node: a function's header (name,
 * parameters, export marks), a call's callee, a #define. Each runs once per construct, not per node.
 */
import type { Node } from 'web-tree-sitter';
import { functionDeclarator } from '../syntax/functions.js';
import { macroSummary } from './macros.js';
import type { FunctionSummary, MacroSummary, ParamSummary } from './summary-types.js';

export function functionSummary(node: Node, text: string, cls: string | undefined): FunctionSummary | undefined {
  const decl = functionDeclarator(node);
  const nameNode = decl?.childForFieldName('declarator');
  if (!decl || !nameNode) return undefined;
  let own: Node = nameNode;
  let qualifiedName = text.slice(nameNode.startIndex, nameNode.endIndex);
  if (nameNode.type === 'qualified_identifier') {
    let n: Node | null = nameNode;
    while (n && n.type === 'qualified_identifier') n = n.childForFieldName('name');
    if (!n) return undefined;
    own = n;
  } else {
    if (cls) qualifiedName = `${cls}::${qualifiedName}`;
  }
  const name = text.slice(own.startIndex, own.endIndex);
  if (!/^[A-Za-z_~]\w*$/.test(name)) return undefined;
  let isStatic = false;
  let dllexport = false;
  for (const c of node.children) {
    if (!c) continue;
    if (c.type === 'storage_class_specifier' && text.slice(c.startIndex, c.endIndex) === 'static') isStatic = true;
    if ((c.type === 'ms_declspec_modifier' || c.type === 'attribute_specifier') && /dllexport/.test(text.slice(c.startIndex, c.endIndex))) dllexport = true;
  }
  // `extern "C" __declspec(dllexport)` may sit before the definition inside a linkage specification
  const params: ParamSummary[] = [];
  const list = decl.childForFieldName('parameters');
  for (const p of list?.namedChildren ?? []) {
    if (!p || (p.type !== 'parameter_declaration' && p.type !== 'optional_parameter_declaration')) continue;
    params.push(paramSummary(p, text));
  }
  if (params.length === 1 && params[0].name === null && params[0].type === 'void') params.length = 0;
  const body = node.childForFieldName('body');
  return {
    name,
    qualifiedName,
    start: node.startIndex,
    end: node.endIndex,
    nameStart: own.startIndex,
    nameEnd: own.endIndex,
    bodyStart: body ? body.startIndex : node.endIndex,
    isStatic,
    dllexport,
    params,
    calls: [],
    refs: [],
    regions: [],
    staticAccesses: [],
  };
}

const ANNOTATION = /\b(?:_[A-Z][A-Za-z0-9_]*_(?:\s*\([^()]*\))?|__(?:in|out|inout|reserved|deref|drv)\w*(?:\s*\([^()]*\))?|IN|OUT|OPTIONAL|CONST|const|volatile|struct|FAR|NEAR|far|near)\b/g;

function paramSummary(p: Node, text: string): ParamSummary {
  let d = p.childForFieldName('declarator');
  while (d && d.type !== 'identifier') d = d.childForFieldName('declarator') ?? (d.namedChildCount > 0 ? d.namedChild(d.namedChildCount - 1) : null);
  const name = d ? text.slice(d.startIndex, d.endIndex) : null;
  let t = text.slice(p.startIndex, p.endIndex);
  if (d) t = text.slice(p.startIndex, d.startIndex) + text.slice(d.endIndex, p.endIndex);
  t = t.replace(/=.*$/s, '').replace(ANNOTATION, ' ').replace(/\s+/g, ' ').replace(/\s*\*\s*/g, '*').trim();
  return { name, type: t };
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

export function macroOf(node: Node, text: string): MacroSummary | undefined {
  const name = node.childForFieldName('name');
  if (!name) return undefined;
  const value = node.childForFieldName('value');
  const paramsNode = node.childForFieldName('parameters');
  const params = paramsNode
    ? paramsNode.namedChildren.flatMap((p) => (p && p.type === 'identifier' ? [text.slice(p.startIndex, p.endIndex)] : []))
    : undefined;
  const body = value ? text.slice(value.startIndex, value.endIndex) : '';
  return macroSummary(text.slice(name.startIndex, name.endIndex), params, body, node.startIndex, node.endIndex);
}
