/**
 * Blanks known Windows macros (SAL annotations, calling conventions, IN/OUT/OPTIONAL, DECLSPEC_*,
 * import/export linkage macros, ...) to spaces of the same length before parsing, so that
 * tree-sitter-cpp sees plain C while every offset, line and column stays where it was.
 *
 * - One linear pass with a small hand-written tokenizer: comments, string and character literals
 *   (raw strings too) and numbers are skipped, so a macro name is only ever matched as a whole
 *   identifier in code (`INPUT` is not `IN`, `_In_range_(0, 5)` is not `_In_`).
 * - Newlines inside a blanked span stay newlines; comments inside a macro's argument list stay as
 *   they are (a comment is never touched).
 * - Preprocessor directive lines are left as they are. The name after `#define` must stay, `#if`
 *   expressions are parsed from the text, and a `#define` body is opaque to the parser (one
 *   preproc_arg token): whoever expands a module's own macro reads the body's original text and
 *   parses the expansion with these same rules, which blank it then.
 * - `__declspec(dllexport)` stays visible: it marks an exported installer entry point.
 * - What is done to each name is in windows-macros.ts; a few macros are not blanked but respelled
 *   with the same length (`CONST` as `const`, `MIDL_INTERFACE(...)` as `struct`).
 * - Beyond the tables, a few macros are told by where they stand, outside function bodies only:
 *   an unknown XXXAPI-shaped name where no type or name can stand, a line that is only a macro
 *   call, the braces of the `#ifdef __cplusplus` guard, and names the file #defines as Windows
 *   macros only. findWindowsMacros lists every one of them with what was done.
 */
import { classifyIdentifier, MAX_MACRO_NAME_LENGTH, type MacroTreatment } from './windows-macros.js';

/** A macro found in the text: its name's range and the range it covers with its arguments. */
export interface WindowsMacroUse {
  name: string;
  /**
   * What was done (see windows-macros.ts), or, for what the scanner finds by position:
   * `invocation`, a line that is only a macro call (blanked); `alias`, a macro the text itself
   * #defines as Windows macros only or as nothing (blanked; see `aliasBody`); `cplusplus-guard`,
   * the braces of an `extern "C" {` block opened before a directive line (the `#ifdef __cplusplus`
   * guard of a C header), both blanked.
   */
  treatment: MacroTreatment | 'invocation' | 'cplusplus-guard' | 'alias';
  /** Offset of the name. */
  start: number;
  /** End of the name, or of its argument list when it has one. */
  end: number;
  /** For an `alias`, the body of its #define (`__declspec(dllexport) WINAPI`, or '' when empty). */
  aliasBody?: string;
}

/** How far (in UTF-16 units) an argument list may run before it is taken for unbalanced. */
const MAX_ARGUMENT_LIST_LENGTH = 8192;
/**
 * After this many argument lists that ran long without closing (broken or hostile text), the
 * rest of the file gets SHORT_ARGUMENT_LIST_LENGTH: the scan stays linear whatever the text.
 */
const MAX_LONG_FAILURES = 8;
const SHORT_ARGUMENT_LIST_LENGTH = 256;

const enum Ch {
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

const enum EditKind {
  Blank,
  Const,
  Struct,
  Colon,
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
function isIdentChar(c: number): boolean {
  return c < 0x80 ? ASCII_CLASS[c] !== 0 : c >= 0x80;
}

function isIdentStart(c: number): boolean {
  return c < 0x80 ? ASCII_CLASS[c] === 1 : c >= 0x80;
}

function isDigit(c: number): boolean {
  return c >= Ch.Zero && c <= Ch.Nine;
}

function isHorizontalSpace(c: number): boolean {
  return c === Ch.Space || c === Ch.Tab || c === Ch.CR || c === Ch.VT || c === Ch.FF;
}

/** Index just past a line splice (`\` then LF or CRLF) at `i`, or -1 when there is none. */
function spliceEnd(text: string, i: number): number {
  if (text.charCodeAt(i) !== Ch.Backslash) return -1;
  const next = text.charCodeAt(i + 1);
  if (next === Ch.LF) return i + 2;
  if (next === Ch.CR && text.charCodeAt(i + 2) === Ch.LF) return i + 3;
  return -1;
}

/** From `//`: the index of the newline that ends the comment (a line splice continues it), or the end. */
function skipLineComment(text: string, i: number): number {
  const n = text.length;
  let k = i + 2;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (c === Ch.LF) return k;
    if (c === Ch.Backslash) {
      const after = spliceEnd(text, k);
      k = after > 0 ? after : k + 1;
    } else k++;
  }
  return n;
}

/** From `/*`: the index just past `*\/`, or the end of the text. */
function skipBlockComment(text: string, i: number): number {
  const close = text.indexOf('*/', i + 2);
  return close < 0 ? text.length : close + 2;
}

/** From an opening quote: the index just past the closing one; an unterminated literal stops at the newline. */
function skipQuoted(text: string, i: number, quote: number): number {
  const n = text.length;
  let k = i + 1;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (c === Ch.Backslash) k += 2;
    else if (c === quote) return k + 1;
    else if (c === Ch.LF) return k;
    else k++;
  }
  return n;
}

