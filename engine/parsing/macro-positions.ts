/**
 * Macros the tables do not know, told by where they stand (outside function bodies only; the scan
 * of macro-blanking.ts asks): a line that is only a macro call, a `..._API_(type)` return-type
 * wrapper, an attribute between `struct` and its tag, a linkage or calling-convention name where
 * no type or name can stand, and the braces of the `#ifdef __cplusplus` / `extern "C" {` guard.
 * The lookaheads see the text as the parser will: known macros after a name are skipped as blanked.
 */
import {
  Ch,
  commentsBetween,
  isHorizontalSpace,
  isIdentChar,
  isIdentStart,
  isLineEnd,
  namesDllexport,
  readArgumentList,
  SHORT_ARGUMENT_LIST_LENGTH,
  skipBlockComment,
  skipLineComment,
  skipSpaceAndComments,
} from './c-lexing.js';
import { EditKind } from './macro-edits.js';
import { BraceKind, IDENT, type ScanState } from './macro-scan-state.js';
import { applyTreatment } from './macro-treatments.js';
import { classifyIdentifier, MAX_MACRO_NAME_LENGTH } from './windows-macros.js';

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
 * positionalMacro).
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

/** A name made of capitals, digits and underscores, with at least one capital. */
const ALL_CAPS_RE = /^_*[A-Z][A-Z0-9_]*$/;

/**
 * A name outside function bodies that no table knows, not an alias: blanked (or unwrapped) when
 * its position and shape make it a macro. Returns where the scan goes on, or -1 when it is a name.
 */
export function macroByPosition(s: ScanState, name: string, start: number, end: number, firstOnLine: boolean): number {
  // Cheap positional checks first; the name's shape is tested only where the position fits.
  if (firstOnLine) {
    const after = invocationLine(s, name, start, end);
    if (after >= 0) return after;
  }
  const last = name.charCodeAt(name.length - 1);
  if (last === Ch.Underscore && s.text.charCodeAt(end) === Ch.LParen && UNWRAP_SUFFIX_RE.test(name)) {
    return applyTreatment(s, name, 'unwrap', start, end);
  }
  if (tagAttribute(s, end) && ALL_CAPS_RE.test(name)) {
    s.edits.push(start, end, EditKind.Blank);
    s.record(name, 'word', start, end);
    return end;
  }
  if (
    ((last >= Ch.UpperA && last <= Ch.UpperZ) || last === Ch.Underscore) &&
    hasPositionalSuffix(name) &&
    !RETURN_TYPE_MACROS.has(name) &&
    positionalMacro(s, end)
  ) {
    s.edits.push(start, end, EditKind.Blank);
    s.record(name, 'word', start, end);
    return end;
  }
  return -1;
}

/**
 * A linkage or calling-convention macro the tables do not know, told by where it stands:
 * before a type and a declarator (`UPSAPI VOID NTAPI UPSCancelWait(VOID)`), between a type and
 * a name (`int DIAMONDAPI FCIAddFile(`), or before the `*` of a function pointer
 * (`typedef BOOL (DIAMONDAPI *PFNFCIFILEPLACED)(`). Three names in a row, or `(NAME *`, are
 * not C: one of them is a macro.
 */
function positionalMacro(s: ScanState, end: number): boolean {
  const text = s.text;
  // Look ahead as the parser will see the text: known macros after this name are blanked too.
  const next = skipBlankedMacros(text, end);
  const nc = text.charCodeAt(next);
  // `(DIAMONDAPI *PFNFCIFILEPLACED)(`: a calling convention in a function pointer declarator; not
  // `(TYPE *name)` of a parameter list, which a `(` does not follow.
  if (s.lastCode === Ch.LParen) return nc === Ch.Star && isPointerDeclaratorAt(text, next);
  const afterType = (s.lastCode === IDENT && !DECL_START_WORDS.has(s.lastIdent)) || s.lastCode === Ch.Star;
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
  const after = text.charCodeAt(skipBlankedMacros(text, nextEnd));
  // A third name (`UPSAPI VOID UPSCancelWait`), or a pointer: NAME TYPE NAME is not C without a macro.
  return isIdentStart(after) || after === Ch.Star || after === 0x26 /* & */;
}

