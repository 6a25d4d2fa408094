/**
 * Whether an edit leaves what fix planners read in the text as it was (function-relint.ts keeps
 * the fixes and suggestions of findings in other functions only then).
 */
import type { TextShift } from '../text/text-shift.js';

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

/** Letters, digits, `_`, `$` and every non-ASCII character, as identifiers are read (engine/parsing/c-lexing.ts, tree-sitter). */
function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x24 || c >= 0x80;
}