/** From the `"` of a raw string `R"delim( ... )delim"`: the index just past it. */
function skipRawString(text: string, i: number): number {
  const open = text.indexOf('(', i + 1);
  if (open < 0 || open - i - 1 > 16) return skipQuoted(text, i, Ch.Quote);
  const delimiter = text.slice(i + 1, open);
  if (/[\s\\)]/.test(delimiter)) return skipQuoted(text, i, Ch.Quote);
  const close = text.indexOf(`)${delimiter}"`, open + 1);
  return close < 0 ? text.length : close + delimiter.length + 2;
}

const RAW_PREFIXES = new Set(['R', 'LR', 'uR', 'UR', 'u8R']);

/** A preprocessing number (`0x1F`, `1'000'000`, `1.5e+3f`): the index just past it. */
function skipNumber(text: string, i: number): number {
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

/** From a directive's `#`: the index of the newline that ends the logical line (splices and comments continue it). */
function skipDirective(text: string, i: number): number {
  const n = text.length;
  let k = i + 1;
  while (k < n) {
    let c = text.charCodeAt(k);
    // Most of a directive is plain text: run over it with one table lookup a character.
    while (c >= 0x80 || DIRECTIVE_PLAIN[c] === 1) {
      if (++k >= n) return n;
      c = text.charCodeAt(k);
    }
    if (c === Ch.LF) return k;
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

/** ASCII characters that need no attention inside a directive (all but LF, `\\`, `/`, quotes). */
const DIRECTIVE_PLAIN = (() => {
  const table = new Uint8Array(128).fill(1);
  for (const c of [Ch.LF, Ch.Backslash, Ch.Slash, Ch.Quote, Ch.Apostrophe]) table[c] = 0;
  return table;
})();

/** Comments skipped after a name: the index of the next code character (maybe past newlines). */
function skipSpaceAndComments(text: string, i: number): number {
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
interface ArgumentList {
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
function readArgumentList(text: string, open: number, maxLength = MAX_ARGUMENT_LIST_LENGTH): ArgumentList | number {
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

/** Edits, kept in three parallel arrays; sorted by start at the end when they were not pushed in order. */
class EditList {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly kinds: EditKind[] = [];
  sorted = true;

  push(start: number, end: number, kind: EditKind): void {
    if (end <= start) return;
    const last = this.ends.length - 1;
    if (last >= 0 && start < this.ends[last]) this.sorted = false;
    this.starts.push(start);
    this.ends.push(end);
    this.kinds.push(kind);
  }

  /** Blanks [start, end) except the comments listed (flattened start/end pairs inside the range). */
  blankAround(start: number, end: number, comments: readonly number[]): void {
    let from = start;
    for (let c = 0; c < comments.length; c += 2) {
      this.push(from, comments[c], EditKind.Blank);
      from = comments[c + 1];
    }
    this.push(from, end, EditKind.Blank);
  }
}

/** Words after which `{` opens a body even though no `)` precedes it (`void f() const {`, `else {`, `do {`). */
const BODY_OPENING_WORDS = new Set(['const', 'override', 'final', 'noexcept', 'try', 'else', 'do', 'mutable']);

/** Words that may stand before a type (or are not types): a name after them is not a calling convention. */
const DECL_START_WORDS = new Set([
  'extern', 'static', 'inline', 'typedef', 'virtual', 'friend', 'struct', 'union', 'enum', 'class', 'return', 'case',
  'goto', 'sizeof', 'new', 'delete', 'throw', 'using', 'namespace', 'typename', 'template', 'register', 'auto', 'const',
  'volatile', 'restrict', '__restrict', 'mutable', 'constexpr', 'thread_local', '__thread', 'explicit', 'public',
  'private', 'protected', 'operator', 'alignas', 'decltype', '__inline', '__forceinline', 'else', 'do',
]);

/**
 * Names shaped like a linkage or calling-convention macro (`UPSAPI`, `DIAMONDAPI`, `RPC_ENTRY`,
 * `USB_BUSIFFN`, `SNMP_FUNC_TYPE`, `DPAPI_IMP`, `OLEDBDECLSPEC`, `HTTPAPI_LINKAGE`, `ASN1_PUBLIC`)
 * that are not in the tables: blanked only where a plain type or name cannot stand (see
 * MacroScanner.positionalMacro).
 */
const POSITIONAL_SUFFIXES = [
  'API', 'API_', 'APIV', 'ENTRY', 'CALLBACK', 'CALLTYPE', 'FUNC', 'FUNCTION', 'FUNC_TYPE', 'FN', 'IMP', 'DECLSPEC',
  'DLLEXP', 'EXPORT', 'IMPORT', 'LINKAGE', 'PUBLIC', 'INLINE', 'DEPRECATED', 'DEPRECIATED',
];

function hasPositionalSuffix(name: string): boolean {
  return POSITIONAL_SUFFIXES.some((suffix) => name.endsWith(suffix)) && ALL_CAPS_RE.test(name);
}

/** Return-type macros that hold HRESULT: they read as the type and are never blanked. */
const RETURN_TYPE_MACROS = new Set([
  'STDAPI', 'STDAPIV', 'STDMETHODIMP', 'STDMETHODIMPV', 'WINOLEAPI', 'WINOLEAUTAPI', 'LWSTDAPI', 'LWSTDAPIV',
  'SHSTDAPI', 'SHDOCAPI', 'PSSTDAPI', 'WINOLECTLAPI', 'SHFOLDERAPI', 'IFACEMETHODIMP', 'STDOVERRIDEMETHODIMP', 'DWMAPI',
  'BOOLAPI', 'INTERNETAPI', 'URLCACHEAPI', 'XMLLITEAPI',
]);

/** `THEMEAPI_(BOOL)`, `MSOAPI_(BOOL)`: return-type macros with the type as argument, unwrapped like STDAPI_. */
const UNWRAP_SUFFIX_RE = /^[A-Z][A-Z0-9_]*APIV?_$/;

/**
 * Whether a #define body is empty or made only of Windows macros of the tables (with their
 * argument lists) and `extern "C"`: comments and line splices are spaces.
 */
function isAliasBody(body: string): boolean {
  let k = 0;
  for (;;) {
    k = skipSpaceAndComments(body, k);
    if (k >= body.length) return true;
    const c = body.charCodeAt(k);
    if (!isIdentStart(c)) return false;
    let end = k + 1;
    while (end < body.length && isIdentChar(body.charCodeAt(end))) end++;
    const word = body.slice(k, end);
    if (word === 'extern') {
      const quote = skipSpaceAndComments(body, end);
      if (!body.startsWith('"C"', quote) && !body.startsWith('"C++"', quote)) return false;
      k = body.indexOf('"', quote + 1) + 1;
      continue;
    }
    const treatment = classifyIdentifier(word);
    if (treatment === 'word') {
      k = end;
    } else if (treatment === 'call' || treatment === 'declspec') {
      const paren = skipSpaceAndComments(body, end);
      const args = body.charCodeAt(paren) === Ch.LParen ? readArgumentList(body, paren) : end;
      k = typeof args === 'number' ? end : args.close + 1;
    } else return false;
  }
}

/** A name made of capitals, digits and underscores, with at least one capital. */
const ALL_CAPS_RE = /^_*[A-Z][A-Z0-9_]*$/;

const IDENT = 0x61; // lastCode of an identifier ('a')

const enum BraceKind {
  Other,
  Body,
  BlankedExternC,
}

/** The comments (flattened start/end pairs) between two offsets of code. */
function commentsBetween(text: string, start: number, end: number): number[] {
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

/** The state of one scan: the text, the edits, and (on request) the macros found. */
class MacroScanner {
  readonly edits = new EditList();
  /** The last code character the parser sees: punctuation, IDENT for an identifier, 0 at the start. */
  private lastCode = 0;
  /** The last identifier: its range in the text, or its spelling when it was respelled. */
  private lastIdentStart = 0;
  private lastIdentEnd = 0;
  private lastIdentSpelling: string | null = null;
  /** One entry per open brace: what it opened (a body, a blanked `extern "C" {`, anything else). */
  private readonly braces: BraceKind[] = [];
  private bodyDepth = 0;
  /** Object-like macros defined in the text: name → body when it is only Windows macros (or empty), else null. */
  private aliases: Map<string, string | null> | null = null;
  /** Argument lists that ran longer than SHORT_ARGUMENT_LIST_LENGTH without closing. */
  private longFailures = 0;
  /** First characters (ASCII) of the alias names: a cheap filter before looking a name up. */
  private aliasFirstChars: Uint8Array | null = null;
  /** Punctuation blanked by an `unwrap` or `type-name` macro that the scan meets again: not code. */
  private readonly blankedPunctuation = new Set<number>();

  constructor(
    private readonly text: string,
    private readonly uses: WindowsMacroUse[] | null,
  ) {}

  scan(): void {
    const text = this.text;
    const n = text.length;
    let i = 0;
    let lineStart = true;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === Ch.LF) {
        lineStart = true;
        i++;
      } else if (isHorizontalSpace(c)) {
        i++;
      } else if (c === Ch.Hash && lineStart) {
        i = this.directive(i);
      } else if (c === Ch.Slash && text.charCodeAt(i + 1) === Ch.Star) {
        i = skipBlockComment(text, i); // a comment is a space: a `#` after it may still start a directive
      } else if (c === Ch.Slash && text.charCodeAt(i + 1) === Ch.Slash) {
        i = skipLineComment(text, i);
      } else if (c === Ch.Backslash && spliceEnd(text, i) > 0) {
        i = spliceEnd(text, i); // the next physical line continues this one
      } else {
        const firstOnLine: boolean = lineStart;
        lineStart = false;
        if (c === Ch.Quote || c === Ch.Apostrophe) {
          i = skipQuoted(text, i, c);
          this.lastCode = c;
        } else if (isDigit(c) || (c === Ch.Dot && isDigit(text.charCodeAt(i + 1)))) {
          i = skipNumber(text, i);
          this.lastCode = Ch.Zero;
        } else if (isIdentStart(c)) {
          const start = i;
          const editCount = this.edits.starts.length;
          i = this.identifier(start, firstOnLine);
          // A name blanked here is a space to a scan of the blanked text: the line has not started yet.
          const edits = this.edits;
          if (edits.starts.length > editCount && edits.starts[editCount] === start && edits.kinds[editCount] === EditKind.Blank) {
            lineStart = firstOnLine;
          }
        } else {
          if (this.blankedPunctuation.size === 0 || !this.blankedPunctuation.delete(i)) this.punctuation(c, i);
          i++;
        }
      }
    }
  }

  private punctuation(c: number, at: number): void {
    if (c === Ch.LBrace) {
      const body = this.bodyDepth > 0 || this.lastCode === Ch.RParen || (this.lastCode === IDENT && BODY_OPENING_WORDS.has(this.lastIdent));
      this.braces.push(body ? BraceKind.Body : BraceKind.Other);
      if (body) this.bodyDepth++;
    } else if (c === Ch.RBrace) {
      const kind = this.braces.pop();
      if (kind === BraceKind.Body) this.bodyDepth--;
      if (kind === BraceKind.BlankedExternC) {
        // The brace that closes a blanked `extern "C" {`: blanked with it, and not code.
        this.edits.push(at, at + 1, EditKind.Blank);
        this.record('}', 'cplusplus-guard', at, at + 1);
        return;
      }
    }
    this.lastCode = c;
  }

  /**
   * `extern "C" {` directly followed by a directive line: the C++ guard of a C header
   * (`#ifdef __cplusplus` / `extern "C" {` / `#endif`), or a block whose contents depend on the
   * preprocessor. Tree-sitter cannot pair a brace opened in one conditional with one closed in
   * another (`#ifdef __cplusplus` / `}` / `#endif`), so the braces are blanked: this one here, its
   * closing one where the scan meets it, and the declarations between are read at file scope.
   * Returns the end of the blanked opening, or -1.
   */
  private externCBlock(start: number, end: number): number {
    const text = this.text;
    const quote = skipSpaceAndComments(text, end);
    if (!text.startsWith('"C"', quote)) return -1;
    const brace = skipSpaceAndComments(text, quote + 3);
    if (text.charCodeAt(brace) !== Ch.LBrace || text.charCodeAt(skipSpaceAndComments(text, brace + 1)) !== Ch.Hash) return -1;
    this.edits.blankAround(start, brace + 1, commentsBetween(text, start, brace + 1));
    this.braces.push(BraceKind.BlankedExternC);
    this.record('extern "C" {', 'cplusplus-guard', start, brace + 1);
    return brace + 1;
  }

  private setIdent(name: string): void {
    this.lastCode = IDENT;
    this.lastIdentSpelling = name;
  }

  private setIdentRange(start: number, end: number): void {
    this.lastCode = IDENT;
    this.lastIdentSpelling = null;
    this.lastIdentStart = start;
    this.lastIdentEnd = end;
  }

  /** The last identifier's text (only read where the position calls for it: most are never read). */
  private get lastIdent(): string {
    return this.lastIdentSpelling ?? this.text.slice(this.lastIdentStart, this.lastIdentEnd);
  }

  /** Whether the last code token is the identifier `word` (without slicing the text). */
  private lastIdentIs(word: string): boolean {
    if (this.lastCode !== IDENT) return false;
    if (this.lastIdentSpelling !== null) return this.lastIdentSpelling === word;
    return this.lastIdentEnd - this.lastIdentStart === word.length && this.text.startsWith(word, this.lastIdentStart);
  }

  /** From a directive's `#`: skips the directive, noting what a `#define` defines. */
  private directive(hash: number): number {
    const text = this.text;
    const end = skipDirective(text, hash);
    const second = text.charCodeAt(hash + 1);
    if (second === 0x64 /* d */ || isHorizontalSpace(second)) this.defineDirective(hash, end);
    return end;
  }

  /**
   * `#define NAME body` with no parameters, where the body is empty or only Windows macros
   * (`#define COINST_API extern "C" __declspec(dllexport)`, `#define MY_ANNOTATION`): NAME expands
   * to what blanking removes anyway, so its later uses in the file are blanked too. A name defined
   * twice with bodies that disagree (`#ifdef DEBUG` / `#else`) is left alone.
   */
  private defineDirective(hash: number, end: number): void {
    const text = this.text;
    let k = hash + 1;
    while (k < end && isHorizontalSpace(text.charCodeAt(k))) k++;
    if (!text.startsWith('define', k) || !isHorizontalSpace(text.charCodeAt(k + 6))) return;
    k += 7;
    while (k < end && isHorizontalSpace(text.charCodeAt(k))) k++;
    const nameStart = k;
    if (!isIdentStart(text.charCodeAt(k))) return;
    while (k < end && isIdentChar(text.charCodeAt(k))) k++;
    if (text.charCodeAt(k) === Ch.LParen) return; // a function-like macro
    const name = text.slice(nameStart, k);
    const body = text.slice(k, end);
    const alias = classifyIdentifier(name) === undefined && isAliasBody(body);
    const known = this.aliases?.get(name);
    if (known === undefined) {
      this.aliases ??= new Map();
      this.aliases.set(name, alias ? body.trim() : null);
      if (alias && name.charCodeAt(0) < 0x80) (this.aliasFirstChars ??= new Uint8Array(128))[name.charCodeAt(0)] = 1;
    } else if ((known !== null) !== alias) this.aliases!.set(name, null);
  }

  /** From the start of an identifier: handles it if it is a known macro; returns where to go on. */
  private identifier(start: number, firstOnLine: boolean): number {
    const text = this.text;
    let end = start + 1;
    while (end < text.length && isIdentChar(text.charCodeAt(end))) end++;
    const length = end - start;
    if (text.charCodeAt(end) === Ch.Quote && length <= 3 && RAW_PREFIXES.has(text.slice(start, end))) {
      this.lastCode = Ch.Quote;
      return skipRawString(text, end);
    }
    const first = text.charCodeAt(start);
    // Every macro of the table starts with `_` or a capital letter; `interface` is the one exception.
    if (length > MAX_MACRO_NAME_LENGTH || !(first === Ch.Underscore || (first >= Ch.UpperA && first <= Ch.UpperZ))) {
      if (length === 9 && this.bodyDepth === 0 && text.startsWith('interface', start)) return this.apply('interface', 'struct-keyword', start, end);
      if (length === 6 && this.bodyDepth === 0 && text.startsWith('extern', start)) {
        const after = this.externCBlock(start, end);
        if (after >= 0) return after;
      }
      if (this.aliasFirstChars !== null && this.aliasFirstChars[first] === 1 && this.alias(start, end)) return end;
      this.setIdentRange(start, end);
      return end;
    }
    const name = text.slice(start, end);
    const treatment = classifyIdentifier(name);
    if (treatment !== undefined) return this.apply(name, treatment, start, end);
    if (this.aliasFirstChars !== null && this.aliasFirstChars[first] === 1 && this.alias(start, end)) return end;
    if (this.bodyDepth === 0) {
      // Cheap positional checks first; the name's shape is tested only where the position fits.
      if (firstOnLine) {
        const after = this.invocationLine(name, start, end);
        if (after >= 0) return after;
      }
      const last = name.charCodeAt(name.length - 1);
      if (last === Ch.Underscore && this.text.charCodeAt(end) === Ch.LParen && UNWRAP_SUFFIX_RE.test(name)) {
        return this.apply(name, 'unwrap', start, end);
      }
      if (this.tagAttribute(end) && ALL_CAPS_RE.test(name)) {
        this.edits.push(start, end, EditKind.Blank);
        this.record(name, 'word', start, end);
        return end;
      }
      if (
        ((last >= Ch.UpperA && last <= Ch.UpperZ) || last === Ch.Underscore) &&
        hasPositionalSuffix(name) &&
        !RETURN_TYPE_MACROS.has(name) &&
        this.positionalMacro(end)
      ) {
        this.edits.push(start, end, EditKind.Blank);
        this.record(name, 'word', start, end);
        return end;
      }
    }
    this.setIdentRange(start, end);
    return end;
  }

  /** readArgumentList with a budget: a few long failures shorten the reach of every later one. */
  private argumentList(open: number): ArgumentList | null {
    const maxLength = this.longFailures >= MAX_LONG_FAILURES ? SHORT_ARGUMENT_LIST_LENGTH : MAX_ARGUMENT_LIST_LENGTH;
    const args = readArgumentList(this.text, open, maxLength);
    if (typeof args !== 'number') return args;
    if (args - open > SHORT_ARGUMENT_LIST_LENGTH) this.longFailures++;
    return null;
  }

  /** A use of a module macro that expands to Windows macros only: blanked. */
  private alias(start: number, end: number): boolean {
    const name = this.text.slice(start, end);
    if (typeof this.aliases?.get(name) !== 'string') return false;
    this.edits.push(start, end, EditKind.Blank);
    this.uses?.push({ name, treatment: 'alias', start, end, aliasBody: this.aliases!.get(name)! });
    return true;
  }

  /**
   * A linkage or calling-convention macro the tables do not know, told by where it stands:
   * before a type and a declarator (`UPSAPI VOID NTAPI UPSCancelWait(VOID)`), between a type and
   * a name (`int DIAMONDAPI FCIAddFile(`), or before the `*` of a function pointer
   * (`typedef BOOL (DIAMONDAPI *PFNFCIFILEPLACED)(`). Three names in a row, or `(NAME *`, are
   * not C: one of them is a macro.
   */
  private positionalMacro(end: number): boolean {
    const text = this.text;
    // Look ahead as the parser will see the text: known macros after this name are blanked too.
    const next = this.skipBlankedMacros(end);
    const nc = text.charCodeAt(next);
    // `(DIAMONDAPI *PFNFCIFILEPLACED)(`: a calling convention in a function pointer declarator; not
    // `(TYPE *name)` of a parameter list, which a `(` does not follow.
    if (this.lastCode === Ch.LParen) return nc === Ch.Star && this.isPointerDeclaratorAt(next);
    const afterType = (this.lastCode === IDENT && !DECL_START_WORDS.has(this.lastIdent)) || this.lastCode === Ch.Star;
    // `void WINPTHREAD_API (**fp)(void *)`: between a type and a parenthesised pointer declarator.
    if (afterType && nc === Ch.LParen && text.charCodeAt(skipSpaceAndComments(text, next + 1)) === Ch.Star) return true;
    if (!isIdentStart(nc)) return false;
    if (afterType) return true;
    let nextEnd = next + 1;
    while (nextEnd < text.length && isIdentChar(text.charCodeAt(nextEnd))) nextEnd++;
    // Before a type: the next name must be that type, not another macro (`SNMPAPI SNMP_FUNC_TYPE F(`
    // returns SNMPAPI).
    const nextName = text.slice(next, nextEnd);
    if (classifyIdentifier(nextName) !== undefined || hasPositionalSuffix(nextName)) return false;
    const after = text.charCodeAt(this.skipBlankedMacros(nextEnd));
    // A third name (`UPSAPI VOID UPSCancelWait`), or a pointer: NAME TYPE NAME is not C without a macro.
    return isIdentStart(after) || after === Ch.Star || after === 0x26 /* & */;
  }

  /**
   * From `k`: past spaces, comments and the Windows macros this scan blanks whole (bare ones and
   * annotations with their arguments), to the next thing the parser will see.
   */
  private skipBlankedMacros(k: number): number {
    const text = this.text;
    for (;;) {
      const at = skipSpaceAndComments(text, k);
      if (!isIdentStart(text.charCodeAt(at))) return at;
      let end = at + 1;
      while (end < text.length && isIdentChar(text.charCodeAt(end))) end++;
      if (end - at > MAX_MACRO_NAME_LENGTH) return at;
      const treatment = classifyIdentifier(text.slice(at, end));
      if (treatment === 'word') k = end;
      else if (treatment === 'call' || treatment === 'declspec') {
        const paren = skipSpaceAndComments(text, end);
        const args = text.charCodeAt(paren) === Ch.LParen ? readArgumentList(text, paren, SHORT_ARGUMENT_LIST_LENGTH) : end;
        if (typeof args === 'number') k = end;
        else if (treatment === 'declspec' && namesDllexport(text, args)) return at;
        else k = args.close + 1;
      } else return at;
    }
  }

  /** From the `*` at `star`: `*name)(` (or `**name)(`), the declarator of a function pointer. */
  private isPointerDeclaratorAt(star: number): boolean {
    const text = this.text;
    let k = star;
    while (text.charCodeAt(k) === Ch.Star) k = skipSpaceAndComments(text, k + 1);
    if (!isIdentStart(text.charCodeAt(k))) return false;
    while (k < text.length && isIdentChar(text.charCodeAt(k))) k++;
    k = skipSpaceAndComments(text, k);
    if (text.charCodeAt(k) !== Ch.RParen) return false;
    return text.charCodeAt(skipSpaceAndComments(text, k + 1)) === Ch.LParen;
  }

  /**
   * A capitalised name between `struct` (`union`, `class`) and the tag of a definition:
   * `typedef struct LOOKASIDE_ALIGN _GENERAL_LOOKASIDE {` (an alignment or attribute macro).
   */
  private tagAttribute(end: number): boolean {
    if (!(this.lastIdentIs('struct') || this.lastIdentIs('union') || this.lastIdentIs('class'))) return false;
    const text = this.text;
    const next = skipSpaceAndComments(text, end);
    if (!isIdentStart(text.charCodeAt(next))) return false;
    let nextEnd = next + 1;
    while (nextEnd < text.length && isIdentChar(text.charCodeAt(nextEnd))) nextEnd++;
    return text.charCodeAt(skipSpaceAndComments(text, nextEnd)) === Ch.LBrace;
  }

  /**
   * A line that is only a macro invocation, outside any function body, after a complete
   * declaration and before the next: `__CRT_UUID_DECL(IFoo, 0x..., ...)`, `BEGIN_COM_MAP(CFoo)`.
   * C has no such declaration without a `;`: it is a macro that expands to whole declarations
   * (or to nothing), and is blanked.
   */
  private invocationLine(name: string, start: number, end: number): number {
    const text = this.text;
    const last = this.lastCode;
    if (!(last === 0 || last === Ch.Semicolon || last === Ch.LBrace || last === Ch.RBrace || last === 0x3a /* : */)) return -1;
    let paren = end;
    while (text.charCodeAt(paren) === Ch.Space || text.charCodeAt(paren) === Ch.Tab) paren++;
    if (text.charCodeAt(paren) !== Ch.LParen || !ALL_CAPS_RE.test(name)) return -1;
    const args = this.argumentList(paren);
    if (args === null) return -1;
    let k = args.close + 1;
    for (;;) {
      const c = text.charCodeAt(k);
      if (isHorizontalSpace(c)) k++;
      else if (c === Ch.Slash && text.charCodeAt(k + 1) === Ch.Star) {
        const close = skipBlockComment(text, k);
        if (text.slice(k, close).includes('\n')) return -1;
        k = close;
      } else if (c === Ch.Slash && text.charCodeAt(k + 1) === Ch.Slash) k = skipLineComment(text, k);
      else break;
    }
    if (k < text.length && text.charCodeAt(k) !== Ch.LF) return -1;
    const next = skipSpaceAndComments(text, k);
    const nc = text.charCodeAt(next);
    if (!(next >= text.length || nc === Ch.Hash || nc === Ch.RBrace || isIdentStart(nc))) return -1;
    this.edits.push(start, end, EditKind.Blank);
    this.edits.blankAround(args.open, args.close + 1, args.comments);
    this.record(name, 'invocation', start, args.close + 1);
    this.lastCode = Ch.Semicolon; // what stood there was a complete declaration
    return args.close + 1;
  }

  private apply(name: string, treatment: MacroTreatment, start: number, end: number): number {
    const edits = this.edits;
    if (treatment === 'word' || treatment === 'const') {
      if (treatment === 'word') edits.push(start, end, EditKind.Blank);
      else {
        edits.push(start, start + 5, EditKind.Const);
        edits.push(start + 5, end, EditKind.Blank);
        this.setIdent('const');
      }
      this.record(name, treatment, start, end);
      return end;
    }
    if (treatment === 'struct-keyword') {
      if (isIdentStart(this.text.charCodeAt(skipSpaceAndComments(this.text, end)))) {
        edits.push(start, start + 6, EditKind.Struct);
        edits.push(start + 6, end, EditKind.Blank);
        this.record(name, treatment, start, end);
        this.setIdent('struct');
      } else this.setIdent(name);
      return end;
    }
    const paren = skipSpaceAndComments(this.text, end);
    const args = this.text.charCodeAt(paren) === Ch.LParen ? this.argumentList(paren) : null;
    if (args === null) {
      // A name without (balanced) arguments: blank what is an annotation by itself, leave the rest.
      if (treatment === 'call' || treatment === 'declspec') {
        edits.push(start, end, EditKind.Blank);
        this.record(name, treatment, start, end);
      } else this.setIdent(name);
      return end;
    }
    this.record(name, treatment, start, args.close + 1);
    switch (treatment) {
      case 'call':
        edits.push(start, end, EditKind.Blank);
        edits.blankAround(args.open, args.close + 1, args.comments);
        return args.close + 1;
      case 'declspec':
        if (namesDllexport(this.text, args)) {
          this.lastCode = Ch.RParen;
          return args.close + 1;
        }
        edits.push(start, end, EditKind.Blank);
        edits.blankAround(args.open, args.close + 1, args.comments);
        return args.close + 1;
      case 'unwrap':
        edits.push(start, end, EditKind.Blank);
        edits.push(args.open, args.open + 1, EditKind.Blank);
        for (const comma of args.commas) {
          edits.push(comma, comma + 1, EditKind.Blank);
          this.blankedPunctuation.add(comma);
        }
        edits.push(args.close, args.close + 1, EditKind.Blank);
        this.blankedPunctuation.add(args.close);
        return args.open + 1; // the arguments are code: scan them too
      case 'type-name':
        edits.push(args.open, args.open + 1, EditKind.Blank);
        edits.push(args.close, args.close + 1, EditKind.Blank);
        this.blankedPunctuation.add(args.close);
        this.setIdent(name);
        return args.open + 1;
      case 'struct-head':
        return this.structHead(name, start, end, args);
    }
  }

  /**
   * `MIDL_INTERFACE("uuid") IFoo : public IUnknown` → `struct IFoo : public IUnknown`;
   * `DECLARE_INTERFACE_(IFoo, IUnknown)` → `struct IFoo: IUnknown`; `DECLARE_INTERFACE_IID_(IFoo, IBase, "iid")` likewise.
   */
  private structHead(name: string, start: number, end: number, args: ArgumentList): number {
    const edits = this.edits;
    edits.push(start, start + 6, EditKind.Struct);
    edits.push(start + 6, end, EditKind.Blank);
    if (name === 'MIDL_INTERFACE') {
      edits.blankAround(args.open, args.close + 1, args.comments);
      this.setIdent('struct');
      return args.close + 1;
    }
    edits.push(args.open, args.open + 1, EditKind.Blank);
    const [base, extra] = args.commas;
    if (base !== undefined) edits.push(base, base + 1, EditKind.Colon);
    if (extra !== undefined) edits.blankAround(extra, args.close + 1, commentsAfter(args.comments, extra));
    else edits.push(args.close, args.close + 1, EditKind.Blank);
    // What is left is `struct IFoo : IBase`: the `{` that follows opens a struct, not a body.
    this.setIdent('');
    return args.close + 1;
  }

  private record(name: string, treatment: WindowsMacroUse['treatment'], start: number, end: number): void {
    this.uses?.push({ name, treatment, start, end });
  }
}

/** Whether a `__declspec(...)` or `__attribute__((...))` argument list names `dllexport`. */
function namesDllexport(text: string, args: ArgumentList): boolean {
  return /\bdllexport\b/.test(text.slice(args.open + 1, args.close));
}

/** The comments (flattened start/end pairs) that start after `offset`. */
function commentsAfter(comments: readonly number[], offset: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < comments.length; k += 2) if (comments[k] > offset) out.push(comments[k], comments[k + 1]);
  return out;
}

/** [start, end) of `text` as spaces, newlines (LF and CR) kept. */
function blankOf(text: string, start: number, end: number): string {
  const slice = text.slice(start, end);
  if (slice.indexOf('\n') < 0 && slice.indexOf('\r') < 0) return ' '.repeat(end - start);
  return slice.replace(/[^\r\n]/g, ' ');
}

function replacementOf(text: string, start: number, end: number, kind: EditKind): string {
  switch (kind) {
    case EditKind.Blank:
      return blankOf(text, start, end);
    case EditKind.Const:
      return 'const';
    case EditKind.Struct:
      return 'struct';
    case EditKind.Colon:
      return ':';
  }
}

function applyEdits(text: string, edits: EditList): string {
  const count = edits.starts.length;
  if (count === 0) return text;
  let order: number[] | null = null;
  if (!edits.sorted) {
    order = Array.from({ length: count }, (_, k) => k);
    order.sort((a, b) => edits.starts[a] - edits.starts[b]);
  }
  let out = '';
  let pos = 0;
  for (let k = 0; k < count; k++) {
    const e = order ? order[k] : k;
    const start = Math.max(edits.starts[e], pos);
    const end = edits.ends[e];
    if (end <= start) continue;
    out += text.slice(pos, start) + replacementOf(text, start, end, edits.kinds[e]);
    pos = end;
  }
  return out + text.slice(pos);
}

/** The text with Windows macros blanked: same length, same newlines, same offsets. */
export function blankWindowsMacros(text: string): string {
  const scanner = new MacroScanner(text, null);
  scanner.scan();
  return applyEdits(text, scanner.edits);
}

/** The Windows macros of the text, in order, as blankWindowsMacros sees them (for the model and for tests). */
export function findWindowsMacros(text: string): WindowsMacroUse[] {
  const uses: WindowsMacroUse[] = [];
  new MacroScanner(text, uses).scan();
  return uses;
}
