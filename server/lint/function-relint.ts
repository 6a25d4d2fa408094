/**
 * A keystroke inside the body of one function at file scope, relinted inside that function only
 * (the commonest keystroke in code). When the file's other top-level children were parsed alike
 * (same outline, same blanked text outside the function) and the function's part of the summary
 * keeps its shape (summary-splice.ts), the module's model answers as before everywhere else: the
 * messages outside the function stay what they were, moved by the edit's length. Then:
 * - the function, and every other child of the root holding a message with a fix or suggestions
 *   or with a place inside the function, are walked again by the rules that listen to nodes;
 * - the rules that listen to Program only run on the whole file as usual;
 * - every other message is kept, moved past the function.
 * Anything else (a directive in the file, an edit between functions, a new call or guard, a place
 * in another file that points into the function, a failing rule) is left to a full lint. The
 * module's model is rebuilt (from the spliced summary), so hovers and entry points are current.
 */
import type { ModuleFileInput } from '../../rules/engine/linter.js';
import type { LintMessage, OffsetRange, SharedSettings } from '../../rules/engine/types.js';
import type { SummaryCache } from '../../rules/model/summary-cache.js';
import { wasmBindingOf } from '../../rules/model/summarize-cursor.js';
import { moduleNames } from '../../rules/model/summary-splice.js';
import type { FileSummary } from '../../rules/model/summary-types.js';
import { topLevelOutline } from '../../rules/model/top-level-outline.js';
import { languageOfPath, wasmModuleObject } from '../../rules/parsing/cpp-parser.js';
import type { OpenDocuments } from '../documents/open-documents.js';
import type { LineIndex } from '../../rules/source/line-index.js';
import type { TextShift } from '../../rules/source/text-shift.js';
import type { Outline } from '../../rules/model/top-level-outline.js';
import { shiftMessages } from './shift-outcome.js';

export interface FunctionRelintPlan {
  /** The function's range in the old text. */
  oldRange: OffsetRange;
  delta: number;
  /** Children of the root to walk again, as ranges of the new text. */
  ranges: OffsetRange[];
  /** The old messages of the file outside those children (rules listening to nodes keep them). */
  outside: LintMessage[];
}

/** The old text's whole function as the edited region: a range touching it cannot be moved. */
export function functionShift(oldRange: OffsetRange, delta: number): TextShift {
  return { at: oldRange[0], oldEnd: oldRange[1], delta };
}

/**
 * Which children of the root to walk again after the edit of the child `index` (old outline),
 * or undefined when a message cannot be placed in one child.
 */
export function planRelint(
  outline: Outline,
  index: number,
  delta: number,
  messages: readonly LintMessage[],
  filePath: string,
  lines: LineIndex,
  /** The edit is fix-neutral (isFixNeutralEdit): fixes and suggestions elsewhere stay valid. */
  fixNeutral: boolean,
): FunctionRelintPlan | undefined {
  const children = outline.length / 3;
  const startOf = (i: number) => outline[3 * i + 1];
  const endOf = (i: number) => outline[3 * i + 2];
  const oldRange: OffsetRange = [startOf(index), endOf(index)];
  const shift = functionShift(oldRange, delta);
  const walk = new Set<number>([index]);
  // a line the function shares with another child: blanks typed at its start indent that child too
  const prev = index > 0 ? endOf(index - 1) : -1;
  const next = index + 1 < children ? startOf(index + 1) + delta : -1;
  const sharesLine = (prev >= 0 && lines.lineOf(prev) === lines.lineOf(oldRange[0])) || (next >= 0 && lines.lineOf(next) === lines.lineOf(oldRange[1] + delta - 1));
  const neutral = fixNeutral && !sharesLine;
  const placed: { child: number; message: LintMessage }[] = [];
  for (const m of messages) {
    if (m.fatal || m.ruleId === null) return undefined;
    const child = childHolding(outline, children, m.range);
    if (child === undefined) return undefined;
    placed.push({ child, message: m });
    // a place inside the function may move; a fix may be planned from anything in the file
    const fixes = m.fix !== undefined || (m.suggestions?.length ?? 0) > 0;
    if ((fixes && !neutral) || shiftMessages([m], filePath, filePath, shift, lines) === null) walk.add(child);
  }
  const ranges = [...walk].sort((a, b) => a - b).map((i): OffsetRange => (i < index ? [startOf(i), endOf(i)] : i === index ? [startOf(i), endOf(i) + delta] : [startOf(i) + delta, endOf(i) + delta]));
  const outside = placed.filter((p) => !walk.has(p.child)).map((p) => p.message);
  return { oldRange, delta, ranges, outside };
}

