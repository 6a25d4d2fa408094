/**
 * The suggestion of no-state-in-dll: keep a scalar variable as a REG_DWORD value in the
 * device's driver key (SetupDiOpenDevRegKey with DIREG_DRV), through two small helpers that
 * are inserted once per file, used at the write site and at the reads of the same file that
 * run with a device at hand (a function taking HDEVINFO and PSP_DEVINFO_DATA).
 */
import type { Node } from 'web-tree-sitter';
import { enclosingFunction, type FileScope, type FileVariable, type Fix, parameters, resolveVariable, type SourceCode } from '../../engine/index.js';

/**
 * Where nodes sit, answered without chains of Node.parent (each costs tree-sitter a walk from the
 * root, so a chain is quadratic in depth): no-state-in-dll passes its AncestorChain.
 */
export interface NodePaths {
  parentOf(node: Node): Node | null;
  functionOf(node: Node): Node | null;
  /** The ancestor of `node` (or itself) that sits directly in the translation unit. */
  topLevelOf(node: Node): Node;
  resolve(id: Node): FileVariable | null;
}

function parentPaths(fileScope: FileScope): NodePaths {
  return {
    parentOf: (n) => n.parent,
    functionOf: enclosingFunction,
    topLevelOf: (n) => {
      let top = n;
      while (top.parent && top.parent.type !== 'translation_unit') top = top.parent;
      return top;
    },
    resolve: (id) => resolveVariable(id, fileScope),
  };
}

const READ = 'ReadDeviceState';
const WRITE = 'WriteDeviceState';

/** Types that fit in a REG_DWORD value. */
const SCALAR_TYPES = new Set([
  'DWORD', 'ULONG', 'UINT', 'BOOL', 'BOOLEAN', 'LONG', 'INT', 'WORD', 'USHORT', 'SHORT', 'BYTE', 'UCHAR', 'CHAR',
  'int', 'long', 'short', 'char', 'unsigned', 'unsigned int', 'unsigned long', 'unsigned short', 'unsigned char',
  'signed', 'signed int', 'long int', 'unsigned long int',
]);

function helperText(eol: string): string {
  return [
    '/* Installation state lives in the device\'s driver key: Windows unloads this DLL after each DIF code. */',
    `static DWORD ${READ}(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, LPCWSTR Name, DWORD Default)`,
    '{',
    '    DWORD value = Default;',
    '    DWORD type = 0;',
    '    DWORD size = sizeof(value);',
    '    HKEY key = SetupDiOpenDevRegKey(DeviceInfoSet, DeviceInfoData, DICS_FLAG_GLOBAL, 0, DIREG_DRV, KEY_QUERY_VALUE);',
    '',
    '    if (key != INVALID_HANDLE_VALUE) {',
    '        if (RegQueryValueExW(key, Name, NULL, &type, (LPBYTE)&value, &size) != ERROR_SUCCESS || type != REG_DWORD) {',
    '            value = Default;',
    '        }',
    '        RegCloseKey(key);',
    '    }',
    '    return value;',
    '}',
    '',
    `static BOOL ${WRITE}(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, LPCWSTR Name, DWORD Value)`,
    '{',
    '    LONG status;',
    '    HKEY key = SetupDiOpenDevRegKey(DeviceInfoSet, DeviceInfoData, DICS_FLAG_GLOBAL, 0, DIREG_DRV, KEY_SET_VALUE);',
    '',
    '    if (key == INVALID_HANDLE_VALUE) {',
    '        return FALSE;',
    '    }',
    '    status = RegSetValueExW(key, Name, 0, REG_DWORD, (const BYTE *)&Value, sizeof(Value));',
    '    RegCloseKey(key);',
    '    return status == ERROR_SUCCESS;',
    '}',
    '',
    '',
  ].join(eol);
}

/** The device parameters (HDEVINFO, PSP_DEVINFO_DATA) of a function, by type. */
function deviceParams(fn: Node): { set: string; data: string } | null {
  const ps = parameters(fn);
  const set = ps.find((p) => p.type.trim() === 'HDEVINFO')?.name;
  const data = ps.find((p) => /^(PSP_DEVINFO_DATA|SP_DEVINFO_DATA \*)$/.test(p.type.trim()))?.name;
  return set && data ? { set, data } : null;
}

/** The registry value name: the variable's name without a g_/s_/m_ prefix. */
export function stateValueName(variable: string): string {
  return variable.replace(/^(?:g_|s_|m_)/, '') || variable;
}

function isSameVariable(id: Node, variable: FileVariable, paths: NodePaths): boolean {
  return id.type === 'identifier' && id.text === variable.name && paths.resolve(id)?.nameNode.id === variable.nameNode.id;
}

