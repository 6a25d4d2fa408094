/**
 * The finish-install action scaffolding (docs/installer-facts.md#finish-install-actions), shared by the fixes that move
 * user interface or processes out of a non-interactive DIF code:
 *  - on DIF_NEWDEVICEWIZARD_FINISHINSTALL, request the action (DI_FLAGSEX_FINISHINSTALL_ACTION
 *    through SetupDiGet/SetDeviceInstallParamsW), adding the case or extending the existing one;
 *  - on DIF_FINISHINSTALL_ACTION, run the moved statement (unless it already does), adding the
 *    case or extending it; the moved statement leaves its place through statement-removal.ts;
 *  - #ifndef-guarded definitions of the two Vista-era constants that older headers lack, only
 *    where the module defines neither and the file does not use them yet
 *    (finish-install-constants.ts).
 * It deletes no other line, and writes its lines in the file's line ends, indentation and brace
 * style, wrapped to its line limit (code-style.ts, scaffold-text.ts). Works for entry points that
 * switch on the DIF code and for if / else-if chains. Returns the edits, or null when the entry
 * point's shape is not one it can rewrite safely.
 */
import type { Node } from 'web-tree-sitter';
import { type Fix, holdsJumpOrLabel, isJump, pathFromRoot, type SourceCode, stripParens } from '../../engine/index.js';
import { constantDefinitions } from './finish-install-constants.js';
import { parametersOnce, perTree, spelledOnce, statementsOnce } from './per-tree-memo.js';
import { bracesOnOwnLine, lineLimit } from './code-style.js';
import { commentLines, openBlock, reindent, sameCode, withoutComments, wrapCode } from './scaffold-text.js';
import { removeMovedStatement } from './statement-removal.js';

export interface ScaffoldRequest {
  sourceCode: SourceCode;
  /** The installer entry point (a function_definition with the DIF parameter first). */
  entryPoint: Node;
  kind: 'coinstaller' | 'class-installer';
  /**
   * The statement of the entry point to move into the DIF_FINISHINSTALL_ACTION handler, with the
   * comment lines directly above it (statement-removal.ts); none to only request the action.
   */
  move?: Node;
  /**
   * Instead of `move`: the text of a statement taken from elsewhere (a helper, another file),
   * written at `indent` there; the caller removes it. Not added when the action already runs it.
   */
  moveText?: { text: string; indent: string };
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
  /** Its statements' texts, to see whether it already runs the moved one. */
  statements: string[];
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
  const params = parametersOnce(entryPoint);
  if (params.length < 3 || params.slice(0, 3).some((p) => !p.name)) return null;
  const [dif, set, data] = params.map((p) => p.name!);
  if (req.move && !movable(req.move)) return null;
  // the same for every finding under this entry point: made once per tree
  const shape = perTree(entryPoint.tree, `shape:${entryPoint.id}:${dif}:${req.kind}`, () => switchShape(sourceCode, entryPoint, dif, req.kind) ?? ifChainShape(sourceCode, entryPoint, dif, req.kind));
  if (!shape) return null;
  const removal = req.move ? removeMovedStatement(sourceCode, req.move) : null;
  if (req.move && !removal) return null;
  const moved = removal ?? req.moveText;

  const eol = sourceCode.eol;
  const unit = indentUnit(sourceCode, entryPoint);
  const limit = lineLimit(sourceCode);
  const allman = bracesOnOwnLine(sourceCode);
  const opening = (head: string, indent: string) => (allman ? [...wrapCode(head, limit), `${indent}{`] : wrapCode(`${head} {`, limit));
  const edits: Fix[] = [];
  const requestLines = (indent: string) => [
    ...commentLines(indent, 'Ask Windows for a finish-install action; set it here, and only when one is needed.', limit),
    `${indent}SP_DEVINSTALL_PARAMS_W params;`,
    `${indent}params.cbSize = sizeof(params);`,
    ...opening(`${indent}if (SetupDiGetDeviceInstallParamsW(${set}, ${data}, &params))`, indent),
    `${indent}${unit}params.FlagsEx |= ${FLAG};`,
    ...wrapCode(`${indent}${unit}SetupDiSetDeviceInstallParamsW(${set}, ${data}, &params);`, limit),
    `${indent}}`,
  ];
  const allowed = req.allowedNote ?? 'UI is allowed here.';
  const done = req.kind === 'coinstaller' ? 'A co-installer returns NO_ERROR when done.' : 'A class installer returns ERROR_DI_DO_DEFAULT when done.';
  const actionComment = (indent: string) => commentLines(indent, `Interactive context: ${allowed} ${done}`, limit);

