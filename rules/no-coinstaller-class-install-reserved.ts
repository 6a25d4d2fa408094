/**
 * Co-installers must not touch `ClassInstallReserved`, the ULONG_PTR field of
 * SP_DEVINSTALL_PARAMS_A/_W that is reserved for the class installer: a class installer may keep
 * a pointer to its private data there and frees it on DIF_DESTROYPRIVATEDATA ("Co-installers
 * should not use the ClassInstallReserved field", Microsoft's DIF_DESTROYPRIVATEDATA page). A
 * co-installer that writes it clobbers the class installer's pointer; one that reads it reads
 * somebody else's data. A co-installer keeps data between the pre- and post-processing of one DIF
 * code in Context->PrivateData, and anything longer-lived in the device's driver key.
 *
 * Reported: a field expression whose field is ClassInstallReserved (`p.ClassInstallReserved`,
 * `p->ClassInstallReserved`) and a designator `.ClassInstallReserved = ...`, in code that runs
 * while a co-installer entry point handles a DIF code. Written: the left side of an assignment
 * (compound ones too), ++/--, `&` (its address handed on, to be written through) and a
 * designator; every other use is a read. Not reported: uses under `sizeof`, in `#if 0`, in
 * code only class installers or DllMain reach, and the field of a struct the file declares itself
 * (a variable or cast of that type, or `this->`): that is the DLL's own field, not Windows'.
 * Without the installer model it reports the uses written directly in a function with the
 * co-installer prototype.
 */
import type { Node } from 'web-tree-sitter';
import { ancestors, createRule, declaredName, enclosingFunction, functionDeclarator, functionName, inDisabledCode, siteContext } from '../engine/index.js';
import { installerKindOfPrototype } from './support/entry-points-in-file.js';

const FIELD = 'ClassInstallReserved';

export default createRule<'reserved' | 'reservedInEntryPoint', []>({
  name: 'no-coinstaller-class-install-reserved',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow co-installers reading or writing ClassInstallReserved, which is reserved for the class installer',
      guideline: 'DIF_DESTROYPRIVATEDATA (ClassInstallReserved)',
      recommended: true,
    },
    messages: {
      reserved:
        'ClassInstallReserved is {{access}} while co-installer {{entryPoint}} handles {{difCode}}: the field is reserved for the class installer, which may keep its private data there until DIF_DESTROYPRIVATEDATA. Keep per-DIF data in Context->PrivateData and longer-lived data in the device\'s driver key.',
      reservedInEntryPoint:
        'ClassInstallReserved is {{access}} in co-installer {{function}}: the field is reserved for the class installer, which may keep its private data there until DIF_DESTROYPRIVATEDATA. Keep per-DIF data in Context->PrivateData and longer-lived data in the device\'s driver key.',
    },
    schema: [],
  },
  create(context) {
    const { sourceCode, filePath } = context;
    const { text } = sourceCode;
    // most files never spell the field: nothing to listen to
    if (!text.includes(FIELD)) return {};
    const model = context.services.installer;
    let ownTypes: ReadonlySet<string> | undefined;
    const ownTypeNames = () => (ownTypes ??= ownTypesWithField(sourceCode.ast));

    // `site` is the field expression or designator; a finding points at the field's name
    const check = (site: Node, name: Node, access: 'read' | 'written') => {
      if (inUnevaluatedOperand(site) || inDisabledCode(site)) return;
      if (!model) {
        const fn = enclosingFunction(site);
        if (!fn || installerKindOfPrototype(fn) !== 'co-installer') return;
        context.report({ node: name, messageId: 'reservedInEntryPoint', data: { access, function: functionName(fn) ?? 'this function' } });
        return;
      }
      const reached = siteContext(model, filePath, site.startIndex, (c) => c.entryPoint.kind === 'co-installer');
      if (!reached) return;
      context.report({
        node: name,
        messageId: 'reserved',
        data: { access, entryPoint: reached.entryPoint, difCode: reached.difCode },
        related: reached.related,
      });
    };

    // Found from the text, not by listening to every field expression of the file: the name is
    // rare, field expressions are not. Nodes start where their text does (blanking keeps offsets).
    return {
      Program(root: Node) {
        if (!root) return;
        for (let at = text.indexOf(FIELD); at >= 0; at = text.indexOf(FIELD, at + FIELD.length)) {
          if (isIdentifierChar(text.charCodeAt(at - 1)) || isIdentifierChar(text.charCodeAt(at + FIELD.length))) continue;
          const name = root.descendantForIndex(at, at + FIELD.length - 1);
          if (name?.type !== 'field_identifier' || name.startIndex !== at) continue;
          const use = name.parent;
          if (use?.type === 'field_expression' && use.childForFieldName('field')?.id === name.id) {
            if (!isOwnStruct(use.childForFieldName('argument'), ownTypeNames)) check(use, name, accessOf(use, text));
          } else if (use?.type === 'field_designator') {
            if (!designatesOwnStruct(use, ownTypeNames)) check(use, name, 'written');
          }
        }
      },
    };
  },
});

function isIdentifierChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

const AMPERSAND = 0x26;

/** Written when the expression (through parentheses) is assigned, incremented or has its address taken. */
function accessOf(expr: Node, text: string): 'read' | 'written' {
  // one walk down from the root (climbing Node.parent is quadratic in depth: engine/syntax/ancestors.ts)
  const up = ancestors(expr);
  let i = 0;
  while (up[i]?.type === 'parenthesized_expression') i++;
  const n = i === 0 ? expr : up[i - 1];
  const parent = up[i];
  if (!parent) return 'read';
  if (parent.type === 'assignment_expression') return parent.childForFieldName('left')?.id === n.id ? 'written' : 'read';
  if (parent.type === 'update_expression') return 'written';
  if (parent.type === 'pointer_expression' && text.charCodeAt(parent.startIndex) === AMPERSAND) return 'written';
  return 'read';
}

const UNEVALUATED = new Set(['sizeof_expression', 'alignof_expression', 'offsetof_expression', 'decltype']);
const STOPS = new Set(['function_definition', 'expression_statement', 'declaration', 'translation_unit']);

/** Inside `sizeof(...)` and kin: the field is named, never read or written. */
function inUnevaluatedOperand(node: Node): boolean {
  for (const p of ancestors(node)) {
    if (STOPS.has(p.type)) return false;
    if (UNEVALUATED.has(p.type)) return true;
  }
  return false;
}

/** Windows' own names for the structure: a file that declares them declares Windows' field. */
const WINDOWS_TYPE = /^_?P?SP_DEVINSTALL_PARAMS(?:_[AW])?$/;
const RECORDS = new Set(['struct_specifier', 'class_specifier', 'union_specifier']);

/**
 * The tags and typedef names of the structs, classes and unions of this file that declare a
 * field named ClassInstallReserved themselves (Windows' own names left out).
 */
function ownTypesWithField(root: Node | null | undefined): ReadonlySet<string> {
  const names = new Set<string>();
  if (!root) return names;
  for (const decl of root.descendantsOfType('field_declaration')) {
    if (!decl || !declaresField(decl)) continue;
    const record = decl.parent?.parent;
    if (!record || !RECORDS.has(record.type)) continue;
    const tag = record.childForFieldName('name')?.text;
    if (tag) names.add(tag);
    if (record.parent?.type === 'type_definition') {
      for (const d of record.parent.childrenForFieldName('declarator')) {
        let id: Node | null = d;
        while (id && id.type !== 'type_identifier') id = id.childForFieldName('declarator');
        if (id) names.add(id.text);
      }
    }
  }
  for (const name of names) if (WINDOWS_TYPE.test(name)) names.delete(name);
  return names;
}