/**
 * An edit that only types or deletes digits, spaces and tabs (and line feeds in a file without
 * carriage returns, on lines without `//`, `#` or a backslash) where no word but a number is
 * touched, no `/*`, `*\/` or `//` is split or joined and no quote or backslash is touched: no
 * identifier, keyword, directive, string or comment delimiter changes, nor where a comment or a
 * literal ends, so whatever a fix planner looks for in the text (a flag's name, a #define, a
 * helper's name, the file's line ending) is found where it was. The fixes and suggestions of
 * findings outside the function are then the same, moved; any other edit plans them again.
 */
export function isFixNeutralEdit(oldText: string, newText: string, shift: TextShift): boolean {
  const newEnd = shift.oldEnd + shift.delta;
  const lineFeedsAllowed = !oldText.includes('\r') && !newText.includes('\r');
  const allowed = lineFeedsAllowed ? /^[0-9 \t\n]*$/ : /^[0-9 \t]*$/;
  const before = oldText.slice(shift.at, shift.oldEnd);
  const after = newText.slice(shift.at, newEnd);
  if (!allowed.test(before) || !allowed.test(after)) return false;
  // a line feed ends a // comment, a directive and a backslash continuation: where a line touched
  // holds one, the comments (which fix planning skips) and directives may have changed
  if ((before.includes('\n') || after.includes('\n')) && (lineMarks(oldText, shift.at, shift.oldEnd) || lineMarks(newText, shift.at, newEnd))) return false;
  // nor may they split or join a comment's delimiter (`/ *`, `/1*`), nor touch a quote or a
  // backslash: `' '` or `'1'` emptied to `''` makes a character literal that runs on over the rest
  // of the line, `"a\ "` made `"a\"` a string that does
  if (splitsDelimiter(oldText, shift.at, shift.oldEnd) || splitsDelimiter(newText, shift.at, newEnd)) return false;
  if (touchesQuote(oldText, shift.at, shift.oldEnd) || touchesQuote(newText, shift.at, newEnd)) return false;
  if (!/[0-9]/.test(before) && !/[0-9]/.test(after)) {
    // blanks only: they must neither split a word nor join two
    return !splitsWord(oldText, shift.at, shift.oldEnd) && !splitsWord(newText, shift.at, newEnd);
  }
  // digits: every word they touch, before and after, is a number
  return onlyNumbersAround(oldText, shift.at, shift.oldEnd) && onlyNumbersAround(newText, shift.at, newEnd);
}

/**
 * The lines holding [start, end) contain `//`, `#` or a backslash; the line before too when the
 * region starts a line (a line feed typed after another may as well have been typed before it).
 */
function lineMarks(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const from = lineStart === start && start > 0 ? text.lastIndexOf('\n', start - 2) + 1 : lineStart;
  let to = text.indexOf('\n', end);
  if (to < 0) to = text.length;
  return /\/\/|#|\\/.test(text.slice(from, to));
}

/** `/` and `*` (or `/` and `/`) on both sides of [start, end): blanks there split or join `/*`, `*\/` or `//`. */
function splitsDelimiter(text: string, start: number, end: number): boolean {
  if (start === 0 || end >= text.length) return false;
  const a = text.charCodeAt(start - 1);
  const b = text.charCodeAt(end);
  return (a === 0x2f && (b === 0x2a || b === 0x2f)) || (a === 0x2a && b === 0x2f);
}

/** A quote (single or double) or a backslash just before or just after [start, end). */
function touchesQuote(text: string, start: number, end: number): boolean {
  const quoteOrEscape = (c: number) => c === 0x27 || c === 0x22 || c === 0x5c;
  return (start > 0 && quoteOrEscape(text.charCodeAt(start - 1))) || (end < text.length && quoteOrEscape(text.charCodeAt(end)));
}

