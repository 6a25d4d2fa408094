/**
 * Taking a statement out of its place for the finish-install move (move-to-action.ts), the way a
 * reviewer would: the comment lines directly above it go with it (they describe it), a trailing
 * comment on its line goes (it describes the old place), and no empty `case` or `if` is left
 * (the comments inside a case or branch that goes, the statement's too, go with it: they
 * described that place, "Runs in the non-interactive service" under DIF_INSTALLDEVICE):
 *  - a case that only held the statement and its `break` is removed, when nothing else reaches
 *    that code differently (the switch's default only breaks, or there is none; no case falls
 *    into it);
 *  - an `if (dif == DIF_X)` branch that only held it is removed from its if / else-if chain.
 * Returns null when the statement cannot leave without an empty block or a changed meaning.
 */
import type { Node } from 'web-tree-sitter';
import { CASE_EXITS, type Fix, isJump, type SourceCode } from '../../engine/index.js';
import { statementsOnce } from './per-tree-memo.js';

export interface Removal {
  edits: Fix[];
  /** The statement with the comment lines directly above it, as written (its first line unindented). */
  text: string;
  /** The indentation of the statement's first line. */
  indent: string;
}

export function removeMovedStatement(sourceCode: SourceCode, statement: Node): Removal | null {
  const idx = sourceCode.lineIndex;
  const first = leadingComments(sourceCode, statement)[0] ?? statement;
  const text = sourceCode.text.slice(first.startIndex, statement.endIndex);
  const indent = sourceCode.indentationAt(first.startIndex);
  const holder = statement.parent;
  if (!holder) return null;

  // a case that held only the statement (and its break), in braces or not
  const caseNode = holder.type === 'case_statement' ? holder : holder.type === 'compound_statement' && holder.parent?.type === 'case_statement' ? holder.parent : null;
  if (caseNode) {
    const inner = holder.type === 'compound_statement' ? holder : null;
    if (inner && statementsOnce(caseNode).length !== 1) return lines();
    // the others, when there are at most two (a case of thousands of statements is not filtered for each one moved)
    const all = statementsOnce(inner ?? caseNode);
    const rest = all.length <= 2 ? all.filter((s) => s.id !== statement.id) : all;
    if (rest.length <= 1 && (rest.length === 0 || rest[0].type === 'break_statement') && caseRemovable(caseNode)) {
      return { edits: [wholeLines(sourceCode, caseNode.startIndex, caseNode.endIndex)], ...alone() };
    }
    return lines();
  }
  if (holder.type === 'compound_statement' && statementsOnce(holder).length === 1) {
    const owner = holder.parent;
    if (owner?.type === 'if_statement' && owner.childForFieldName('consequence')?.id === holder.id) {
      const edit = removeIfBranch(sourceCode, owner);
      return edit ? { edits: [edit], ...alone() } : null;
    }
    // an empty loop body would change what the loop does; an empty function body is fine
    if (owner?.type !== 'function_definition') return null;
  }
  return lines();

  /** The statement without the comments above it. */
  function alone(): { text: string; indent: string } {
    return { text: sourceCode.getText(statement), indent: sourceCode.indentationAt(statement.startIndex) };
  }

  function lines(): Removal {
    const lineStart = idx.lineStartOf(first.startIndex);
    const before = sourceCode.text.slice(lineStart, first.startIndex);
    const contentEnd = idx.contentEnd(idx.lineOf(statement.endIndex));
    const after = sourceCode.text.slice(statement.endIndex, contentEnd);
    if (/^[ \t]*$/.test(before) && /^[ \t]*(\/\*[^\r\n]*?\*\/[ \t]*|\/\/.*)?$/.test(after)) {
      return { edits: [{ range: [lineStart, idx.nextLineStart(contentEnd)], text: '' }], text, indent };
    }
    // a statement sharing its line: it goes with the spaces after it (`{ f(); return 0; }` becomes `{ return 0; }`)
    const spaces = /^[ \t]*/.exec(sourceCode.text.slice(statement.endIndex, contentEnd))![0].length;
    return { edits: [{ range: [statement.startIndex, statement.endIndex + spaces], text: '' }], text, indent };
  }
}

