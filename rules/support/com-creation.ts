/**
 * Reading a COM creation call: which class it creates and whether it asks for the class in the
 * caller's process, which loads the DLL that serves the class into the installer
 * (docs/installer-facts.md#com-classes-and-dialogs). The functions and the class contexts are
 * engine knowledge (COM_CREATION_APIS, CLSCTX_VALUES); what is read here is the call's syntax.
 */
import type { Node } from 'web-tree-sitter';
import {
  calleeName,
  CLSCTX_VALUES,
  COM_CREATION_APIS,
  COM_CREATION_METHODS,
  DEFAULT_METHOD_CLASS_CONTEXT,
  IN_PROCESS_CLASS_CONTEXT,
  WINDOWS_CLSIDS,
} from '../../engine/index.js';
import { declarationOf } from './com-declarations.js';
import { numberValue } from './com-guid-definitions.js';

export interface ComCreation {
  /** The function or method called: `CoCreateInstance`, `CoGetClassObject`, `CreateInstance`. */
  api: string;
  /** The class as the code names it: `CLSID_ContosoHelper`, or `ContosoHelper` of `__uuidof(ContosoHelper)`. */
  className: string;
  /** Named through `__uuidof(...)`: the SDK's name of the class is then `CLSID_` + className. */
  viaUuidof: boolean;
  /** The identifier naming the class: what a finding points at. */
  nameNode: Node;
  /** The class context as written, or the wrapper's default. */
  classContext: string;
}

/** The arguments of a call, comments left out. */
function argumentsOf(call: Node): Node[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => a !== null && a.type !== 'comment');
}

/** The value of a class-context expression: CLSCTX_ names, numbers, `|`, `+`, casts and parentheses; undefined when unknown. */
export function classContextValue(node: Node): number | undefined {
  switch (node.type) {
    case 'identifier':
      return CLSCTX_VALUES.get(node.text);
    case 'qualified_identifier': {
      const name = node.childForFieldName('name');
      return name ? classContextValue(name) : undefined;
    }
    case 'number_literal':
      return numberValue(node);
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((c) => c?.type !== 'comment');
      return inner ? classContextValue(inner) : undefined;
    }
    case 'cast_expression': {
      const value = node.childForFieldName('value');
      return value ? classContextValue(value) : undefined;
    }
    case 'call_expression': {
      // `(DWORD)(a | b)` parses as a call of `(DWORD)`: a cast of its one argument
      const args = argumentsOf(node);
      return node.childForFieldName('function')?.type === 'parenthesized_expression' && args.length === 1 ? classContextValue(args[0]) : undefined;
    }
    case 'binary_expression': {
      const operator = node.childForFieldName('operator')?.type;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const a = left ? classContextValue(left) : undefined;
      const b = right ? classContextValue(right) : undefined;
      if (a === undefined || b === undefined) return undefined;
      return operator === '|' ? a | b : operator === '+' ? a + b : undefined;
    }
    default:
      return undefined;
  }
}

/** `x`, `(x)`, `(REFCLSID)x`, `&x`: the expression under casts, parentheses and `&`. */
function unwrap(node: Node): Node {
  let n = node;
  for (;;) {
    if (n.type === 'parenthesized_expression' || n.type === 'cast_expression' || (n.type === 'pointer_expression' && n.childForFieldName('operator')?.type === '&')) {
      const inner = n.type === 'cast_expression' ? n.childForFieldName('value') : n.type === 'pointer_expression' ? n.childForFieldName('argument') : n.namedChildren.find((c) => c?.type !== 'comment');
      if (!inner) return n;
      n = inner;
    } else return n;
  }
}

function lastName(node: Node): Node | null {
  if (node.type === 'identifier' || node.type === 'type_identifier') return node;
  if (node.type === 'qualified_identifier') {
    const name = node.childForFieldName('name');
    return name ? lastName(name) : null;
  }
  return null;
}

/** The class a CLSID argument names, or undefined when it is not a name (a variable of the function, a string, an expression). */
function classNamed(argument: Node, call: Node): { node: Node; viaUuidof: boolean } | undefined {
  const arg = unwrap(argument);
  let viaUuidof = false;
  let named: Node | null;
  if (arg.type === 'call_expression' && calleeName(arg) === '__uuidof') {
    const inner = argumentsOf(arg)[0];
    named = inner ? lastName(inner) : null;
    viaUuidof = true;
  } else named = lastName(arg);
  if (!named) return undefined;
  // a local, a parameter or a member holds a class identifier decided at run time: not a class the code names
  const declared = declarationOf(named.text, call);
  if (declared && declared.kind !== 'file') return undefined;
  return { node: named, viaUuidof };
}

/** The callee of `p->lpVtbl->CreateInstance(...)`: a C call through a vtable (IClassFactory), not a wrapper's method. */
function throughVtable(callee: Node): boolean {
  const receiver = callee.childForFieldName('argument');
  return receiver?.type === 'field_expression' && receiver.childForFieldName('field')?.text === 'lpVtbl';
}

/** The COM class a call creates in the caller's process, when the call is one of the creation functions and asks for that. */
export function inProcessCreation(call: Node): ComCreation | undefined {
  const api = calleeName(call);
  const callee = call.childForFieldName('function');
  if (!api || !callee) return undefined;
  const method = callee.type === 'field_expression';
  const spec = method ? (throughVtable(callee) ? undefined : COM_CREATION_METHODS.get(api)) : COM_CREATION_APIS.get(api);
  if (!spec) return undefined;
  const args = argumentsOf(call);
  const clsid = args[spec.clsid];
  if (!clsid) return undefined;
  const context = args[spec.classContext];
  if (!context && !method) return undefined;
  const value = context ? classContextValue(context) : CLSCTX_VALUES.get(DEFAULT_METHOD_CLASS_CONTEXT);
  if (value === undefined || (value & IN_PROCESS_CLASS_CONTEXT) === 0) return undefined;
  const named = classNamed(clsid, call);
  if (!named) return undefined;
  // `CreateInstance` is also IClassFactory's (pUnkOuter first): only a class the code names as one counts
  if (method && api === 'CreateInstance' && !named.viaUuidof && !named.node.text.startsWith('CLSID_')) return undefined;
  return {
    api,
    className: named.node.text,
    viaUuidof: named.viaUuidof,
    nameNode: named.node,
    classContext: context ? context.text.replace(/\s+/g, ' ') : `${DEFAULT_METHOD_CLASS_CONTEXT}, the default`,
  };
}

/** A class of Windows (WINDOWS_CLSIDS), by its CLSID_ name or, through `__uuidof`, its coclass name. */
export function isWindowsClass(creation: ComCreation): boolean {
  return WINDOWS_CLSIDS.has(creation.viaUuidof ? `CLSID_${creation.className}` : creation.className);
}
