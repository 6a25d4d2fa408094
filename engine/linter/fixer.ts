/**
 * The fixer handed to a rule's `fix` and `suggest[].fix` functions, and the merge of a rule's
 * several edits into one fix (text between them copied), as ESLint does. Edits in other files of
 * the module (RuleEdit.filePath) become the fix's `otherFiles`, checked against those files' texts.
 */
import type { Node } from 'web-tree-sitter';
import { rangeOf } from './source-code.js';
import type { FileEdits, Fix, OffsetRange, RuleEdit, RuleFixer } from './types.js';

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

/** The files a fix may edit besides the reported one (RuleServices.files). */
export interface FixFiles {
  /** The reported file: an edit with this `filePath` is one of its own. */
  filePath: string;
  /** Another file's text as the lint read it; undefined for a file outside the module. */
  textOf(filePath: string): string | undefined;
}

type FixResult = RuleEdit | RuleEdit[] | Iterable<RuleEdit> | null | undefined;

/**
 * Turns what a fix function returned into one Fix. Several edits of the reported file become one
 * edit that spans them all (and are kept, in `edits`); edits with another file's `filePath` become
 * `otherFiles` (sorted by path), their ranges checked against that file's text from `files`. An
 * edit in a file that is not in the module, an invalid range or overlapping edits within one file
 * are a bug in the rule and raise an error. A fix that edits only other files has the empty own
 * edit ([0, 0], '').
 */
export function mergeFixes(result: FixResult, text: string, files?: FixFiles): Fix | null {
  if (!result) return null;
  const all = isIterable(result) ? [...(result as Iterable<RuleEdit>)] : [result as RuleEdit];
  const own: Fix[] = [];
  const others = new Map<string, Fix[]>();
  for (const edit of all) {
    const path = edit.filePath;
    if (path === undefined || path === files?.filePath) {
      own.push(validFix(edit, text));
      continue;
    }
    const other = files?.textOf(path);
    if (other === undefined) throw new Error(`a fix edits ${path}, which is not a file of the module`);
    const list = others.get(path) ?? [];
    list.push(validFix(edit, other, path));
    others.set(path, list);
  }
  if (own.length === 0 && others.size === 0) return null;
  const fix: Fix = own.length === 0 ? { range: [0, 0], text: '' } : mergeOwn(own, text);
  if (others.size > 0) {
    const otherFiles: FileEdits[] = [...others.keys()].sort().map((filePath) => ({ filePath, edits: sortedEdits(others.get(filePath)!) }));
    fix.otherFiles = otherFiles;
  }
  return fix;
}

/** One file's edits merged into one: the span of them all, the text between them copied. */
export function mergeEdits(edits: readonly Fix[], text: string): { range: OffsetRange; text: string } {
  const sorted = sortedEdits(edits);
  const start = sorted[0].range[0];
  let end = start;
  let out = '';
  for (const e of sorted) {
    out += text.slice(end, e.range[0]) + e.text;
    end = e.range[1];
  }
  return { range: [start, Math.max(end, start)], text: out };
}

function mergeOwn(fixes: Fix[], text: string): Fix {
  if (fixes.length === 1) return fixes[0];
  const edits = sortedEdits(fixes);
  return { ...mergeEdits(edits, text), edits };
}

/** Sorted by position (stable: insertions at one offset keep the rule's order); overlapping edits throw. */
function sortedEdits(edits: readonly Fix[]): Fix[] {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let end = -1;
  for (const e of sorted) {
    if (e.range[0] < end) throw new Error('a fix contains overlapping edits');
    end = e.range[1];
  }
  return sorted;
}

function isIterable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Symbol.iterator in value;
}

function validFix(fix: Fix, text: string, filePath?: string): Fix {
  const [start, end] = fix.range;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) {
    const where = filePath === undefined ? '' : ` in ${filePath}`;
    throw new Error(`a fix has an invalid range [${start}, ${end}]${where} for a text of ${text.length} characters`);
  }
  return { range: [start, end], text: fix.text };
}
