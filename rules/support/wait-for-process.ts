/**
 * The edits that make an installer wait for a process it started (guideline 4: the user must not
 * continue, nor the installer return, before the process has exited): insert
 * `WaitForSingleObject(<handle>, INFINITE);` where the start succeeded, the CloseHandle calls the
 * function lacks, and for ShellExecuteEx the SEE_MASK_NOCLOSEPROCESS flag without which it gives
 * no handle (added to the flags already set, never overwriting them). Only a few shapes are
 * rewritten; anything else is left for a person (null). Inserted lines follow the file's
 * indentation, brace placement and line ends (rules/support/code-style.ts).
 */
import type { Node } from 'web-tree-sitter';
import { ancestors, type Fix, JUMP_STATEMENTS, type SourceCode, statementsOf, WAIT_APIS } from '../../engine/index.js';
import { bracesOnOwnLine, indentStep, lineLimit, lineWidth } from './code-style.js';
import { wrapLine } from './line-wrap.js';
import { reindent } from './scaffold-text.js';

export interface WaitRequest {
  sourceCode: SourceCode;
  /** The CreateProcess* / ShellExecuteEx* call. */
  call: Node;
  /** The function holding the call. */
  fn: Node;
  /** The structure the call fills, as written: `pi` for `&pi`, `ppi` for a pointer (then `->`). */
  struct: { text: string; pointer: boolean };
  /** Handles to close when the function does not already: hProcess, and hThread for CreateProcess. */
  handles: readonly string[];
  /** For ShellExecuteEx without SEE_MASK_NOCLOSEPROCESS: the `fMask` assignment to extend. */
  maskValue?: Node;
  /** Or the statement before which to add the flag (`sei.fMask |= SEE_MASK_NOCLOSEPROCESS;`). */
  maskBefore?: Node;
  /** Only the flag: the process is already waited on. */
  maskOnly?: boolean;
}


export function member(struct: WaitRequest['struct'], field: string): string {
  return struct.pointer ? `${struct.text}->${field}` : `${struct.text}.${field}`;
}

