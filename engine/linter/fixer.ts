/**
 * The fixer handed to a rule's `fix` and `suggest[].fix` functions, and the merge of a rule's
 * several edits into one fix (text between them copied), as ESLint does.
 */
import type { Node } from 'web-tree-sitter';
import { rangeOf } from './source-code.js';
import type { Fix, OffsetRange, RuleFixer } from './types.js';

function insertAt(offset: number, text: string): Fix {
  return { range: [offset, offset], text };
}

export const ruleFixer: RuleFixer = Object.freeze({
  insertTextBefore: (nodeOrRange: Node | OffsetRange, text: string) => insertAt(rangeOf(nodeOrRange)[0], text),
  insertTextAfter: (nodeOrRange: Node | OffsetRange, text: string) => insertAt(rangeOf(nodeOrRange)[1], text),
  insertTextBeforeRange: (range: OffsetRange, text: string) => insertAt(range[0], text),
  insertTextAfterRange: (range: OffsetRange, text: string) => insertAt(range[1], text),
  replaceText: (nodeOrRange: Node | OffsetRange, text: string) => ({ range: rangeOf(nodeOrRange), text }),
  replaceTextRange: (range: OffsetRange, text: string) => ({ range, text }),
  remove: (nodeOrRange: Node | OffsetRange) => ({ range: rangeOf(nodeOrRange), text: '' }),
  removeRange: (range: OffsetRange) => ({ range, text: '' }),
});

/**
 * Turns what a fix function returned into one Fix. Several edits become one edit that spans
 * them all (and are kept, in `edits`); overlapping edits within one fix are a bug in the rule and
 * raise an error.
 */
export function mergeFixes(result: Fix | Fix[] | Iterable<Fix> | null | undefined, text: string): Fix | null {
  if (!result) return null;
  if (!isIterable(result)) return validFix(result as Fix, text);
  const fixes = [...(result as Iterable<Fix>)].map((f) => validFix(f, text));
  if (fixes.length === 0) return null;
  if (fixes.length === 1) return fixes[0];
  fixes.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const start = fixes[0].range[0];
  let end = start;
  let out = '';
  for (const fix of fixes) {
    if (fix.range[0] < end) throw new Error('a fix contains overlapping edits');
    out += text.slice(end, fix.range[0]) + fix.text;
    end = fix.range[1];
  }
  return { range: [start, Math.max(end, start)], text: out, edits: fixes };
}

function isIterable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Symbol.iterator in value;
}

function validFix(fix: Fix, text: string): Fix {
  const [start, end] = fix.range;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) {
    throw new Error(`a fix has an invalid range [${start}, ${end}] for a text of ${text.length} characters`);
  }
  return { range: [start, end], text: fix.text };
}