function splitsWord(text: string, start: number, end: number): boolean {
  return start > 0 && isWordChar(text.charCodeAt(start - 1)) && end < text.length && isWordChar(text.charCodeAt(end));
}

/** Every run of word characters in [start, end) or touching it starts with a digit. */
function onlyNumbersAround(text: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && isWordChar(text.charCodeAt(from - 1))) from--;
  let to = end;
  while (to < text.length && isWordChar(text.charCodeAt(to))) to++;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isWordChar(c) && (i === from || !isWordChar(text.charCodeAt(i - 1))) && (c < 0x30 || c > 0x39)) return false;
  }
  return true;
}

/** Letters, digits, `_`, `$` and every non-ASCII character, as identifiers are read (macro-blanking.ts, tree-sitter). */
function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x24 || c >= 0x80;
}

/** The child of the root whose range holds `range`, by binary search over the outline's starts. */
function childHolding(outline: Outline, children: number, range: OffsetRange): number | undefined {
  let lo = 0;
  let hi = children;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (outline[3 * mid + 1] <= range[0]) lo = mid + 1;
    else hi = mid;
  }
  const i = lo - 1;
  return i >= 0 && range[1] <= outline[3 * i + 2] ? i : undefined;
}

/**
 * The file's messages after the relint: the new ones (rules listening to Program only: all of
 * theirs; the others: those inside the walked children) and the kept ones of the rules that listen
 * to nodes, moved past the function. Null when a kept one cannot be moved.
 */
export function mergeRelinted(
  plan: FunctionRelintPlan,
  fresh: readonly LintMessage[],
  partial: { completeRules: ReadonlySet<string>; afterWalk: ReadonlySet<LintMessage> },
  filePath: string,
  lines: LineIndex,
): LintMessage[] | null {
  const kept = plan.outside.filter((m) => m.ruleId !== null && !partial.completeRules.has(m.ruleId));
  const moved = shiftMessages(kept, filePath, filePath, functionShift(plan.oldRange, plan.delta), lines);
  if (!moved) return null;
  // at equal ranges, the order of a lint of the whole file: what Program listeners reported on
  // entry, then what the walk reported (every kept message), then what Program:exit reported
  const phase = (m: LintMessage, wasKept: boolean) => (wasKept ? 1 : partial.afterWalk.has(m) ? 2 : 0);
  const all = [...fresh.map((m) => ({ m, p: phase(m, false) })), ...moved.map((m) => ({ m, p: phase(m, true) }))];
  all.sort((a, b) => a.m.range[0] - b.m.range[0] || a.m.range[1] - b.m.range[1] || a.p - b.p);
  return all.map((x) => x.m);
}


/** What the next keystroke's relint compares with, for each open C/C++ document of the module. */
export function relintBases(files: readonly string[], documents: OpenDocuments): Map<string, { blanked: string; outline: Outline }> {
  const bases = new Map<string, { blanked: string; outline: Outline }>();
  for (const f of files) {
    const doc = documents.byPath(f);
    const tree = doc?.tree.current;
    if (!doc || !tree || languageOfPath(f) !== 'cpp') continue;
    bases.set(f, { blanked: doc.tree.blanked, outline: topLevelOutline(tree, wasmBindingOf(wasmModuleObject())) });
  }
  return bases;
}

/**
 * The names the module's model can resolve a reference by (summary-splice.ts moduleNames), from
 * the summaries of the last lint (`edited`'s before the edit) and the settings' function names;
 * undefined when a summary is not at hand (then every reference counts).
 */
export function knownNames(
  inputs: readonly ModuleFileInput[],
  edited: string,
  editedSummary: FileSummary,
  cache: SummaryCache,
  settings: Pick<SharedSettings, 'entryPoints' | 'interactiveFunctions'>,
): Set<string> | undefined {
  const summaries: FileSummary[] = [];
  for (const i of inputs) {
    const s = i.filePath === edited ? editedSummary : cache.peek(i.filePath, i.text);
    if (!s) return undefined;
    summaries.push(s);
  }
  return moduleNames(summaries, [...(settings.entryPoints ?? []), ...(settings.interactiveFunctions ?? [])]);
}