export function waitForProcessFix(req: WaitRequest): Fix[] | null {
  const { sourceCode, call, fn, struct } = req;
  const eol = sourceCode.eol;
  const hProcess = member(struct, 'hProcess');
  const wait = `WaitForSingleObject(${hProcess}, INFINITE);`;
  const fnText = sourceCode.getText(fn);
  const compact = fnText.replace(/\s+/g, '');
  const toClose = req.handles.map((h) => member(struct, h)).filter((h) => !compact.includes(`CloseHandle(${h})`));
  const closes = toClose.map((h) => `CloseHandle(${h});`);
  const edits: Fix[] = [];
  if (req.maskValue) edits.push(maskEdit(sourceCode, req.maskValue));
  if (req.maskBefore) {
    const at = sourceCode.lineIndex.lineStartOf(req.maskBefore.startIndex);
    if (!/^[ \t]*$/.test(sourceCode.text.slice(at, req.maskBefore.startIndex))) return null;
    const indent = sourceCode.indentationAt(req.maskBefore.startIndex);
    edits.push(insertLines(sourceCode, at, [`${indent}${member(struct, 'fMask')} |= SEE_MASK_NOCLOSEPROCESS;`]));
  }
  if (req.maskOnly) {
    // with the flag the process handle is the caller's to close: after the function's own wait on it
    const waitStatement = toClose.length > 0 ? ownWait(fn, hProcess) : null;
    if (waitStatement && endsItsLine(sourceCode, waitStatement.endIndex)) {
      const indent = sourceCode.indentationAt(waitStatement.startIndex);
      edits.push(insertLines(sourceCode, sourceCode.lineIndex.nextLineStart(waitStatement.endIndex), closes.map((c) => indent + c)));
    }
    return edits.length > 0 ? edits : null;
  }

  const statement = call.parent?.type === 'expression_statement' ? call.parent : null;
  const cond = conditionOf(call);
  const unit = indentStep(sourceCode, fn);
  if (cond && !cond.negated) {
    // if (CreateProcessW(...)) { <wait> ... <closes> }
    const block = cond.ifStatement.childForFieldName('consequence');
    if (block?.type !== 'compound_statement' || !braceOnOwnLines(sourceCode, block)) return null;
    const inner = statementsOf(block);
    const indent = inner[0] ? sourceCode.indentationAt(inner[0].startIndex) : sourceCode.indentationAt(block.startIndex) + unit;
    edits.push(insertLines(sourceCode, sourceCode.lineIndex.nextLineStart(block.startIndex), [indent + wait]));
    if (closes.length > 0) {
      const last = inner.at(-1);
      const beforeJump = last !== undefined && JUMP_STATEMENTS.has(last.type);
      const at = beforeJump ? sourceCode.lineIndex.lineStartOf(last.startIndex) : sourceCode.lineIndex.lineStartOf(block.endIndex - 1);
      if (beforeJump && !/^[ \t]*$/.test(sourceCode.text.slice(at, last.startIndex))) return null;
      edits.push(insertLines(sourceCode, at, closes.map((c) => indent + c)));
    }
    return edits;
  }
  if (cond && cond.negated) {
    // if (!CreateProcessW(...)) { return ...; }  <wait>  ...  <closes>
    const ifStatement = cond.ifStatement;
    const block = ifStatement.parent;
    if (!block || (block.type !== 'compound_statement' && block.type !== 'case_statement') || ifStatement.childForFieldName('alternative')) {
      return null;
    }
    if (!endsInJump(ifStatement.childForFieldName('consequence'))) return null;
    const indent = sourceCode.indentationAt(ifStatement.startIndex);
    if (!endsItsLine(sourceCode, ifStatement.endIndex)) return null;
    const siblings = statementsOf(block);
    const after = siblings.slice(siblings.findIndex((s) => s.id === ifStatement.id) + 1);
    const mentions = after.filter((s) => new RegExp(`\\b${escape(struct.text)}\\b`).test(s.text));
    const lastUse = mentions.at(-1);
    const waitAt = sourceCode.lineIndex.nextLineStart(ifStatement.endIndex);
    if (closes.length === 0 || !lastUse) {
      edits.push(insertLines(sourceCode, waitAt, [indent + wait, ...closes.map((c) => indent + c)]));
      return edits;
    }
    if (JUMP_STATEMENTS.has(lastUse.type) || !endsItsLine(sourceCode, lastUse.endIndex)) return null;
    edits.push(insertLines(sourceCode, waitAt, [indent + wait]));
    edits.push(insertLines(sourceCode, sourceCode.lineIndex.nextLineStart(lastUse.endIndex), closes.map((c) => indent + c)));
    return edits;
  }
  if (statement && (statement.parent?.type === 'compound_statement' || statement.parent?.type === 'case_statement')) {
    // CreateProcessW(...);  ->  if (CreateProcessW(...)) { <wait> <closes> }
    const rest = fnText.slice(statement.endIndex - fn.startIndex);
    if (new RegExp(`\\b${escape(struct.text)}\\b`).test(rest)) return null;
    const indent = sourceCode.indentationAt(statement.startIndex);
    // the call's later lines move right by the width of `if (` (a tab where the file indents with tabs)
    const callText = reindent(sourceCode.getText(call), indent, indent + (unit.includes('\t') ? unit : '    '));
    const header = bracesOnOwnLine(sourceCode) ? `if (${callText})` : `if (${callText}) {`;
    // a first line the `if (` made too long is broken after an argument of the call
    const [first, ...more] = header.split(/\r\n|\r|\n/);
    const limit = lineLimit(sourceCode);
    const wrapped = wrapLine(indent + first, limit, [calleeText(call)]);
    // the broken-off end joins the call's next line when both fit on one
    if (wrapped.length > 1 && more.length > 0 && lineWidth(`${wrapped.at(-1)!} ${more[0].trimStart()}`) <= limit) {
      wrapped.push(`${wrapped.pop()!} ${more.shift()!.trimStart()}`);
    }
    const open = [wrapped[0].slice(indent.length), ...wrapped.slice(1), ...more, ...(bracesOnOwnLine(sourceCode) ? [`${indent}{`] : [])];
    const lines = [...open, `${indent}${unit}${wait}`, ...closes.map((c) => `${indent}${unit}${c}`), `${indent}}`];
    edits.push({ range: [statement.startIndex, statement.endIndex], text: lines.join(eol) });
    return edits;
  }
  return null;
}

