/**
 * The finish-install action scaffolding (docs/installer-facts.md#finish-install-actions), shared by the fixes that move
 * user interface or processes out of a non-interactive DIF code:
 *  - on DIF_NEWDEVICEWIZARD_FINISHINSTALL, request the action (DI_FLAGSEX_FINISHINSTALL_ACTION
 *    through SetupDiGet/SetDeviceInstallParamsW), adding the case or extending the existing one;
 *  - on DIF_FINISHINSTALL_ACTION, run the moved statement, adding the case or extending it;
 *  - #ifndef-guarded definitions of the two Vista-era constants that older headers lack.
 * Works for entry points that switch on the DIF code and for if / else-if chains. Returns the
 * edits, or null when the entry point's shape is not one it can rewrite safely.
 */
import type { Node } from 'web-tree-sitter';
import { type Fix, holdsJumpOrLabel, identifiersSpelled, isJump, parameters, type SourceCode, statementsOf, stripParens } from '../../engine/index.js';
import { perTree } from './per-tree-memo.js';

export interface ScaffoldRequest {
  sourceCode: SourceCode;
  /** The installer entry point (a function_definition with the DIF parameter first). */
  entryPoint: Node;
  kind: 'coinstaller' | 'class-installer';
  /** The statement to move into the DIF_FINISHINSTALL_ACTION handler; none to only request the action. */
  move?: Node;
  /** Whether a macro is already defined for this file (in it, or in a header of its module). */
  isDefined: (macro: string) => boolean;
  /**
   * Without `move`: a comment for a new DIF_FINISHINSTALL_ACTION handler, added when the entry
   * point has none (so that the requested action has a place to do its work).
   */
  actionNote?: string;
  /** What the new DIF_FINISHINSTALL_ACTION handler's comment says is allowed there (default "UI is allowed here."). */
  allowedNote?: string;
}

/** The scaffold's spelling of the model's installer kinds. */
export function scaffoldKind(kind: 'co-installer' | 'class-installer'): ScaffoldRequest['kind'] {
  return kind === 'co-installer' ? 'coinstaller' : 'class-installer';
}

const ACTION = 'DIF_FINISHINSTALL_ACTION';
const FINISH = 'DIF_NEWDEVICEWIZARD_FINISHINSTALL';
const FLAG = 'DI_FLAGSEX_FINISHINSTALL_ACTION';

interface Branch {
  /** Where statements go to run first under this code (start of a line inside the branch). */
  insertAt: number;
  /** The text of the branch's statements, to see whether it already requests the action. */
  text: string;
  indent: string;
}

interface Shape {
  action?: Branch;
  finish?: Branch;
  /** Where new branches go, with the text before and after them. */
  newBranchAt: number;
  prefix: string;
  newBranches(parts: { finish?: string[]; action?: string[] }): string;
  indent: string;
}

export function finishInstallScaffold(req: ScaffoldRequest): Fix[] | null {
  const { sourceCode, entryPoint } = req;
  const params = parameters(entryPoint);
  if (params.length < 3 || params.slice(0, 3).some((p) => !p.name)) return null;
  const [dif, set, data] = params.map((p) => p.name!);
  if (req.move && !movable(req.move)) return null;
  // the same for every finding under this entry point: made once per tree
  const shape = perTree(entryPoint.tree, `shape:${entryPoint.id}:${dif}:${req.kind}`, () => switchShape(sourceCode, entryPoint, dif) ?? ifChainShape(sourceCode, entryPoint, dif, req.kind));
  if (!shape) return null;

  const eol = sourceCode.eol;
  const unit = indentUnit(sourceCode, entryPoint);
  const edits: Fix[] = [];
  const requestLines = (indent: string) => [
    `${indent}/* Ask Windows for a finish-install action; set it here, and only when one is needed. */`,
    `${indent}SP_DEVINSTALL_PARAMS_W params;`,
    `${indent}params.cbSize = sizeof(params);`,
    `${indent}if (SetupDiGetDeviceInstallParamsW(${set}, ${data}, &params)) {`,
    `${indent}${unit}params.FlagsEx |= ${FLAG};`,
    `${indent}${unit}SetupDiSetDeviceInstallParamsW(${set}, ${data}, &params);`,
    `${indent}}`,
  ];
  const movedText = req.move ? sourceCode.getText(req.move) : undefined;
  const moveIndent = req.move ? sourceCode.indentationAt(req.move.startIndex) : '';
  const allowed = req.allowedNote ?? 'UI is allowed here.';
  const actionComment =
    req.kind === 'coinstaller'
      ? `/* Interactive context: ${allowed} A co-installer returns NO_ERROR when done. */`
      : `/* Interactive context: ${allowed} A class installer returns ERROR_DI_DO_DEFAULT when done. */`;

  const parts: { finish?: string[]; action?: string[] } = {};
  let requestAdded = false;
  if (!shape.finish) {
    parts.finish = requestLines(shape.indent + unit);
    requestAdded = true;
  } else if (!requestsAction(shape.finish.text, sourceCode)) {
    const i = shape.finish.indent;
    const block = [`${i}{`, ...requestLines(i + unit), `${i}}`];
    edits.push({ range: [shape.finish.insertAt, shape.finish.insertAt], text: block.join(eol) + eol });
    requestAdded = true;
  }
  if (movedText !== undefined) {
    if (shape.action) {
      const text = reindent(movedText, moveIndent, shape.action.indent);
      edits.push({ range: [shape.action.insertAt, shape.action.insertAt], text: `${shape.action.indent}${text}${eol}` });
    } else {
      const indent = shape.indent + unit;
      parts.action = [`${indent}${actionComment}`, `${indent}${reindent(movedText, moveIndent, indent)}`];
    }
  } else if (req.actionNote !== undefined && !shape.action) {
    parts.action = [`${shape.indent + unit}/* ${req.actionNote} */`];
  }
  if (parts.finish || parts.action) {
    edits.push({ range: [shape.newBranchAt, shape.newBranchAt], text: shape.prefix + shape.newBranches(parts) });
  }
  if (req.move) edits.push(removeStatement(sourceCode, req.move));
  if (requestAdded) edits.push(...dropUnreferencedMarkers(sourceCode, entryPoint, [set, data]));
  edits.push(...constantDefinitions(req));
  return edits;
}

