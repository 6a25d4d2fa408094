/**
 * Conditional directives inside parentheses at file scope, for macro blanking (macro-blanking.ts):
 *
 *     DWORD CALLBACK CoInstaller(
 *     #ifdef CONTOSO_UINT_DIF
 *         UINT InstallFunction,
 *     #else
 *         DI_FUNCTION InstallFunction,
 *     #endif
 *         HDEVINFO DeviceInfoSet, ...)
 *
 * tree-sitter-cpp has no rule for a directive inside a parameter list: the whole function becomes
 * an error and the model loses it (docs/architecture.md, Entry points). The scan keeps the first
 * branch of such a group and blanks the rest, as a preprocessor defining the first condition
 * would: the `#if`/`#ifdef`/`#ifndef` line and the `#endif` line become spaces, and so does
 * everything from an `#elif` or `#else` to its `#endif`. Only groups opened inside the parentheses
 * are touched (their `#else` and `#endif` are then blanked wherever they stand); comments stay.
 */
import { Ch, isHorizontalSpace, isIdentChar, isLineEnd, nextDirective, skipBlockComment, skipDirective, skipLineComment, skipQuoted } from './c-lexing.js';
import type { EditList } from './macro-edits.js';

type Keyword = 'if' | 'else' | 'endif' | 'other';

export class ParenDirectives {
  /** Parentheses open at file scope (out of function bodies). */
  private depth = 0;
  /** Groups opened inside parentheses whose `#endif` is still to come. */
  private open = 0;

  /** Punctuation at file scope: `(` and `)` count; `;`, `{` and `}` end any unbalanced list. */
  punctuation(c: number): void {
    if (c === Ch.LParen) this.depth++;
    else if (c === Ch.RParen) this.depth = Math.max(0, this.depth - 1);
    else if (c === Ch.Semicolon || c === Ch.LBrace || c === Ch.RBrace) this.depth = 0;
  }

  /**
   * At a directive's `#` (its line ends at `end`): blanks it, and a later branch with it, when it
   * belongs to a group opened inside parentheses; returns where the scan goes on, or -1.
   */
  directive(text: string, edits: EditList, hash: number, end: number, atFileScope: boolean): number {
    if (this.open === 0 && !(atFileScope && this.depth > 0)) return -1;
    const keyword = keywordAt(text, hash);
    if (keyword === 'if' && atFileScope && this.depth > 0) {
      this.open++;
      blankKeepingComments(text, edits, hash, end);
      return end;
    }
    if (this.open === 0 || keyword === 'if' || keyword === 'other') return -1;
    this.open--;
    const stop = keyword === 'endif' ? end : matchingEndif(text, end);
    blankKeepingComments(text, edits, hash, stop);
    return stop;
  }
}

/** The kind of directive at `hash`: `#if`, `#ifdef`, `#ifndef` open a group; `#elif...`, `#else` continue it. */
function keywordAt(text: string, hash: number): Keyword {
  let k = hash + 1;
  while (k < text.length && isHorizontalSpace(text.charCodeAt(k)) && !isLineEnd(text, k, text.charCodeAt(k))) k++;
  let e = k;
  while (e < text.length && isIdentChar(text.charCodeAt(e))) e++;
  const word = text.slice(k, e);
  if (word === 'if' || word === 'ifdef' || word === 'ifndef') return 'if';
  if (word === 'else' || word === 'elif' || word === 'elifdef' || word === 'elifndef') return 'else';
  if (word === 'endif') return 'endif';
  return 'other';
}

/** From the end of an `#elif`/`#else` line: the end of the line of the `#endif` closing its group. */
function matchingEndif(text: string, from: number): number {
  let nested = 0;
  for (let i = nextDirective(text, from, false); i >= 0; ) {
    const end = skipDirective(text, i);
    const keyword = keywordAt(text, i);
    if (keyword === 'if') nested++;
    else if (keyword === 'endif' && nested-- === 0) return end;
    i = nextDirective(text, end, false);
  }
  return text.length;
}

/** Blanks [start, end) but the comments in it (string and character literals skipped). */
function blankKeepingComments(text: string, edits: EditList, start: number, end: number): void {
  const comments: number[] = [];
  for (let i = start; i < end; ) {
    const c = text.charCodeAt(i);
    if (c === Ch.Slash && text.charCodeAt(i + 1) === Ch.Star) {
      const after = Math.min(skipBlockComment(text, i), end);
      comments.push(i, after);
      i = after;
    } else if (c === Ch.Slash && text.charCodeAt(i + 1) === Ch.Slash) {
      const after = Math.min(skipLineComment(text, i), end);
      comments.push(i, after);
      i = after;
    } else if (c === Ch.Quote || c === Ch.Apostrophe) {
      i = skipQuoted(text, i, c);
    } else i++;
  }
  edits.blankAround(start, end, comments);
}
