/**
 * What rules/no-state-in-dll.ts reads from the syntax: the variable an lvalue writes (through
 * members, elements, qualified names and singleton accessors' results), the call an argument
 * belongs to, and how a message names where a global lives.
 */
import type { Node } from 'web-tree-sitter';
import { ancestors, argumentDirection, calleeName, type FileVariable, type ModuleGlobal, type ParameterDirection } from '../../engine/index.js';

export type WriteKind = 'write' | 'address' | 'filled';

/** A call argument: the callee as written (for the message), its last name and the argument's index. */
export interface ArgumentSite {
  callee: string;
  name: string | null;
  index: number;
}

/** The call `expr` (through casts and parentheses) is an argument of, or null. */
export function argumentOf(expr: Node): ArgumentSite | null {
  // the ancestors in one walk down (engine/syntax/ancestors.ts), not a chain of Node.parent
  const up = ancestors(expr);
  let k = 0;
  while (k < up.length && (up[k].type === 'cast_expression' || up[k].type === 'parenthesized_expression')) k++;
  const arg = k > 0 ? up[k - 1] : expr;
  const list = up.at(k);
  const call = up.at(k + 1);
  if (list?.type !== 'argument_list' || call?.type !== 'call_expression') return null;
  let index = 0;
  for (const a of list.namedChildren) {
    if (!a || a.type === 'comment') continue;
    if (a.id === arg.id) break;
    index++;
  }
  return { callee: call.childForFieldName('function')?.text ?? 'a function', name: calleeName(call), index };
}

/** Whether the callee of `call` writes through its parameter `index`, as far as this file and the API table tell. */
export function writesParameter(own: ReadonlyMap<string, readonly ParameterDirection[]>, call: Node | null, index: number): boolean {
  const name = call?.type === 'call_expression' ? calleeName(call) : null;
  const direction = name ? argumentDirection(own, name, index) : null;
  return direction === 'out' || direction === 'ref';
}

/** The expression inside parentheses and casts. */
export function stripParensAndCasts(expr: Node | null): Node | null {
  let n: Node | null = expr;
  while (n && (n.type === 'parenthesized_expression' || n.type === 'cast_expression')) n = n.type === 'cast_expression' ? n.childForFieldName('value') : n.namedChild(0);
  return n;
}

/** Declared as an array (`WCHAR g_Name[64]`, `static char buf[16]`). */
export function isArray(variable: FileVariable): boolean {
  for (const d of ancestors(variable.nameNode)) {
    if (d.id === variable.declaration.id) return false;
    if (d.type === 'array_declarator') return true;
  }
  return false;
}

/**
 * The variable an lvalue writes: through `.field` and `[index]`, not through `->` or `*`; the
 * last name of a qualified name (`ContosoState::s_Installs`); the callee's name when the lvalue is
 * reached from a call's result (`Settings::Instance().mode`, `Get()->mode`: a singleton accessor
 * when the model says so, see checkSingleton).
 */
export function lvalueRoot(lvalue: Node | null): Node | null {
  let n = lvalue;
  while (n) {
    if (n.type === 'identifier') return n;
    if (n.type === 'parenthesized_expression') n = n.namedChild(0);
    else if (n.type === 'subscript_expression') n = n.childForFieldName('argument');
    else if (n.type === 'qualified_identifier') n = n.childForFieldName('name');
    else if (n.type === 'call_expression') return calleeNameNode(n);
    else if (n.type === 'field_expression') {
      const argument = n.childForFieldName('argument');
      if (stripParensAndCasts(argument)?.type === 'call_expression') n = stripParensAndCasts(argument);
      else if (n.childForFieldName('operator')?.text === '.') n = argument;
      else return null;
    } else return null;
  }
  return null;
}

/** The name a call's callee ends in (`Instance` in `Settings::Instance()`, `Get` in `obj.Get()`), or null. */
export function calleeNameNode(call: Node): Node | null {
  let n = call.childForFieldName('function');
  for (let depth = 0; n && depth < 16; depth++) {
    if (n.type === 'identifier' || n.type === 'field_identifier') return n;
    if (n.type === 'qualified_identifier' || n.type === 'template_function') n = n.childForFieldName('name');
    else if (n.type === 'field_expression') n = n.childForFieldName('field');
    else if (n.type === 'parenthesized_expression') n = n.namedChild(0);
    else return null;
  }
  return null;
}

/** The call whose callee's name `name` is (calleeNameNode's inverse), or null. */
export function accessorCallOf(name: Node): Node | null {
  let n = name;
  // the ancestors from one walk down (climbing Node.parent is quadratic in depth)
  const up = ancestors(name);
  for (let depth = 0; depth < 16; depth++) {
    const parent = up[depth];
    if (!parent) return null;
    if (parent.type === 'call_expression') return parent.childForFieldName('function')?.id === n.id ? parent : null;
    const through =
      ((parent.type === 'qualified_identifier' || parent.type === 'template_function') && parent.childForFieldName('name')?.id === n.id) ||
      (parent.type === 'field_expression' && parent.childForFieldName('field')?.id === n.id) ||
      parent.type === 'parenthesized_expression';
    if (!through) return null;
    n = parent;
  }
  return null;
}

/** How a message names where a global lives. */
export function scopeOf(g: ModuleGlobal): string {
  if (g.className) return 'static data member';
  return g.scope === 'file' ? 'file-scope variable' : 'static variable';
}

/**
 * The text at `at` is a name followed by `::` or `(`: an lvalue that may reach a global through
 * a qualified name or a singleton accessor although no global starts where it starts.
 */
export function qualifiedOrCalled(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && /\w/.test(text[i])) i++;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text.startsWith('::', i) || text[i] === '(';
}