/** A statement of the function that is a wait call on `handle` (`WaitForSingleObject(sei.hProcess, ...);`), standing on its own line. */
function ownWait(fn: Node, handle: string): Node | null {
  const compactHandle = handle.replace(/\s+/g, '');
  for (const s of fn.descendantsOfType('expression_statement')) {
    const call = s?.namedChild(0);
    if (!s || call?.type !== 'call_expression') continue;
    const name = call.childForFieldName('function')?.text ?? '';
    const first = call.childForFieldName('arguments')?.namedChild(0)?.text.replace(/\s+/g, '');
    if (WAIT_APIS.has(name) && first === compactHandle) return s;
  }
  return null;
}

/** The `if` whose whole condition is the call (`if (call)`) or its negation (`if (!call)`). */
function conditionOf(call: Node): { ifStatement: Node; negated: boolean } | null {
  let negated = false;
  // the ancestors in one walk down (engine/syntax/ancestors.ts), not a chain of Node.parent
  const up = ancestors(call);
  for (let k = 0; k < up.length; k++) {
    const p = up[k];
    const n = k > 0 ? up[k - 1] : call;
    if (p.type === 'parenthesized_expression') continue;
    if (p.type === 'unary_expression' && p.childForFieldName('operator')?.text === '!' && !negated) {
      negated = true;
      continue;
    }
    const owner = up.at(k + 1);
    if (p.type === 'condition_clause' && owner?.type === 'if_statement' && p.childForFieldName('value')?.id === n.id) {
      return { ifStatement: owner, negated };
    }
    return null;
  }
  return null;
}

function endsInJump(statement: Node | null): boolean {
  if (!statement) return false;
  if (JUMP_STATEMENTS.has(statement.type)) return true;
  if (statement.type === 'compound_statement') {
    const last = statementsOf(statement).at(-1);
    return last !== undefined && JUMP_STATEMENTS.has(last.type);
  }
  return false;
}

function maskEdit(sourceCode: SourceCode, value: Node): Fix {
  const simple = ['identifier', 'number_literal', 'binary_expression', 'parenthesized_expression', 'call_expression'].includes(value.type);
  const text = sourceCode.getText(value);
  if (value.type === 'number_literal' && /^0+[uUlL]*$/.test(text)) return { range: [value.startIndex, value.endIndex], text: 'SEE_MASK_NOCLOSEPROCESS' };
  const base = simple && !(value.type === 'binary_expression' && /^(&&|\|\||\?)/.test(value.childForFieldName('operator')?.text ?? '')) ? text : `(${text})`;
  return { range: [value.startIndex, value.endIndex], text: `${base} | SEE_MASK_NOCLOSEPROCESS` };
}

function braceOnOwnLines(sourceCode: SourceCode, block: Node): boolean {
  return endsItsLine(sourceCode, block.startIndex + 1) && /^[ \t]*$/.test(sourceCode.text.slice(sourceCode.lineIndex.lineStartOf(block.endIndex - 1), block.endIndex - 1));
}

function endsItsLine(sourceCode: SourceCode, offset: number): boolean {
  const idx = sourceCode.lineIndex;
  const rest = sourceCode.text.slice(offset, idx.contentEnd(idx.lineOf(offset)));
  return /^[ \t]*(\/\/.*|\/\*.*\*\/[ \t]*)?$/.test(rest);
}

function insertLines(sourceCode: SourceCode, at: number, lines: string[]): Fix {
  const eol = sourceCode.eol;
  // At the very end of a file without a final newline, start a new line first.
  const prefix = at === sourceCode.text.length && !/[\r\n]$/.test(sourceCode.text) ? eol : '';
  return { range: [at, at], text: prefix + lines.join(eol) + eol };
}

/** The callee as written (`CreateProcessW`), for the line breaker. */
function calleeText(call: Node): string {
  return call.childForFieldName('function')?.text ?? '';
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
