/**
 * The suggestion of no-state-in-dll: keep a scalar variable as a REG_DWORD value in the
 * device's driver key (SetupDiOpenDevRegKey with DIREG_DRV), through two small helpers that
 * are inserted once per file (rules/support/driver-key-helpers.ts), used at the write site and at
 * the reads of the same file that run with a device at hand (a function taking HDEVINFO and
 * PSP_DEVINFO_DATA). No cast the types do not need (a read of a DWORD-sized unsigned variable is
 * the helper's DWORD, a written value converts to the DWORD parameter by itself), lines within the
 * file's limit (rules/support/line-wrap.ts), and the variable's declaration removed when every use
 * of it is converted and no other file uses it.
 */
import type { Node } from 'web-tree-sitter';
import { AncestorChain, enclosingFunction, type FileScope, type FileVariable, type Fix, parameters, pathFromRoot, resolveVariable, type SourceCode } from '../../engine/index.js';
import { indentStep, lineLimit } from './code-style.js';
import { helperText, READ, WRITE } from './driver-key-helpers.js';
import { wrapEdits } from './line-wrap.js';

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
  // one chain for the suggestion's climbs (underSizeof, truthOnly): each step up is a step back on its path
  let chain: AncestorChain | undefined;
  return {
    parentOf: (n) => {
      const path = (chain ??= new AncestorChain(n.tree.rootNode)).pathTo(n);
      return path.length > 1 ? path[path.length - 2] : null;
    },
    functionOf: enclosingFunction,
    // the root's child on the path down to the node (engine/syntax/ancestors.ts), not a climb of Node.parent
    topLevelOf: (n) => pathFromRoot(n)[1] ?? n,
    resolve: (id) => resolveVariable(id, fileScope),
  };
}

/** Types that fit in a REG_DWORD value. */
const SCALAR_TYPES = new Set([
  'DWORD', 'ULONG', 'UINT', 'BOOL', 'BOOLEAN', 'LONG', 'INT', 'WORD', 'USHORT', 'SHORT', 'BYTE', 'UCHAR', 'CHAR',
  'int', 'long', 'short', 'char', 'unsigned', 'unsigned int', 'unsigned long', 'unsigned short', 'unsigned char',
  'signed', 'signed int', 'long int', 'unsigned long int',
]);

/** Types the helper's DWORD is already: a read of them needs no cast. */
const DWORD_TYPES = new Set(['DWORD', 'ULONG', 'UINT', 'unsigned', 'unsigned int', 'unsigned long', 'unsigned long int']);

/** Expressions that need no parentheses as an operand. */
const PRIMARY = new Set(['identifier', 'number_literal', 'call_expression', 'parenthesized_expression', 'field_expression', 'true', 'false', 'null']);

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

/**
 * The edits of the suggestion, or undefined when the write or the variable is not a simple scalar
 * one. `usedElsewhere` tells whether another file of the module uses the variable (the model's
 * accesses); without it, only a `static` variable counts as this file's alone.
 */