  const parts: { finish?: string[]; action?: string[] } = {};
  if (!shape.finish) {
    parts.finish = requestLines(shape.indent + unit);
  } else if (!requestsAction(shape.finish.text, sourceCode)) {
    const i = shape.finish.indent;
    const block = [`${i}{`, ...requestLines(i + unit), `${i}}`];
    edits.push({ range: [shape.finish.insertAt, shape.finish.insertAt], text: block.join(eol) + eol });
  }
  if (moved) {
    if (shape.action) {
      // the action already does it (examples/contoso-coinstaller/coinstaller.c): no second call
      if (!shape.action.statements.some((s) => sameCode(s, moved.text))) {
        const text = reindent(moved.text, moved.indent, shape.action.indent);
        edits.push({ range: [shape.action.insertAt, shape.action.insertAt], text: `${shape.action.indent}${text}${eol}` });
      }
    } else {
      const indent = shape.indent + unit;
      parts.action = [...actionComment(indent), `${indent}${reindent(moved.text, moved.indent, indent)}`];
    }
  } else if (req.actionNote !== undefined && !shape.action) {
    parts.action = commentLines(shape.indent + unit, req.actionNote, limit);
  }
  if (parts.finish || parts.action) {
    edits.push({ range: [shape.newBranchAt, shape.newBranchAt], text: shape.prefix + shape.newBranches(parts) });
  }
  if (removal) edits.push(...removal.edits);
  // Guards only for a constant the new text uses and the file does not use yet: a file that
  // already compiles with `case DIF_FINISHINSTALL_ACTION:` gets its definition from somewhere.
  const added = edits.map((e) => e.text).join('');
  const root = sourceCode.ast;
  const needed = (name: string) => added.includes(name) && (!root || spelledOnce(root, sourceCode.text, name).length === 0);
  edits.push(...constantDefinitions(sourceCode, (name) => !needed(name) || req.isDefined(name)));
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

function requestsAction(branchSource: string, sourceCode: SourceCode): boolean {
  // what the branch does, not what its comments say
  const branchText = withoutComments(branchSource);
  if (branchText.includes(FLAG)) return true;
  // One level of helpers: a function of this file called from the branch that sets the flag
  // (found from the flag's occurrences in the code, not by reading every function; a comment
  // naming the flag sets nothing).
  const root = sourceCode.ast;
  if (!root) return false;
  for (const flag of spelledOnce(root, sourceCode.text, FLAG)) {
    // the top-level node holding it, from one walk down (climbing .parent is quadratic in depth)
    const top = pathFromRoot(flag)[1];
    if (!top || top.type !== 'function_definition') continue;
    const name = top.childForFieldName('declarator')?.childForFieldName('declarator')?.text;
    if (name && new RegExp(`\\b${name}\\s*\\(`).test(branchText)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// switch (InstallFunction) { case ...: }

function switchShape(sourceCode: SourceCode, fn: Node, dif: string, kind: ScaffoldRequest['kind']): Shape | null {
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
  const firstStatement = cases.map((c) => statementsOnce(c)[0]).find((s) => s !== undefined);
  const stmtIndent = firstStatement ? sourceCode.indentationAt(firstStatement.startIndex) : caseIndent + indentUnit(sourceCode, fn);
  const branchOf = (c: Node | undefined): Branch | undefined => {
    if (!c) return undefined;
    const statements = statementsOnce(c);
    const colon = c.childForFieldName('value')?.endIndex ?? c.startIndex;
    const labelEnd = sourceCode.text.indexOf(':', colon) + 1;
    // A case whose statements sit in braces gets its new statements inside them.
    const inner = statements.length === 1 && statements[0].type === 'compound_statement' ? statements[0] : null;
    const first = inner ? statementsOnce(inner)[0] : statements[0];
    const after = inner ? inner.startIndex + 1 : labelEnd;
    const indent = first ? sourceCode.indentationAt(first.startIndex) : stmtIndent;
    // before the first statement, after the comment that opens the case (it describes the case)
    const insertAt = first ? Math.max(sourceCode.lineIndex.nextLineStart(after), sourceCode.lineIndex.lineStartOf(first.startIndex)) : sourceCode.lineIndex.nextLineStart(after);
    return { insertAt, text: c.text, statements: (inner ? statementsOnce(inner) : statements).map((s) => s.text), indent };
  };
  const eol = sourceCode.eol;
  const def = cases.find((c) => label(c) === 'default');
  const before = def ? cases[cases.indexOf(def) - 1] : undefined;
  const defaultReachedByFallThrough = before !== undefined && !isJump(statementsOnce(before).at(-1)) && !endsInJumpBlock(before);
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
    if (statementsOnce(last).length === 0 || (!isJump(statementsOnce(last).at(-1)) && !endsInJumpBlock(last))) {
      prefix = `${stmtIndent}break;${eol}`;
    }
  }
  const unit = indentUnit(sourceCode, fn);
  // A switch that ends the function (every case returns): `break` would run off its end, so the
  // new cases return what the installer returns when done.
  const endsFunction = statementsOnce(body).at(-1)?.id === sw.id;
  const leave = endsFunction ? `return ${kind === 'coinstaller' ? 'NO_ERROR' : 'ERROR_DI_DO_DEFAULT'};` : 'break;';
  return {
    action: branchOf(cases.find((c) => isCode(label(c), ACTION))),
    finish: branchOf(cases.find((c) => isCode(label(c), FINISH))),
    newBranchAt,
    prefix,
    indent: caseIndent,
    newBranches: ({ finish, action }) => {
      let out = '';
      if (finish) out += [...openBlock(`${caseIndent}case ${FINISH}:`, caseIndent, bracesOnOwnLine(sourceCode)), ...finish, `${caseIndent}${unit}${leave}`, `${caseIndent}}`].join(eol) + eol;
      if (action) out += [`${caseIndent}case ${ACTION}:`, ...action, `${stmtIndent}${leave}`].join(eol) + eol;
      return out;
    },
  };
}

function endsInJumpBlock(c: Node): boolean {
  const last = statementsOnce(c).at(-1);
  return last?.type === 'compound_statement' && isJump(statementsOnce(last).at(-1));
}

// ---------------------------------------------------------------------------------------------
// if (InstallFunction == DIF_X) { ... } else if (...) { ... }

function ifChainShape(sourceCode: SourceCode, fn: Node, dif: string, kind: ScaffoldRequest['kind']): Shape | null {
  const body = fn.childForFieldName('body');
  if (!body) return null;
  const first = statementsOnce(body).find((s) => s.type === 'if_statement' && testedCode(s, dif) !== null);
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
    const firstInner = statementsOnce(c)[0];
    const opening = sourceCode.lineIndex.nextLineStart(c.startIndex + 1);
    return {
      insertAt: firstInner ? Math.max(opening, sourceCode.lineIndex.lineStartOf(firstInner.startIndex)) : opening,
      text: c.text,
      statements: statementsOnce(c).map((s) => s.text),
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
      const allman = bracesOnOwnLine(sourceCode);
      if (f) out += [...openBlock(`${indent}if (${dif} == ${FINISH})`, indent, allman), ...f, `${indent}${unit}return ${done};`, `${indent}}`].join(eol) + eol;
      if (a) out += [...openBlock(`${indent}if (${dif} == ${ACTION})`, indent, allman), ...a, `${indent}${unit}return ${done};`, `${indent}}`].join(eol) + eol;
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
  const first = body ? statementsOnce(body)[0] : undefined;
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
  if (/^[ \t]*$/.test(before) && /^[ \t]*(\/\*[^\r\n]*?\*\/[ \t]*|\/\/.*)?$/.test(after)) {
    return { range: [lineStart, idx.nextLineStart(contentEnd)], text: '' };
  }
  return { range: [statement.startIndex, statement.endIndex], text: '' };
}
