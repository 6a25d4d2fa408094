/**
 * The edit that turns one text into another, as tree-sitter wants it before an incremental
 * re-parse. Computed from the two texts the parser actually saw (after macro blanking), as their
 * common prefix and suffix, so that a change that alters blanking next to it (typing "X" after
 * "IN" turns a blanked macro back into an identifier) is covered too. Pure.
 */
import type { Point } from 'web-tree-sitter';
import { commonPrefixLength, commonSuffixLength } from '../text/text-shift.js';

export interface TextEditSpan {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: Point;
  oldEndPosition: Point;
  newEndPosition: Point;
}

/** The changed span between two texts, or null when they are equal. */
export function editBetween(oldText: string, newText: string): TextEditSpan | null {
  if (oldText === newText) return null;
  let start = commonPrefixLength(oldText, newText);
  // Never split a surrogate pair or a CRLF.
  if (start > 0 && isLowSurrogate(oldText.charCodeAt(start)) ) start--;
  if (start > 0 && oldText.charCodeAt(start - 1) === 13) start--;
  const suffix = commonSuffixLength(oldText, newText, Math.min(oldText.length, newText.length) - start);
  const oldEnd = oldText.length - suffix;
  const newEnd = newText.length - suffix;
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: pointAt(oldText, start),
    oldEndPosition: pointAt(oldText, oldEnd),
    newEndPosition: pointAt(newText, newEnd),
  };
}

/** Tree-sitter's point for an offset: rows counted by "\n", columns in UTF-16 code units. */
export function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
