/**
 * The class identifiers a file defines itself, by name, with their GUIDs: `DEFINE_GUID(CLSID_X,
 * 0x..., ...)`, `static const CLSID CLSID_X = { 0x..., 0x..., 0x..., { ... } }`, and the classes
 * declared with `__declspec(uuid("..."))` or `DECLSPEC_UUID("...")` (which `__uuidof(X)` names).
 * The no-dll-load rule reads them to match its `allowedClasses` option's GUIDs
 * (docs/rules/no-dll-load.md). Only the file's own definitions are seen, not other files'.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { calleeName, inDisabledCode, type SourceCode } from '../../engine/index.js';
import { declaratorName } from './com-declarations.js';
import { integerLiteralValue } from './number-literals.js';
import { perTree } from './per-tree-memo.js';

/** `{12345678-1234-...}` or without braces, any case → `12345678-1234-...` in upper case; undefined when not a GUID. */
export function normalizeGuid(text: string): string | undefined {
  const m = /^\s*\{?\s*([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\s*\}?\s*$/.exec(text);
  return m ? m[1].toUpperCase() : undefined;
}

/** The value of a C integer literal node (`0x17`, `23`, `017`, `1u`, `0x3L`); undefined for anything else. */
export function numberValue(node: Node | null): number | undefined {
  if (!node || node.type !== 'number_literal') return undefined;
  return integerLiteralValue(node.text);
}

function hex(value: number, digits: number): string {
  return value.toString(16).toUpperCase().padStart(digits, '0');
}

/** The GUID of the eleven numbers of a DEFINE_GUID or of a GUID initialiser (l, w1, w2, b1..b8). */
function guidOf(values: readonly (number | undefined)[]): string | undefined {
  if (values.length !== 11 || values.some((v) => v === undefined)) return undefined;
  const [l, w1, w2, ...b] = values as number[];
  const bytes = b.map((x) => hex(x, 2)).join('');
  return `${hex(l, 8)}-${hex(w1, 4)}-${hex(w2, 4)}-${bytes.slice(0, 4)}-${bytes.slice(4)}`;
}

function numbersOfInitializer(list: Node): (number | undefined)[] {
  return list.namedChildren.flatMap((c) => (c?.type === 'initializer_list' ? numbersOfInitializer(c) : [numberValue(c)]));
}

const GUID_TYPES = new Set(['CLSID', 'GUID', 'IID']);
const UUID_ATTRIBUTE = /(?:__declspec\s*\(\s*uuid|DECLSPEC_UUID)\s*\(\s*"([^"]*)"/;

function collect(root: Node, sourceCode: SourceCode): Map<string, string> {
  const found = new Map<string, string>();
  const add = (name: string | null | undefined, guid: string | undefined) => {
    if (name && guid && !found.has(name)) found.set(name, guid);
  };
  for (const call of root.descendantsOfType('call_expression')) {
    if (!call || calleeName(call) !== 'DEFINE_GUID' || inDisabledCode(call)) continue;
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    const name = args[0]?.type === 'identifier' ? args[0].text : null;
    add(name, guidOf(args.slice(1).map(numberValue)));
  }
  for (const declaration of root.descendantsOfType('declaration')) {
    if (!declaration || !GUID_TYPES.has(declaration.childForFieldName('type')?.text ?? '')) continue;
    for (const d of declaration.childrenForFieldName('declarator')) {
      const value = d?.type === 'init_declarator' ? d.childForFieldName('value') : null;
      if (d && value?.type === 'initializer_list') add(declaratorName(d), guidOf(numbersOfInitializer(value)));
    }
  }
  for (const specifier of root.descendantsOfType(['class_specifier', 'struct_specifier'])) {
    const name = specifier?.childForFieldName('name');
    if (!specifier || !name) continue;
    // the attribute is blanked for the parser (engine/parsing/macro-blanking.ts): read the file's text
    const attribute = UUID_ATTRIBUTE.exec(sourceCode.text.slice(specifier.startIndex, name.startIndex));
    if (attribute) add(name.text, normalizeGuid(attribute[1]));
  }
  return found;
}

/** The GUIDs of the class identifiers and uuid-attributed classes this file defines, by name (computed once per tree). */
export function guidDefinitions(tree: Tree, sourceCode: SourceCode): ReadonlyMap<string, string> {
  return perTree(tree, 'com-guid-definitions', () => collect(tree.rootNode, sourceCode));
}