/**
 * From `k`: past spaces, comments and the Windows macros this scan blanks whole (bare ones and
 * annotations with their arguments), to the next thing the parser will see.
 */
function skipBlankedMacros(text: string, k: number): number {
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
function isPointerDeclaratorAt(text: string, star: number): boolean {
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
function tagAttribute(s: ScanState, end: number): boolean {
  if (!(s.lastIdentIs('struct') || s.lastIdentIs('union') || s.lastIdentIs('class'))) return false;
  const text = s.text;
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
function invocationLine(s: ScanState, name: string, start: number, end: number): number {
  const text = s.text;
  const last = s.lastCode;
  if (!(last === 0 || last === Ch.Semicolon || last === Ch.LBrace || last === Ch.RBrace || last === 0x3a /* : */)) return -1;
  let paren = end;
  while (text.charCodeAt(paren) === Ch.Space || text.charCodeAt(paren) === Ch.Tab) paren++;
  if (text.charCodeAt(paren) !== Ch.LParen || !ALL_CAPS_RE.test(name)) return -1;
  const args = s.argumentList(paren);
  if (args === null) return -1;
  let k = args.close + 1;
  for (;;) {
    const c = text.charCodeAt(k);
    if (isLineEnd(text, k, c)) break;
    if (isHorizontalSpace(c)) k++;
    else if (c === Ch.Slash && text.charCodeAt(k + 1) === Ch.Star) {
      const close = skipBlockComment(text, k);
      if (/[\r\n]/.test(text.slice(k, close))) return -1;
      k = close;
    } else if (c === Ch.Slash && text.charCodeAt(k + 1) === Ch.Slash) k = skipLineComment(text, k);
    else break;
  }
  if (k < text.length && !isLineEnd(text, k, text.charCodeAt(k))) return -1;
  const next = skipSpaceAndComments(text, k);
  const nc = text.charCodeAt(next);
  if (!(next >= text.length || nc === Ch.Hash || nc === Ch.RBrace || isIdentStart(nc))) return -1;
  s.edits.push(start, end, EditKind.Blank);
  s.edits.blankAround(args.open, args.close + 1, args.comments);
  s.record(name, 'invocation', start, args.close + 1);
  s.lastCode = Ch.Semicolon; // what stood there was a complete declaration
  return args.close + 1;
}

/**
 * `extern "C" {` directly followed by a directive line: the C++ guard of a C header
 * (`#ifdef __cplusplus` / `extern "C" {` / `#endif`), or a block whose contents depend on the
 * preprocessor. Tree-sitter cannot pair a brace opened in one conditional with one closed in
 * another (`#ifdef __cplusplus` / `}` / `#endif`), so the braces are blanked: this one here, its
 * closing one where the scan meets it, and the declarations between are read at file scope.
 * Returns the end of the blanked opening, or -1.
 */
export function externCBlock(s: ScanState, start: number, end: number): number {
  const text = s.text;
  const quote = skipSpaceAndComments(text, end);
  if (!text.startsWith('"C"', quote)) return -1;
  const brace = skipSpaceAndComments(text, quote + 3);
  if (text.charCodeAt(brace) !== Ch.LBrace || text.charCodeAt(skipSpaceAndComments(text, brace + 1)) !== Ch.Hash) return -1;
  s.edits.blankAround(start, brace + 1, commentsBetween(text, start, brace + 1));
  s.braces.push(BraceKind.BlankedExternC);
  s.record('extern "C" {', 'cplusplus-guard', start, brace + 1);
  return brace + 1;
}
