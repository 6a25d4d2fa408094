/**
 * The lexing under macro blanking (macro-blanking.ts): character classes of C text, and skips over
 * what a macro name is never matched in (comments, string and character literals, raw strings,
 * numbers, directive lines) and over a macro's argument list. Functions of the text alone: the
 * scan's state is in macro-scan-state.ts.
 *
 * Lines end at LF, CRLF or a lone CR, as GCC reads them (engine/text/line-ends.ts): a lone CR ends
 * a `//` comment, a directive, an unterminated literal, and `\` before it splices. The index a skip
 * returns for "the newline" is the LF (of an LF or a CRLF) or the lone CR.
 */

/** How far (in UTF-16 units) an argument list may run before it is taken for unbalanced. */
export const MAX_ARGUMENT_LIST_LENGTH = 8192;
/** The reach of a lookahead's argument list, and of every one once a scan met too many long ones (macro-scan-state.ts). */
export const SHORT_ARGUMENT_LIST_LENGTH = 256;

export const enum Ch {
  Tab = 0x09,
  LF = 0x0a,
  VT = 0x0b,
  FF = 0x0c,
  CR = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Hash = 0x23,
  Dollar = 0x24,
  Apostrophe = 0x27,
  LParen = 0x28,
  RParen = 0x29,
  Star = 0x2a,
  Plus = 0x2b,
  Comma = 0x2c,
  Minus = 0x2d,
  Dot = 0x2e,
  Slash = 0x2f,
  Zero = 0x30,
  Nine = 0x39,
  Semicolon = 0x3b,
  UpperA = 0x41,
  UpperE = 0x45,
  UpperP = 0x50,
  UpperZ = 0x5a,
  Backslash = 0x5c,
  Underscore = 0x5f,
  LowerA = 0x61,
  LowerE = 0x65,
  LowerP = 0x70,
  LowerZ = 0x7a,
  LBrace = 0x7b,
  RBrace = 0x7d,
}

/** Character classes of ASCII: 1 identifier start, 2 digit (identifier but not its start). */
const ASCII_CLASS = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    if ((c >= Ch.LowerA && c <= Ch.LowerZ) || (c >= Ch.UpperA && c <= Ch.UpperZ) || c === Ch.Underscore || c === Ch.Dollar) table[c] = 1;
    else if (c >= Ch.Zero && c <= Ch.Nine) table[c] = 2;
  }
  return table;
})();

/** Letters, digits, `_`, `$` and every non-ASCII character (so `ÄIN` is one identifier); false past the end (NaN). */
export function isIdentChar(c: number): boolean {
  return c < 0x80 ? ASCII_CLASS[c] !== 0 : c >= 0x80;
}

export function isIdentStart(c: number): boolean {
  return c < 0x80 ? ASCII_CLASS[c] === 1 : c >= 0x80;
}

export function isDigit(c: number): boolean {
  return c >= Ch.Zero && c <= Ch.Nine;
}

export function isHorizontalSpace(c: number): boolean {
  return c === Ch.Space || c === Ch.Tab || c === Ch.CR || c === Ch.VT || c === Ch.FF;
}

/** Whether a line ends at `text[i]`, whose code is `c`: an LF, or a CR that no LF follows. */
export function isLineEnd(text: string, i: number, c: number): boolean {
  return c === Ch.LF || (c === Ch.CR && text.charCodeAt(i + 1) !== Ch.LF);
}

/** Index just past a line splice (`\` then LF, CRLF or a lone CR) at `i`, or -1 when there is none. */
export function spliceEnd(text: string, i: number): number {
  if (text.charCodeAt(i) !== Ch.Backslash) return -1;
  const next = text.charCodeAt(i + 1);
  if (next === Ch.LF) return i + 2;
  if (next === Ch.CR) return text.charCodeAt(i + 2) === Ch.LF ? i + 3 : i + 2;
  return -1;
}

/** From `//`: the index of the newline that ends the comment (a line splice continues it), or the end. */
export function skipLineComment(text: string, i: number): number {
  const n = text.length;
  let k = i + 2;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (isLineEnd(text, k, c)) return k;
    if (c === Ch.Backslash) {
      const after = spliceEnd(text, k);
      k = after > 0 ? after : k + 1;
    } else k++;
  }
  return n;
}

