/**
 * The layout of the file that a fix's inserted lines follow: the line length the file keeps to,
 * whether its control statements put `{` on a line of their own, and the indentation step of a
 * function. (The line end is SourceCode.eol.) The file-wide answers are read once per tree.
 */
import type { Node } from 'web-tree-sitter';
import { type SourceCode, statementsOf } from '../../engine/index.js';
import { perTree } from './per-tree-memo.js';

/** The columns a tab counts for when a line's length is measured. */
const TAB_WIDTH = 4;

/** The width of a line as an editor shows it (tabs to the next multiple of TAB_WIDTH). */
export function lineWidth(line: string): number {
  if (!line.includes('\t')) return line.length;
  let width = 0;
  for (const ch of line) width = ch === '\t' ? width + TAB_WIDTH - (width % TAB_WIDTH) : width + 1;
  return width;
}

/**
 * The longest line a fix may write: 80 in a file whose lines all fit in 80 columns (its own
 * style), else 100, the limit where the file shows none.
 */
export function lineLimit(sourceCode: SourceCode): number {
  const compute = () => {
    const { lineIndex } = sourceCode;
    for (let line = 0; line < lineIndex.lineCount; line++) {
      if (lineWidth(lineIndex.lineText(line)) > 80) return 100;
    }
    return 80;
  };
  const root = sourceCode.ast;
  return root ? perTree(root.tree, 'line-limit', compute) : compute();
}

/**
 * True when the file's `if`/`for`/`while`/`switch` statements put their `{` on the next line
 * (Allman style): more of them do than put it on the statement's own line.
 */
export function bracesOnOwnLine(sourceCode: SourceCode): boolean {
  const compute = () => {
    const text = sourceCode.text;
    const sameLine = text.match(/^[ \t]*(?:\}[ \t]*)?(?:if|for|while|switch|else)\b[^\r\n]*\{[ \t]*(?:\/\/[^\r\n]*|\/\*[^\r\n]*\*\/[ \t]*)?$/gm)?.length ?? 0;
    const ownLine = text.match(/^[ \t]*(?:if|for|while|switch|else)\b[^\r\n{;]*(?:\r\n|\r|\n)[ \t]*\{[ \t]*$/gm)?.length ?? 0;
    return ownLine > sameLine;
  };
  const root = sourceCode.ast;
  return root ? perTree(root.tree, 'braces-own-line', compute) : compute();
}

/**
 * The indentation step of a function: its body's first statement against the function itself
 * (a tab, two or four spaces, ...); four spaces when that tells nothing.
 */
export function indentStep(sourceCode: SourceCode, fn: Node): string {
  const body = fn.childForFieldName('body');
  const first = body ? statementsOf(body)[0] : undefined;
  if (first) {
    const outer = sourceCode.indentationAt(fn.startIndex);
    const inner = sourceCode.indentationAt(first.startIndex);
    if (inner.startsWith(outer) && inner.length > outer.length) return inner.slice(outer.length);
  }
  return '    ';
}

/**
 * Replaces `range` (within one line) with `text`, keeping a comment that follows it on the line at
 * its column: `return ERROR_DI_DO_DEFAULT;` then padding then a comment becomes `return NO_ERROR;`
 * with the padding (two spaces or more, no tab) grown by the length change, one space at least.
 */
export function replaceKeepingComment(sourceCode: SourceCode, range: readonly [number, number], text: string): { range: [number, number]; text: string }[] {
  const edit = { range: [range[0], range[1]] as [number, number], text };
  const idx = sourceCode.lineIndex;
  const line = idx.lineOf(range[0]);
  if (idx.lineOf(range[1]) !== line || /[\r\n]/.test(text)) return [edit];
  const rest = sourceCode.text.slice(range[1], idx.contentEnd(line));
  const m = /^([;,)\]]*)( {2,})(\/\*|\/\/)/.exec(rest);
  if (!m) return [edit];
  const pad = Math.max(1, m[2].length - (text.length - (range[1] - range[0])));
  const at = range[1] + m[1].length;
  return [edit, { range: [at, at + m[2].length], text: ' '.repeat(pad) }];
}
