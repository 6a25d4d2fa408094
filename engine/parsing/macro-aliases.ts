/**
 * A module's own macros that stand for Windows macros: `#define NAME body` where the body is empty
 * or only macros of the tables (windows-macros.ts) and `extern "C"`, whose later uses macro
 * blanking blanks too (`#define COINST_API extern "C" __declspec(dllexport)`).
 */
import { Ch, isHorizontalSpace, isIdentChar, isIdentStart, readArgumentList, skipSpaceAndComments } from './c-lexing.js';
import { EditKind } from './macro-edits.js';
import type { ScanState } from './macro-scan-state.js';
import { classifyIdentifier } from './windows-macros.js';

/**
 * `#define NAME body` with no parameters, where the body is empty or only Windows macros
 * (`#define COINST_API extern "C" __declspec(dllexport)`, `#define MY_ANNOTATION`): NAME expands
 * to what blanking removes anyway, so its later uses in the file are blanked too. A name defined
 * twice with bodies that disagree (`#ifdef DEBUG` / `#else`) is left alone.
 */
export function defineDirective(s: ScanState, hash: number, end: number): void {
  const text = s.text;
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
  const known = s.aliases?.get(name);
  if (known === undefined) {
    s.aliases ??= new Map();
    s.aliases.set(name, alias ? body.trim() : null);
    if (alias && name.charCodeAt(0) < 0x80) (s.aliasFirstChars ??= new Uint8Array(128))[name.charCodeAt(0)] = 1;
  } else if ((known !== null) !== alias) s.aliases!.set(name, null);
}

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

/** A use of a module macro that expands to Windows macros only: blanked. */
export function alias(s: ScanState, start: number, end: number): boolean {
  const name = s.text.slice(start, end);
  if (typeof s.aliases?.get(name) !== 'string') return false;
  s.edits.push(start, end, EditKind.Blank);
  s.uses?.push({ name, treatment: 'alias', start, end, aliasBody: s.aliases.get(name)! });
  return true;
}