/** From `/*`: the index just past `*\/`, or the end of the text. */
export function skipBlockComment(text: string, i: number): number {
  const close = text.indexOf('*/', i + 2);
  return close < 0 ? text.length : close + 2;
}

/**
 * From an opening quote: the index just past the closing one; an unterminated literal stops at the
 * newline. A line splice continues the literal (an escape takes the character after the `\`).
 */
export function skipQuoted(text: string, i: number, quote: number): number {
  const n = text.length;
  let k = i + 1;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (c === Ch.Backslash) {
      const after = spliceEnd(text, k);
      k = after > 0 ? after : k + 2;
    } else if (c === quote) return k + 1;
    else if (isLineEnd(text, k, c)) return k;
    else k++;
  }
  return n;
}

/** From the `"` of a raw string `R"delim( ... )delim"`: the index just past it. */
export function skipRawString(text: string, i: number): number {
  const open = text.indexOf('(', i + 1);
  if (open < 0 || open - i - 1 > 16) return skipQuoted(text, i, Ch.Quote);
  const delimiter = text.slice(i + 1, open);
  if (/[\s\\)]/.test(delimiter)) return skipQuoted(text, i, Ch.Quote);
  const close = text.indexOf(`)${delimiter}"`, open + 1);
  return close < 0 ? text.length : close + delimiter.length + 2;
}

export const RAW_PREFIXES = new Set(['R', 'LR', 'uR', 'UR', 'u8R']);

/** A preprocessing number (`0x1F`, `1'000'000`, `1.5e+3f`): the index just past it. */
export function skipNumber(text: string, i: number): number {
  const n = text.length;
  let k = i + 1;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (isIdentChar(c) || c === Ch.Dot) k++;
    else if ((c === Ch.Plus || c === Ch.Minus) && isExponentMark(text.charCodeAt(k - 1))) k++;
    else if (c === Ch.Apostrophe && k + 1 < n && isIdentChar(text.charCodeAt(k + 1))) k += 2;
    else break;
  }
  return k;
}

function isExponentMark(c: number): boolean {
  return c === Ch.LowerE || c === Ch.UpperE || c === Ch.LowerP || c === Ch.UpperP;
}

/**
 * The offset of the next `#` at or after `i` that starts a directive, or -1 when there is none.
 * Comments are spaces (a `#` after one may still start the line's directive); string, character
 * and raw string literals and line splices are skipped. `lineStart`: whether `i` starts a line.
 */
export function nextDirective(text: string, i: number, lineStart: boolean): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === Ch.LF || c === Ch.CR) {
      // a CR is a line end, or the start of the CRLF that is one
      lineStart = true;
      i++;
    } else if (isHorizontalSpace(c)) i++;
    else if (c === Ch.Hash && lineStart) return i;
    else if (c === Ch.Slash && text.charCodeAt(i + 1) === Ch.Star) i = skipBlockComment(text, i);
    else if (c === Ch.Slash && text.charCodeAt(i + 1) === Ch.Slash) i = skipLineComment(text, i);
    else if (c === Ch.Backslash && spliceEnd(text, i) > 0) i = spliceEnd(text, i);
    else {
      lineStart = false;
      if (c === Ch.Quote || c === Ch.Apostrophe) i = skipQuoted(text, i, c);
      else if (isIdentStart(c)) {
        const start = i;
        while (i < n && isIdentChar(text.charCodeAt(i))) i++;
        if (text.charCodeAt(i) === Ch.Quote && RAW_PREFIXES.has(text.slice(start, i))) i = skipRawString(text, i);
      } else i++;
    }
  }
  return -1;
}

/** From a directive's `#`: the index of the newline that ends the logical line (splices and comments continue it). */
export function skipDirective(text: string, i: number): number {
  const n = text.length;
  let k = i + 1;
  while (k < n) {
    let c = text.charCodeAt(k);
    // Most of a directive is plain text: run over it with one table lookup a character.
    while (c >= 0x80 || DIRECTIVE_PLAIN[c] === 1) {
      if (++k >= n) return n;
      c = text.charCodeAt(k);
    }
    if (isLineEnd(text, k, c)) return k;
    if (c === Ch.Backslash) {
      const after = spliceEnd(text, k);
      k = after > 0 ? after : k + 1;
    } else if (c === Ch.Slash && text.charCodeAt(k + 1) === Ch.Star) k = skipBlockComment(text, k);
    else if (c === Ch.Slash && text.charCodeAt(k + 1) === Ch.Slash) k = skipLineComment(text, k);
    else if (c === Ch.Quote || c === Ch.Apostrophe) k = skipQuoted(text, k, c);
    else k++;
  }
  return n;
}