/**
 * A statement can be moved when it stands on its own in a block or a case (not the body of a bare
 * if), and is an expression, or an `if` or block without jumps (break, return, ... would change
 * meaning in another branch).
 */
function movable(statement: Node): boolean {
  const parent = statement.parent;
  if (!parent || (parent.type !== 'compound_statement' && parent.type !== 'case_statement')) return false;
  if (statement.type === 'expression_statement') return true;
  if (statement.type !== 'if_statement' && statement.type !== 'compound_statement') return false;
  return !holdsJumpOrLabel(statement);
}

/** A multi-line statement's later lines, moved from one indentation to another. */
function reindent(text: string, from: string, to: string): string {
  if (from === to) return text;
  return text.replace(/(\r?\n)([ \t]*)/g, (_m, eol: string, ws: string) =>
    eol + (ws.startsWith(from) ? to + ws.slice(from.length) : ws),
  );
}

function requestsAction(branchSource: string, sourceCode: SourceCode): boolean {
  // what the branch does, not what its comments say
  const branchText = branchSource.replace(/\/\*[\s\S]*?\*\/|\/\/[^\r\n]*/g, ' ');
  if (branchText.includes(FLAG)) return true;
  // One level of helpers: a function of this file called from the branch that sets the flag
  // (found from the flag's occurrences in the code, not by reading every function; a comment
  // naming the flag sets nothing).
  const root = sourceCode.ast;
  if (!root) return false;
  for (const flag of identifiersSpelled(root, sourceCode.text, FLAG)) {
    let top: Node | null = flag;
    while (top && top.parent && top.parent.id !== root.id) top = top.parent;
    if (!top || top.type !== 'function_definition') continue;
    const name = top.childForFieldName('declarator')?.childForFieldName('declarator')?.text;
    if (name && new RegExp(`\\b${name}\\s*\\(`).test(branchText)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// switch (InstallFunction) { case ...: }

function switchShape(sourceCode: SourceCode, fn: Node, dif: string): Shape | null {
  const body = fn.childForFieldName('body');
  if (!body) return null;
  const sw = body
    .descendantsOfType('switch_statement')
    .find((s) => s && stripParens(s.childForFieldName('condition')?.text ?? '') === dif);
  const block = sw?.childForFieldName('body');
  if (!sw || !block) return null;
  const cases = block.namedChildren.filter((c): c is Node => c !== null && c.type === 'case_statement');
  if (cases.length === 0) return null;
  const label = (c: Node) => c.childForFieldName('value')?.text ?? 'default';
  const caseIndent = sourceCode.indentationAt(cases[0].startIndex);
  const firstStatement = cases.map((c) => statementsOf(c)[0]).find((s) => s !== undefined);
  const stmtIndent = firstStatement ? sourceCode.indentationAt(firstStatement.startIndex) : caseIndent + indentUnit(sourceCode, fn);
  const branchOf = (c: Node | undefined): Branch | undefined => {
    if (!c) return undefined;
    const statements = statementsOf(c);
    const colon = c.childForFieldName('value')?.endIndex ?? c.startIndex;
    const labelEnd = sourceCode.text.indexOf(':', colon) + 1;
    // A case whose statements sit in braces gets its new statements inside them.
    const inner = statements.length === 1 && statements[0].type === 'compound_statement' ? statements[0] : null;
    const first = inner ? statementsOf(inner)[0] : statements[0];
    const after = inner ? inner.startIndex + 1 : labelEnd;
    const indent = first ? sourceCode.indentationAt(first.startIndex) : stmtIndent;
    return { insertAt: sourceCode.lineIndex.nextLineStart(after), text: c.text, indent };
  };
  const eol = sourceCode.eol;
  const def = cases.find((c) => label(c) === 'default');
  const before = def ? cases[cases.indexOf(def) - 1] : undefined;
  const defaultReachedByFallThrough = before !== undefined && !isJump(statementsOf(before).at(-1)) && !endsInJumpBlock(before);
  let newBranchAt: number;
  let prefix = '';
  if (def && !defaultReachedByFallThrough) {
    newBranchAt = sourceCode.lineIndex.lineStartOf(def.startIndex);
  } else {
    // At the end of the switch, closing the last case first if it falls off the end.
    const closing = block.endIndex - 1;
    newBranchAt = sourceCode.lineIndex.lineStartOf(closing);
    if (newBranchAt <= cases.at(-1)!.startIndex) return null;
    const last = cases.at(-1)!;
    if (statementsOf(last).length === 0 || (!isJump(statementsOf(last).at(-1)) && !endsInJumpBlock(last))) {
      prefix = `${stmtIndent}break;${eol}`;
    }
  }
  const unit = indentUnit(sourceCode, fn);
  return {
    action: branchOf(cases.find((c) => isCode(label(c), ACTION))),
    finish: branchOf(cases.find((c) => isCode(label(c), FINISH))),
    newBranchAt,
    prefix,
    indent: caseIndent,
    newBranches: ({ finish, action }) => {
      let out = '';
      if (finish) out += [`${caseIndent}case ${FINISH}: {`, ...finish, `${caseIndent}${unit}break;`, `${caseIndent}}`].join(eol) + eol;
      if (action) out += [`${caseIndent}case ${ACTION}:`, ...action, `${stmtIndent}break;`].join(eol) + eol;
      return out;
    },
  };
}

function endsInJumpBlock(c: Node): boolean {
  const last = statementsOf(c).at(-1);
  return last?.type === 'compound_statement' && isJump(statementsOf(last).at(-1));
}

// ---------------------------------------------------------------------------------------------
// if (InstallFunction == DIF_X) { ... } else if (...) { ... }

function ifChainShape(sourceCode: SourceCode, fn: Node, dif: string, kind: ScaffoldRequest['kind']): Shape | null {
  const body = fn.childForFieldName('body');
  if (!body) return null;
  const first = statementsOf(body).find((s) => s.type === 'if_statement' && testedCode(s, dif) !== null);
  if (!first) return null;
  const branches = new Map<string, Node>();
  for (let s: Node | null | undefined = first; s && s.type === 'if_statement'; ) {
    const code = testedCode(s, dif);
    const consequence = s.childForFieldName('consequence');
    if (code && consequence) branches.set(code, consequence);
    s = s.childForFieldName('alternative')?.namedChild(0);
  }
  const indent = sourceCode.indentationAt(first.startIndex);
  const unit = indentUnit(sourceCode, fn);
  const eol = sourceCode.eol;
  const branchOf = (code: string): Branch | undefined | null => {
    const c = branches.get(code);
    if (!c) return undefined;
    if (c.type !== 'compound_statement') return null;
    const firstInner = statementsOf(c)[0];
    return {
      insertAt: sourceCode.lineIndex.nextLineStart(c.startIndex + 1),
      text: c.text,
      indent: firstInner ? sourceCode.indentationAt(firstInner.startIndex) : indent + unit,
    };
  };
  const action = branchOf(ACTION);
  const finish = branchOf(FINISH);
  if (action === null || finish === null) return null;
  const done = kind === 'coinstaller' ? 'NO_ERROR' : 'ERROR_DI_DO_DEFAULT';
  return {
    action,
    finish,
    newBranchAt: sourceCode.lineIndex.lineStartOf(first.startIndex),
    prefix: '',
    indent,
    newBranches: ({ finish: f, action: a }) => {
      let out = '';
      if (f) out += [`${indent}if (${dif} == ${FINISH}) {`, ...f, `${indent}${unit}return ${done};`, `${indent}}`].join(eol) + eol;
      if (a) out += [`${indent}if (${dif} == ${ACTION}) {`, ...a, `${indent}${unit}return ${done};`, `${indent}}`].join(eol) + eol;
      return out;
    },
  };
}

/** The DIF code an `if` tests for equality with the DIF parameter, or null. */
function testedCode(ifStatement: Node, dif: string): string | null {
  const cond = ifStatement.childForFieldName('condition')?.namedChild(0);
  if (!cond || cond.type !== 'binary_expression' || cond.childForFieldName('operator')?.text !== '==') return null;
  const left = cond.childForFieldName('left')?.text;
  const right = cond.childForFieldName('right')?.text;
  if (left === dif && right) return right;
  if (right === dif && left) return left;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Text helpers

function isCode(labelText: string, code: string): boolean {
  return stripParens(labelText) === code;
}

/**
 * The code's indentation step, read from the entry point: its body's first statement against the
 * function itself; four spaces when that tells nothing.
 */
function indentUnit(sourceCode: SourceCode, fn: Node): string {
  const body = fn.childForFieldName('body');
  const first = body ? statementsOf(body)[0] : undefined;
  if (first) {
    const outer = sourceCode.indentationAt(fn.startIndex);
    const inner = sourceCode.indentationAt(first.startIndex);
    if (inner.startsWith(outer) && inner.length > outer.length) return inner.slice(outer.length);
  }
  return '    ';
}

/** Removes a statement: its whole line when nothing else but a comment shares it. */
export function removeStatement(sourceCode: SourceCode, statement: Node): Fix {
  const idx = sourceCode.lineIndex;
  const line = idx.lineOf(statement.startIndex);
  const lineStart = idx.lineStarts[line];
  const contentEnd = idx.contentEnd(idx.lineOf(statement.endIndex));
  const before = sourceCode.text.slice(lineStart, statement.startIndex);
  const after = sourceCode.text.slice(statement.endIndex, contentEnd);
  if (/^[ \t]*$/.test(before) && /^[ \t]*(\/\*[^\n]*?\*\/[ \t]*|\/\/.*)?$/.test(after)) {
    return { range: [lineStart, idx.nextLineStart(contentEnd)], text: '' };
  }
  return { range: [statement.startIndex, statement.endIndex], text: '' };
}

/** `UNREFERENCED_PARAMETER(x);` markers for parameters the new code now uses. */
function dropUnreferencedMarkers(sourceCode: SourceCode, fn: Node, names: string[]): Fix[] {
  const body = fn.childForFieldName('body');
  if (!body) return [];
  return statementsOf(body)
    .filter((s) => {
      const m = /^UNREFERENCED_PARAMETER\s*\(\s*(\w+)\s*\)\s*;$/.exec(s.text);
      return m !== null && names.includes(m[1]);
    })
    .map((s) => removeStatement(sourceCode, s));
}

/** The file #defines `name` itself (read once per tree and name; a #define in a comment defines nothing). */
function definedInText(sourceCode: SourceCode, name: string): boolean {
  const test = () => {
    const root = sourceCode.ast;
    for (const m of sourceCode.text.matchAll(new RegExp(`#\\s*define\\s+${name}\\b`, 'g'))) {
      if (!root || !insideComment(root, m.index)) return true;
    }
    return false;
  };
  const root = sourceCode.ast;
  return root ? perTree(root.tree, `defines:${name}`, test) : test();
}

/** The offset lies in a comment (or a string). */
function insideComment(root: Node, at: number): boolean {
  const node = root.descendantForIndex(at, at);
  return node !== null && (node.type === 'comment' || node.type === 'string_literal' || node.type === 'string_content');
}

function constantDefinitions(req: ScaffoldRequest): Fix[] {
  const missing = [
    [ACTION, '0x0000002A'],
    [FLAG, '0x00000008L'],
  ].filter(([name]) => !req.isDefined(name) && !definedInText(req.sourceCode, name));
  if (missing.length === 0) return [];
  const { sourceCode } = req;
  const eol = sourceCode.eol;
  const root = sourceCode.ast;
  // where the last top-level #include ends (-1: none), once per tree
  const lastInclude = root
    ? perTree(root.tree, 'last-include', () => {
        const includes = root.namedChildren.filter((n): n is Node => n !== null && n.type === 'preproc_include');
        return includes.length > 0 ? includes.at(-1)!.endIndex : -1;
      })
    : -1;
  const hasInclude = lastInclude >= 0;
  const at = hasInclude ? lastInclude : 0;
  const lines = ['', '/* Older SDK headers lack the Windows Vista finish-install constants. */'];
  for (const [name, value] of missing) lines.push(`#ifndef ${name}`, `#define ${name} ${value}`, '#endif');
  // preproc_include ends after its newline; at the top of a file, put a blank line after instead.
  const text = hasInclude ? lines.slice(1).join(eol) + eol : lines.slice(1).join(eol) + eol + eol;
  return [{ range: [at, at], text: hasInclude ? eol + text : text }];
}