function declaresField(decl: Node): boolean {
  return decl.childrenForFieldName('declarator').some((d) => {
    let id: Node | null = d;
    while (id && id.type !== 'field_identifier') id = id.childForFieldName('declarator');
    return id?.text === FIELD;
  });
}

/** Whether a type (the `type` of a declaration or a type descriptor) is one of this file's own records with the field. */
function isOwnType(type: Node | null, ownTypeNames: () => ReadonlySet<string>): boolean {
  if (!type) return false;
  if (RECORDS.has(type.type)) {
    const body = type.childForFieldName('body');
    if (body) return !WINDOWS_TYPE.test(type.childForFieldName('name')?.text ?? '') && body.namedChildren.some((c) => c?.type === 'field_declaration' && declaresField(c));
    const tag = type.childForFieldName('name')?.text;
    return tag !== undefined && ownTypeNames().has(tag);
  }
  return ownTypeNames().has(type.text);
}

/**
 * Whether the object of `x.ClassInstallReserved` / `x->ClassInstallReserved` is known to be one
 * of this file's own records: `this`, a variable or parameter declared with such a type, a cast
 * to it, an element of an array of it. Anything else (unknown types included) is taken to be
 * Windows' SP_DEVINSTALL_PARAMS.
 */
function isOwnStruct(object: Node | null, ownTypeNames: () => ReadonlySet<string>): boolean {
  let o = object;
  while (o && (o.type === 'parenthesized_expression' || o.type === 'subscript_expression' || o.type === 'pointer_expression')) {
    if (o.type === 'parenthesized_expression') o = o.namedChild(0);
    else o = o.childForFieldName('argument');
  }
  if (!o) return false;
  if (o.type === 'this') return true;
  if (o.type === 'cast_expression') return isOwnType(o.childForFieldName('type')?.childForFieldName('type') ?? null, ownTypeNames);
  if (o.type !== 'identifier') return false;
  return isOwnType(declarationTypeOf(o), ownTypeNames);
}

/** `(MY_STATE){ .ClassInstallReserved = 0 }` or `MY_STATE s = { .ClassInstallReserved = 0 }`: the initialized type. */
function designatesOwnStruct(designator: Node, ownTypeNames: () => ReadonlySet<string>): boolean {
  const up = ancestors(designator);
  let i = 0;
  while (up[i]?.type === 'initializer_pair' || up[i]?.type === 'initializer_list') i++;
  const p = up[i];
  if (!p) return false;
  if (p.type === 'compound_literal_expression') return isOwnType(p.childForFieldName('type')?.childForFieldName('type') ?? null, ownTypeNames);
  if (p.type === 'init_declarator') return isOwnType(up[i + 1]?.childForFieldName('type') ?? null, ownTypeNames);
  return false;
}

/** The declared type of the variable or parameter an identifier names (C scoping), or null. */
function declarationTypeOf(identifier: Node): Node | null {
  const name = identifier.text;
  for (const scope of ancestors(identifier)) {
    if (scope.type === 'function_definition') {
      const declarator = functionDeclarator(scope);
      for (const p of declarator?.childForFieldName('parameters')?.namedChildren ?? []) {
        if (!p || (p.type !== 'parameter_declaration' && p.type !== 'optional_parameter_declaration')) continue;
        const d = p.childForFieldName('declarator');
        if (d && declaredName(d)?.text === name) return p.childForFieldName('type');
      }
      continue;
    }
    if (scope.type !== 'compound_statement' && scope.type !== 'translation_unit' && scope.type !== 'for_statement') continue;
    for (const child of scope.namedChildren) {
      if (!child || child.type !== 'declaration') continue;
      if (scope.type !== 'translation_unit' && child.startIndex > identifier.startIndex) continue;
      if (child.childrenForFieldName('declarator').some((d) => d !== null && declaredName(d)?.text === name)) return child.childForFieldName('type');
    }
  }
  return null;
}