/** ASCII characters that need no attention inside a directive (all but LF, CR, `\\`, `/`, quotes). */
const DIRECTIVE_PLAIN = (() => {
  const table = new Uint8Array(128).fill(1);
  for (const c of [Ch.LF, Ch.CR, Ch.Backslash, Ch.Slash, Ch.Quote, Ch.Apostrophe]) table[c] = 0;
  return table;
})();

/** Comments skipped after a name: the index of the next code character (maybe past newlines). */
export function skipSpaceAndComments(text: string, i: number): number {
  const n = text.length;
  let k = i;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (isHorizontalSpace(c) || c === Ch.LF) k++;
    else if (c === Ch.Slash && text.charCodeAt(k + 1) === Ch.Star) k = skipBlockComment(text, k);
    else if (c === Ch.Slash && text.charCodeAt(k + 1) === Ch.Slash) k = skipLineComment(text, k);
    else if (c === Ch.Backslash && spliceEnd(text, k) > 0) k = spliceEnd(text, k);
    else return k;
  }
  return n;
}

/** An argument list: where it closes, its top-level commas, and the comments inside it. */
export interface ArgumentList {
  open: number;
  close: number;
  commas: number[];
  /** Start and end of each comment, flattened. */
  comments: number[];
}

/**
 * From `(` at `open`: the balanced argument list, or, when it does not close before a `;`, `{` or
 * `}` (which no macro argument holds) or within `maxLength`, the offset where the search stopped.
 */
export function readArgumentList(text: string, open: number, maxLength = MAX_ARGUMENT_LIST_LENGTH): ArgumentList | number {
  const limit = Math.min(text.length, open + maxLength);
  const commas: number[] = [];
  const comments: number[] = [];
  let depth = 0;
  let k = open;
  while (k < limit) {
    const c = text.charCodeAt(k);
    if (c === Ch.LParen) {
      depth++;
      k++;
    } else if (c === Ch.RParen) {
      depth--;
      if (depth === 0) return { open, close: k, commas, comments };
      k++;
    } else if (c === Ch.Comma) {
      if (depth === 1) commas.push(k);
      k++;
    } else if (c === Ch.Quote || c === Ch.Apostrophe) {
      k = skipQuoted(text, k, c);
    } else if (c === Ch.Slash && (text.charCodeAt(k + 1) === Ch.Star || text.charCodeAt(k + 1) === Ch.Slash)) {
      const end = text.charCodeAt(k + 1) === Ch.Star ? skipBlockComment(text, k) : skipLineComment(text, k);
      comments.push(k, end);
      k = end;
    } else if (c === Ch.Semicolon || c === Ch.LBrace || c === Ch.RBrace) {
      return k;
    } else k++;
  }
  return k;
}

/** The comments (flattened start/end pairs) between two offsets of code. */
export function commentsBetween(text: string, start: number, end: number): number[] {
  const out: number[] = [];
  let k = start;
  while (k < end) {
    const c = text.charCodeAt(k);
    if (c === Ch.Slash && (text.charCodeAt(k + 1) === Ch.Star || text.charCodeAt(k + 1) === Ch.Slash)) {
      const close = text.charCodeAt(k + 1) === Ch.Star ? skipBlockComment(text, k) : skipLineComment(text, k);
      out.push(k, close);
      k = close;
    } else k++;
  }
  return out;
}

/** Whether a `__declspec(...)` or `__attribute__((...))` argument list names `dllexport`. */
export function namesDllexport(text: string, args: ArgumentList): boolean {
  return /\bdllexport\b/.test(text.slice(args.open + 1, args.close));
}

/** The comments (flattened start/end pairs) that start after `offset`. */
export function commentsAfter(comments: readonly number[], offset: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < comments.length; k += 2) if (comments[k] > offset) out.push(comments[k], comments[k + 1]);
  return out;
}
