/**
 * Recognises an edit that only changes the inside of one comment (typing prose in a comment, the
 * commonest keystroke after code): such an edit cannot change a finding, only move the offsets
 * after it. The language server then shifts its last results instead of linting again
 * (shift-outcome.ts). Conservative: anything that could end, start or join a comment, touch a line
 * continuation, sit in a preprocessor line or form an inline directive is left to a full lint.
 */
import type { Node } from 'web-tree-sitter';
import { ancestors } from '../syntax/ancestors.js';
import { differingRegion, type TextShift } from '../text/text-shift.js';

/** Characters that could start, end or continue a comment, or end a line. */
const DELIMITERS = /[*/\\\r\n]/;
const DIRECTIVE_MARK = /coinstaller-lint/i;
const PREPROCESSOR_LINE = new Set(['preproc_def', 'preproc_function_def', 'preproc_call', 'preproc_include', 'preproc_arg']);

/**
 * The shift from `oldText` to `newText` when the only difference lies strictly inside one comment
 * of `newRoot` (the tree of `newText`) and could not have changed what the comment is; else null.
 */
export function commentOnlyEdit(oldText: string, newText: string, newRoot: Node): TextShift | null {
  const shift = differingRegion(oldText, newText);
  const { at, oldEnd, delta } = shift;
  const newEnd = oldEnd + delta;
  if (oldEnd === at && newEnd === at) return shift; // same text
  if (at < 2) return null;
  if (DELIMITERS.test(oldText.slice(at, oldEnd)) || DELIMITERS.test(newText.slice(at, newEnd))) return null;
  // nor may its ends split or join one (`*` + `/`, `/` + `/`, a backslash + a line break, CR + LF)
  const joins = (text: string, before: number, after: number) => DELIMITERS.test(text[before] ?? '') && DELIMITERS.test(text[after] ?? '');
  if (joins(oldText, at - 1, oldEnd) || joins(newText, at - 1, newEnd)) return null;

  const comment = newRoot.descendantForIndex(at - 1, Math.max(at - 1, newEnd - 1));
  if (!comment || comment.type !== 'comment') return null;
  const start = comment.startIndex;
  const end = comment.endIndex;
  const block = newText.startsWith('/*', start);
  if (!block && !newText.startsWith('//', start)) return null;
  if (at < start + 2 || newEnd > (block ? end - 2 : end)) return null;
  if (ancestors(comment).some((n) => PREPROCESSOR_LINE.has(n.type))) return null;
  // an inline directive (`coinstaller-lint-disable ...`) changes what is reported
  if (DIRECTIVE_MARK.test(newText.slice(start, end)) || DIRECTIVE_MARK.test(oldText.slice(start, end - delta))) return null;
  return shift;
}