/** The comments on the lines directly above a statement (no blank line between), first one first. */
export function leadingComments(sourceCode: SourceCode, statement: Node): Node[] {
  const idx = sourceCode.lineIndex;
  const out: Node[] = [];
  let below = statement;
  for (let c = statement.previousSibling; c && c.type === 'comment'; c = c.previousSibling) {
    const line = idx.lineOf(c.endIndex);
    if (line !== idx.lineOf(below.startIndex) - 1) break;
    if (!/^[ \t]*$/.test(sourceCode.text.slice(idx.lineStartOf(c.startIndex), c.startIndex))) break;
    out.unshift(c);
    below = c;
  }
  return out;
}

/**
 * The case can go without changing what runs: no other label falls into it, and the switch's
 * default (where its code goes once the label is gone) does what the case did: only break.
 */
function caseRemovable(c: Node): boolean {
  const block = c.parent;
  if (!block) return false;
  const cases = block.namedChildren.filter((n): n is Node => n !== null && n.type === 'case_statement');
  const at = cases.findIndex((n) => n.id === c.id);
  if (c.childForFieldName('value') === null) return false; // the default itself
  const previous = at > 0 ? cases[at - 1] : undefined;
  if (previous) {
    const last = statementsOnce(previous).at(-1);
    const lastInner = last?.type === 'compound_statement' ? statementsOnce(last).at(-1) : undefined;
    if (!isJump(last) && !isJump(lastInner)) return false;
  }
  const def = cases.find((n) => n.childForFieldName('value') === null);
  if (!def) return true;
  const body = statementsOnce(def);
  return body.length === 1 && CASE_EXITS.has(body[0].type) && body[0].type === 'break_statement';
}

/**
 * Removes the branch of an if / else-if chain whose block held only the moved statement, when its
 * condition has no side effects (a comparison of names): `if (A) {x} else if (B) {...}` becomes
 * `if (B) {...}`; `... else if (A) {x}` at the end of a chain goes with its `else`.
 */
function removeIfBranch(sourceCode: SourceCode, s: Node): Fix | null {
  const cond = s.childForFieldName('condition');
  if (!cond || cond.descendantsOfType(['call_expression', 'assignment_expression', 'update_expression']).length > 0) return null;
  const alternative = s.childForFieldName('alternative');
  const next = alternative?.namedChildren.find((n) => n !== null && n.type !== 'comment') ?? null;
  if (alternative && next) return { range: [s.startIndex, next.startIndex], text: '' };
  if (alternative) return null;
  const elseClause = s.parent?.type === 'else_clause' ? s.parent : null;
  if (elseClause) {
    // `} else if (A) {x}`: from the end of what came before the else
    let start = elseClause.startIndex;
    while (start > 0 && /[ \t\r\n]/.test(sourceCode.text[start - 1])) start--;
    return { range: [start, s.endIndex], text: '' };
  }
  return wholeLines(sourceCode, s.startIndex, s.endIndex);
}

/**
 * Removes the lines from `start` to `end` (they hold nothing else), and a blank line after them
 * when one is also before them, or a `{` ends the line before (no double blank line, no blank
 * line opening a block).
 */
function wholeLines(sourceCode: SourceCode, start: number, end: number): Fix {
  const idx = sourceCode.lineIndex;
  const from = idx.lineStartOf(start);
  let to = idx.nextLineStart(idx.contentEnd(idx.lineOf(end)));
  const blank = (line: number) => line >= 0 && line < idx.lineCount && idx.lineText(line).trim() === '';
  const firstLine = idx.lineOf(from);
  const nextLine = idx.lineOf(to);
  const opens = (line: number) => line >= 0 && idx.lineText(line).trimEnd().endsWith('{');
  if (to < sourceCode.text.length && blank(nextLine) && (blank(firstLine - 1) || opens(firstLine - 1))) to = idx.nextLineStart(idx.contentEnd(nextLine));
  return { range: [from, to], text: '' };
}
