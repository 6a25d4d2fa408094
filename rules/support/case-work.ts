/**
 * Whether a run of statements (a case of a DIF dispatch, with the cases it falls into) does work,
 * or only traces: docs/rules/no-reserved-dif-code.md. Work is a call other than tracing
 * (tracing-calls.ts), a write to anything but a variable the statements declare themselves, a
 * return of anything but the pass-through value, and what cannot be followed (a goto, a throw,
 * a call through a pointer, new and delete).
 */
import type { Node } from 'web-tree-sitter';
import { ancestors, calleeName, declaredName, FORMATTING_APIS, stripParens } from '../../engine/index.js';
import { isTraceShapedCall, type CallKind } from './tracing-calls.js';

export interface WorkQuestion {
  /** How a call by name is judged (callKinds). */
  callKind(name: string): CallKind;
  /** The variable holding the DIF code (the entry point's parameter): logging it is not work. */
  difVariable?: string;
  /** The values a `return` may pass on without doing work (NO_ERROR for co-installers, ...); 'any' when the value is dropped. */
  passThrough: ReadonlySet<string> | 'any';
}

const ALWAYS_WORK = new Set(['goto_statement', 'throw_statement', 'new_expression', 'delete_expression', 'co_return_statement', 'co_await_expression', 'co_yield_statement']);

/** The first node of `statements` (in document order) that does work, or null when they only trace. */
export function firstWork(statements: readonly Node[], question: WorkQuestion): Node | null {
  const locals = declaredLocals(statements);
  const stack = [...statements].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (doesWork(node, locals, question)) return node;
    for (let i = node.namedChildCount - 1; i >= 0; i--) {
      const child = node.namedChild(i);
      if (child) stack.push(child);
    }
  }
  return null;
}

function doesWork(node: Node, locals: ReadonlyMap<string, LocalKind>, question: WorkQuestion): boolean {
  switch (node.type) {
    case 'call_expression': {
      const name = calleeName(node);
      if (name === null) return true;
      if (FORMATTING_APIS.has(name)) {
        const buffer = node.childForFieldName('arguments')?.namedChildren.find((a) => a !== null && a.type !== 'comment');
        return !buffer || !isLocalTarget(buffer, locals, true);
      }
      const kind = question.callKind(name);
      if (kind === 'unknown') return !isTraceShapedCall(node, name, question.difVariable);
      return kind !== 'tracing';
    }
    case 'assignment_expression': {
      const left = node.childForFieldName('left');
      return !left || !isLocalTarget(left, locals, false);
    }
    case 'update_expression': {
      const target = node.childForFieldName('argument');
      return !target || !isLocalTarget(target, locals, false);
    }
    case 'return_statement': {
      const value = node.namedChildren.find((c) => c !== null && c.type !== 'comment');
      if (question.passThrough === 'any') return false;
      return !value || !question.passThrough.has(stripParens(value.text));
    }
    case 'expression_statement': {
      // an object-like macro of the module used as a statement (`TRACE_ENTRY;`)
      const only = node.namedChildren.filter((c) => c !== null && c.type !== 'comment');
      return only.length === 1 && only[0].type === 'identifier' && question.callKind(only[0].text) === 'work';
    }
    default:
      return ALWAYS_WORK.has(node.type);
  }
}

type LocalKind = 'array' | 'pointer' | 'value';

/** The variables the statements declare (not static: a static keeps its value from call to call). */
function declaredLocals(statements: readonly Node[]): Map<string, LocalKind> {
  const out = new Map<string, LocalKind>();
  for (const s of statements) {
    const declarations = s.type === 'declaration' ? [s] : s.descendantsOfType('declaration').filter((d): d is Node => d !== null);
    for (const d of declarations) {
      if (d.namedChildren.some((c) => c?.type === 'storage_class_specifier' && (c.text === 'static' || c.text === 'extern'))) continue;
      for (const declarator of d.childrenForFieldName('declarator')) {
        const name = declarator ? declaredName(declarator) : null;
        if (declarator && name) out.set(name.text, kindOf(declarator, name));
      }
    }
  }
  return out;
}

/** What the declarator makes its name: an array, a pointer or a value (`char buf[64]`, `char *p`, `int n`). */
function kindOf(declarator: Node, name: Node): LocalKind {
  let kind: LocalKind = 'value';
  for (const d of ancestors(name)) {
    if (d.startIndex < declarator.startIndex || d.endIndex > declarator.endIndex) break;
    if (d.type === 'pointer_declarator' || d.type === 'reference_declarator') kind = 'pointer';
    else if (d.type === 'array_declarator' && kind === 'value') kind = 'array';
    if (d.id === declarator.id) break;
  }
  return kind;
}

/**
 * The expression stands for memory of a declared local: the local itself, a member of a local
 * struct, an element of a local array. Through a pointer (`->`, `*`, `p[i]`) it may be anything.
 * `buffer`: the expression is passed where a buffer is filled (a local array, `&local`).
 */
function isLocalTarget(expression: Node, locals: ReadonlyMap<string, LocalKind>, buffer: boolean): boolean {
  let n: Node | null = expression;
  let through = false;
  while (n) {
    switch (n.type) {
      case 'parenthesized_expression':
        n = n.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
        continue;
      case 'field_expression':
        if (n.childForFieldName('operator')?.text !== '.') return false;
        through = true;
        n = n.childForFieldName('argument');
        continue;
      case 'subscript_expression':
        through = true;
        n = n.childForFieldName('argument');
        if (n?.type === 'identifier' && locals.get(n.text) !== 'array') return false;
        continue;
      case 'pointer_expression':
        if (!buffer || n.childForFieldName('operator')?.text !== '&') return false;
        through = true;
        n = n.childForFieldName('argument');
        continue;
      case 'identifier': {
        const kind = locals.get(n.text);
        if (kind === undefined) return false;
        // a buffer named alone is the array itself; a pointer local points anywhere
        return buffer && !through ? kind === 'array' : true;
      }
      default:
        return false;
    }
  }
  return false;
}