export function driverKeySuggestion(
  sourceCode: SourceCode,
  site: Node,
  variable: FileVariable,
  identifiersNamed: (name: string) => readonly Node[],
  fileScope: FileScope,
  paths: NodePaths = parentPaths(fileScope),
  usedElsewhere?: () => boolean,
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

  // the initial value is the default of a read (a static's initialiser is a constant expression)
  const init = declarator.type === 'init_declarator' ? declarator.childForFieldName('value') : null;
  if (init?.type === 'initializer_list') return undefined;
  const initial = init ? sourceCode.getText(init).replace(/\s+/g, ' ') : '0';
  const name = `L"${stateValueName(variable.name)}"`;
  // the helper reads a DWORD: other types get their own back (a signed one compares as signed)
  // (a read tested only for truth needs no cast either)
  const cast = DWORD_TYPES.has(type) ? '' : `(${type})`;
  const read = (d: { set: string; data: string }, id?: Node) => `${id && truthOnly(id, paths) ? '' : cast}${READ}(${d.set}, ${d.data}, ${name}, ${initial})`;
  // the value converts to the helper's DWORD parameter by itself
  const write = (value: string) => `${WRITE}(${device.set}, ${device.data}, ${name}, ${value})`;

  /** The text of an expression with the variable's reads replaced by reads of the driver key. */
  const converted = (expr: Node): string => {
    const ids = expr.descendantsOfType('identifier').filter((n): n is Node => n !== null && isSameVariable(n, variable, paths));
    let text = sourceCode.getText(expr);
    for (const id of ids.reverse()) {
      const s = id.startIndex - expr.startIndex;
      text = text.slice(0, s) + read(device, id) + text.slice(s + id.text.length);
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
    const operand = PRIMARY.has(right.type) ? converted(right) : `(${converted(right)})`;
    newValue = op === '=' ? converted(right) : `${read(device)} ${op.slice(0, -1)} ${operand}`;
  }
  const edits: Fix[] = [{ range: [site.startIndex, site.endIndex], text: write(newValue) }];

  // Reads of the same variable elsewhere in this file, where a device is at hand.
  const root = sourceCode.ast!;
  const uses = identifiersNamed(variable.name).filter((id) => id.id !== variable.nameNode.id && isSameVariable(id, variable, paths));
  let convertedAll = true;
  for (const id of uses) {
    if (id.startIndex >= site.startIndex && id.endIndex <= site.endIndex) continue;
    const f = isWriteTarget(id, paths) || underSizeof(id, paths) ? null : paths.functionOf(id);
    const d = f ? deviceParams(f) : null;
    if (!d) {
      convertedAll = false;
      continue;
    }
    edits.push({ range: [id.startIndex, id.endIndex], text: read(d, id) });
  }
  const result = wrapEdits(sourceCode, edits, lineLimit(sourceCode), [READ, WRITE]);

  // Nothing reads or writes the variable any more: its declaration goes.
  const alone = usedElsewhere ? !usedElsewhere() : isStatic(variable.declaration);
  if (convertedAll && alone && variable.declaration.childrenForFieldName('declarator').length === 1) {
    result.push(removeDeclaration(sourceCode, variable.declaration));
  }

  if (!definesHelper(sourceCode, root)) {
    // Before the first top-level declaration that uses the helpers.
    const first = Math.min(...edits.map((e) => e.range[0]));
    const top = paths.topLevelOf(root.descendantForIndex(first) ?? fn);
    const at = sourceCode.lineIndex.lineStarts[sourceCode.lineIndex.lineOf(top.startIndex)];
    result.push({ range: [at, at], text: helperText(sourceCode, indentStep(sourceCode, fn)) });
  }
  return result;
}

/** A value only tested for truth: the operand of `!`, `&&`, `||`, or a whole condition. */
function truthOnly(id: Node, paths: NodePaths): boolean {
  let n = id;
  let p = paths.parentOf(n);
  while (p?.type === 'parenthesized_expression') {
    n = p;
    p = paths.parentOf(p);
  }
  if (!p) return false;
  if (p.type === 'unary_expression') return p.childForFieldName('operator')?.text === '!';
  if (p.type === 'binary_expression') return ['&&', '||'].includes(p.childForFieldName('operator')?.text ?? '');
  if (p.type === 'condition_clause') return true;
  return p.type === 'conditional_expression' && p.childForFieldName('condition')?.id === n.id;
}

/** An operand of `sizeof`: the variable is not read there. */
function underSizeof(id: Node, paths: NodePaths): boolean {
  for (let p = paths.parentOf(id); p && p.type !== 'expression_statement' && p.type !== 'compound_statement'; p = paths.parentOf(p)) {
    if (p.type === 'sizeof_expression') return true;
  }
  return false;
}

function isStatic(declaration: Node): boolean {
  return declaration.namedChildren.some((c) => c?.type === 'storage_class_specifier' && c.text === 'static');
}

/**
 * The declaration's whole lines when nothing else shares them, with a comment on the lines just
 * above that belongs to it alone (a blank line, or the start of its block, before the comment and
 * after the declaration); one blank line of two left around it goes too.
 */
function removeDeclaration(sourceCode: SourceCode, declaration: Node): Fix {
  const idx = sourceCode.lineIndex;
  const text = sourceCode.text;
  const first = idx.lineOf(declaration.startIndex);
  const last = idx.lineOf(declaration.endIndex);
  const blank = (line: number) => line < 0 || line >= idx.lineCount || /^[ \t]*$/.test(idx.lineText(line));
  const before = text.slice(idx.lineStarts[first], declaration.startIndex);
  const after = text.slice(declaration.endIndex, idx.contentEnd(last));
  if (!/^[ \t]*$/.test(before) || !/^[ \t]*(\/\/.*|\/\*.*\*\/[ \t]*)?$/.test(after)) {
    return { range: [declaration.startIndex, declaration.endIndex], text: '' };
  }
  let start = first;
  const comment = declaration.previousNamedSibling;
  if (comment?.type === 'comment' && idx.lineOf(comment.endIndex) === first - 1) {
    const top = idx.lineOf(comment.startIndex);
    const own = /^[ \t]*$/.test(text.slice(idx.lineStarts[top], comment.startIndex));
    const opensBlock = /\{[ \t]*$/.test(idx.lineText(top - 1 < 0 ? 0 : top - 1));
    if (own && (blank(top - 1) || opensBlock) && blank(last + 1)) start = top;
  }
  let end = last + 1;
  if (blank(start - 1) && blank(end) && end < idx.lineCount) end++;
  const endOffset = end >= idx.lineCount ? text.length : idx.lineStarts[end];
  return { range: [idx.lineStarts[start], endOffset], text: '' };
}

/** The file declares or defines the helper already (in code: a comment quoting it does not count). */
function definesHelper(sourceCode: SourceCode, root: Node): boolean {
  for (const m of sourceCode.text.matchAll(new RegExp(`\\b${WRITE}\\s*\\(\\s*HDEVINFO`, 'g'))) {
    const node = root.descendantForIndex(m.index, m.index);
    if (node && node.type !== 'comment' && node.type !== 'string_content' && node.type !== 'string_literal') return true;
  }
  return false;
}
