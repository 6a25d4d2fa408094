/**
 * What the module's own prototypes and definitions say a function does with its parameters:
 * read only (a `const` pointee, a `const` reference, `_In_`, `IN`), written through (`_Out_`,
 * `_Inout_`, `OUT`), or the argument itself written (a non-`const` C++ reference). A parameter
 * that says nothing (a plain pointer, a typedef the file does not define) has no direction. The
 * annotations are read from the text as written: the parser sees them blanked
 * (engine/parsing/macro-blanking.ts), at the same offsets.
 */
import type { Node } from 'web-tree-sitter';
import { apiArgumentDirection } from '../knowledge/api-parameters.js';

/** 'in': only read; 'out': written through; 'ref': a non-const reference (the argument itself written); null: unknown. */
export type ParameterDirection = 'in' | 'out' | 'ref' | null;

/** A function the file declares or defines, with the direction of each of its parameters. */
export interface DeclaredParameters {
  /** The function's own name (the last part of a qualified name). */
  name: string;
  params: ParameterDirection[];
}

/** Where declarations may sit: the file, preprocessor blocks, `extern "C"`, namespaces, templates, classes. */
const CONTAINERS = new Set([
  'translation_unit',
  'preproc_if',
  'preproc_ifdef',
  'preproc_else',
  'preproc_elif',
  'preproc_elifdef',
  'linkage_specification',
  'namespace_definition',
  'declaration_list',
  'template_declaration',
  'class_specifier',
  'struct_specifier',
  'field_declaration_list',
]);

/** Typedefs of Windows' headers for pointers to const data. */
const CONST_POINTER_TYPES = new Set([
  'LPCSTR', 'LPCWSTR', 'LPCTSTR', 'PCSTR', 'PCWSTR', 'PCTSTR', 'LPCVOID', 'PCVOID', 'PCZZSTR', 'PCZZWSTR', 'PCZZTSTR',
  'PCNZCH', 'PCNZWCH', 'PCCH', 'PCWCH', 'LPCCH', 'LPCWCH', 'PCUNICODE_STRING', 'LPCGUID', 'REFGUID', 'REFIID', 'REFCLSID',
]);
/** SAL 2 (`_Out_writes_(n)`, `_Inout_opt_`), SAL 1 (`__out_ecount(n)`) and the old IN/OUT markers. */
const OUT_ANNOTATION = /\b(?:_Out_\w*|_Outptr_\w*|_Outref_\w*|_Inout_\w*|__out(?:_\w+)?|__inout(?:_\w+)?|OUT)\b/;
const IN_ANNOTATION = /\b(?:_In_\w*|__in(?:_\w+)?|IN)\b/;
const COMMENTS = /\/\*[\s\S]*?\*\/|\/\/[^\r\n]*/g;

/**
 * The functions `root` declares or defines at file scope, in `extern "C"` blocks, namespaces,
 * templates, classes and preprocessor blocks (not inside function bodies), with at least one
 * parameter whose direction is known. `text` is the file's text as written.
 */
export function declaredParameterDirections(root: Node, text: string): DeclaredParameters[] {
  const out: DeclaredParameters[] = [];
  const pending: Node[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (CONTAINERS.has(child.type)) pending.push(child);
      else if (child.type === 'function_definition') record(child.childForFieldName('declarator'), text, out);
      else if (child.type === 'declaration' || child.type === 'field_declaration') {
        for (const d of child.childrenForFieldName('declarator')) record(d, text, out);
      }
    }
  }
  return out;
}

/** The direction of each parameter by function name, merged over all the declarations given (a prototype and its definition, overloads). */
export function directionsByName(declared: Iterable<DeclaredParameters>): Map<string, ParameterDirection[]> {
  const out = new Map<string, ParameterDirection[]>();
  for (const d of declared) {
    const known = out.get(d.name);
    if (!known) out.set(d.name, [...d.params]);
    else d.params.forEach((p, i) => (known[i] = merge(known[i] ?? null, p)));
  }
  return out;
}

/** A write wins over a read, a read over nothing. */
function merge(a: ParameterDirection, b: ParameterDirection): ParameterDirection {
  if (a === 'ref' || b === 'ref') return 'ref';
  if (a === 'out' || b === 'out') return 'out';
  return a ?? b;
}

/**
 * What a call of `callee` does with its argument `index`: as the module's own declarations say
 * (`own`, from directionsByName), else as the Windows API table says (engine/knowledge/api-parameters.ts);
 * null when neither knows.
 */
export function argumentDirection(own: ReadonlyMap<string, readonly ParameterDirection[]>, callee: string, index: number): ParameterDirection {
  return own.get(callee)?.[index] ?? apiArgumentDirection(callee, index) ?? null;
}

/** Adds the function a declarator declares (through pointer and reference declarators), when it says something. */
function record(declarator: Node | null, text: string, out: DeclaredParameters[]): void {
  let d = declarator;
  while (d && (d.type === 'pointer_declarator' || d.type === 'reference_declarator')) d = d.childForFieldName('declarator') ?? d.namedChild(0);
  if (!d || d.type !== 'function_declarator') return;
  const name = lastName(d.childForFieldName('declarator'));
  const list = d.childForFieldName('parameters');
  if (!name || !list) return;
  const params: ParameterDirection[] = [];
  let from = list.startIndex + 1;
  for (let i = 0; i < list.childCount; i++) {
    const child = list.child(i)!;
    if (child.type === ',' || child.type === '(') from = child.endIndex;
    if (!child.isNamed || child.type === 'comment') continue;
    if (child.type === 'variadic_parameter_declaration' || child.type === '...') break;
    params.push(directionOf(child, text.slice(from, child.endIndex).replace(COMMENTS, ' '), text));
  }
  if (params.some((p) => p !== null)) out.push({ name, params });
}

function lastName(n: Node | null): string | null {
  let d = n;
  while (d?.type === 'qualified_identifier') d = d.childForFieldName('name');
  return d && (d.type === 'identifier' || d.type === 'field_identifier') ? d.text : null;
}

/** The direction of one parameter declaration, `written` being its text as written (annotations included). */
function directionOf(param: Node, written: string, text: string): ParameterDirection {
  if (OUT_ANNOTATION.test(written)) return 'out';
  if (IN_ANNOTATION.test(written)) return 'in';
  if (param.type !== 'parameter_declaration' && param.type !== 'optional_parameter_declaration') return null;
  const constBase = param.namedChildren.some((c) => c?.type === 'type_qualifier' && text.slice(c.startIndex, c.endIndex) === 'const');
  const type = param.childForFieldName('type');
  let pointers = 0;
  let reference = false;
  for (let d = param.childForFieldName('declarator'); d; ) {
    if (d.type === 'pointer_declarator' || d.type === 'abstract_pointer_declarator' || d.type === 'array_declarator' || d.type === 'abstract_array_declarator') pointers++;
    else if (d.type === 'reference_declarator' || d.type === 'abstract_reference_declarator') reference = true;
    else if (d.type !== 'identifier') return null; // a function pointer, a parenthesized declarator
    d = d.childForFieldName('declarator') ?? (d.type === 'reference_declarator' ? d.namedChild(0) : null);
  }
  if (reference) return pointers === 0 ? (constBase ? 'in' : 'ref') : null;
  if (pointers === 1) return constBase ? 'in' : null;
  if (pointers > 1 || !type) return null;
  if (CONST_POINTER_TYPES.has(text.slice(type.startIndex, type.endIndex))) return 'in';
  return type.type === 'primitive_type' || type.type === 'sized_type_specifier' ? 'in' : null;
}