/** True when the identifier is itself written (so it is not a read to convert). */
function isWriteTarget(id: Node, paths: NodePaths): boolean {
  const p = paths.parentOf(id);
  if (!p) return false;
  if (p.type === 'assignment_expression') return p.childForFieldName('left')?.id === id.id;
  if (p.type === 'update_expression') return true;
  return p.type === 'pointer_expression' && p.childForFieldName('operator')?.text === '&';
}

/** The edits of the suggestion, or undefined when the write or the variable is not a simple scalar one. */
export function driverKeySuggestion(
  sourceCode: SourceCode,
  site: Node,
  variable: FileVariable,
  identifiersNamed: (name: string) => readonly Node[],
  fileScope: FileScope,
  paths: NodePaths = parentPaths(fileScope),
): Fix[] | undefined {
  const statement = paths.parentOf(site);
  if (!statement || statement.type !== 'expression_statement') return undefined;
  const declarator = variable.nameNode.parent;
  if (!declarator || (declarator.id !== variable.declaration.id && declarator.type !== 'init_declarator')) return undefined;
  const type = variable.declaration.childForFieldName('type')?.text.replace(/\s+/g, ' ');
  if (!type || !SCALAR_TYPES.has(type)) return undefined;
  const fn = paths.functionOf(site);
  const device = fn ? deviceParams(fn) : null;
  if (!fn || !device) return undefined;

  const init = declarator.type === 'init_declarator' ? declarator.childForFieldName('value')?.text : undefined;
  const initial = init && /^(?:\d+[uUlL]*|0[xX][0-9a-fA-F]+[uUlL]*|TRUE|FALSE)$/.test(init) ? init : '0';
  const name = `L"${stateValueName(variable.name)}"`;
  const read = (d: { set: string; data: string }) => `((${type})${READ}(${d.set}, ${d.data}, ${name}, ${initial}))`;
  const write = (value: string) => `${WRITE}(${device.set}, ${device.data}, ${name}, (DWORD)(${value}))`;

  /** The text of an expression with the variable's reads replaced by reads of the driver key. */
  const converted = (expr: Node): string => {
    const ids = expr.descendantsOfType('identifier').filter((n): n is Node => n !== null && isSameVariable(n, variable, paths));
    let text = sourceCode.getText(expr);
    for (const id of ids.reverse()) {
      const s = id.startIndex - expr.startIndex;
      text = text.slice(0, s) + read(device) + text.slice(s + id.text.length);
    }
    return text;
  };

  let newValue: string;
  if (site.type === 'update_expression') {
    const arg = site.childForFieldName('argument');
    if (!arg || arg.type !== 'identifier') return undefined;
    const op = site.childForFieldName('operator')?.text ?? (site.text.includes('++') ? '++' : '--');
    newValue = `${read(device)} ${op.startsWith('+') ? '+' : '-'} 1`;
  } else {
    const left = site.childForFieldName('left');
    const right = site.childForFieldName('right');
    const op = site.childForFieldName('operator')?.text;
    if (!left || left.type !== 'identifier' || !right || !op) return undefined;
    newValue = op === '=' ? converted(right) : `${read(device)} ${op.slice(0, -1)} (${converted(right)})`;
  }
  const edits: Fix[] = [{ range: [site.startIndex, site.endIndex], text: write(newValue) }];

  // Reads of the same variable elsewhere in this file, where a device is at hand.
  const root = sourceCode.ast!;
  for (const id of identifiersNamed(variable.name)) {
    if (id.startIndex >= site.startIndex && id.endIndex <= site.endIndex) continue;
    if (id.id === variable.nameNode.id || !isSameVariable(id, variable, paths) || isWriteTarget(id, paths)) continue;
    const f = paths.functionOf(id);
    const d = f ? deviceParams(f) : null;
    if (!d) continue;
    edits.push({ range: [id.startIndex, id.endIndex], text: read(d) });
  }

  if (!definesHelper(sourceCode, root)) {
    // Before the first top-level declaration that uses the helpers.
    const first = Math.min(...edits.map((e) => e.range[0]));
    const top = paths.topLevelOf(root.descendantForIndex(first) ?? fn);
    const at = sourceCode.lineIndex.lineStarts[sourceCode.lineIndex.lineOf(top.startIndex)];
    edits.push({ range: [at, at], text: helperText(sourceCode.eol) });
  }
  return edits;
}

/** The file declares or defines the helper already (in code: a comment quoting it does not count). */
function definesHelper(sourceCode: SourceCode, root: Node): boolean {
  for (const m of sourceCode.text.matchAll(new RegExp(`\\b${WRITE}\\s*\\(\\s*HDEVINFO`, 'g'))) {
    const node = root.descendantForIndex(m.index, m.index);
    if (node && node.type !== 'comment' && node.type !== 'string_content' && node.type !== 'string_literal') return true;
  }
  return false;
}
