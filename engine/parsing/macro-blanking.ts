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
 * - Preprocessor directive lines are left as they are (but those of a conditional group opened
 *   inside a parameter list, see below). The name after `#define` must stay, `#if`
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
 *
 * The scan is split by what it handles: c-lexing.ts (character classes, skips over comments,
 * literals, directives and argument lists), macro-scan-state.ts (the scan's state),
 * macro-treatments.ts (the macros of the tables), macro-positions.ts (macros told by position),
 * macro-aliases.ts (the file's own #defines of Windows macros), macro-edits.ts (the edits and
 * their application), directives-in-parens.ts (`#ifdef ... #else ... #endif` inside a parameter
 * list: the first branch kept, the directive lines and the other branches blanked), knr-definitions.ts
 * (the declaration list of a K&R definition, blanked).
 */
import { Ch, isDigit, isHorizontalSpace, isIdentChar, isIdentStart, RAW_PREFIXES, skipBlockComment, skipDirective, skipLineComment, skipNumber, skipQuoted, skipRawString, spliceEnd } from './c-lexing.js';
import { alias, defineDirective } from './macro-aliases.js';
import { ParenDirectives } from './directives-in-parens.js';
import { knrDefinitionAt } from './knr-definitions.js';
import { applyEdits, EditKind } from './macro-edits.js';
import { externCBlock, macroByPosition } from './macro-positions.js';
import { BraceKind, IDENT, ScanState, type WindowsMacroUse } from './macro-scan-state.js';
import { applyTreatment } from './macro-treatments.js';
import { classifyIdentifier, MAX_MACRO_NAME_LENGTH } from './windows-macros.js';

export type { WindowsMacroUse };

/** Words after which `{` opens a body even though no `)` precedes it (`void f() const {`, `else {`, `do {`). */
const BODY_OPENING_WORDS = new Set(['const', 'override', 'final', 'noexcept', 'try', 'else', 'do', 'mutable']);

/** One scan of a text: its state (ScanState) and the loop over the text. */
class MacroScanner extends ScanState {
  /** Conditional directives inside a parameter list at file scope (directives-in-parens.ts). */
  private readonly parens = new ParenDirectives();
  /** The `{` of the K&R definition whose declaration list was blanked last (knr-definitions.ts). */
  private knrBody = -1;

  scan(): void {
    const text = this.text;
    const n = text.length;
    let i = 0;
    let lineStart = true;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === Ch.LF || c === Ch.CR) {
        lineStart = true; // a CR is a line end, or the start of the CRLF that is one (c-lexing.ts)
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
    if (this.bodyDepth === 0) {
      this.parens.punctuation(c);
      if (c === Ch.LParen && this.lastCode === IDENT) this.knrDefinition(at);
    }
    if (c === Ch.LBrace) {
      const body =
        this.bodyDepth > 0 || this.lastCode === Ch.RParen || at === this.knrBody || (this.lastCode === IDENT && BODY_OPENING_WORDS.has(this.lastIdent));
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
   * At a `(` after a name, outside function bodies: a K&R definition's declaration list is blanked
   * (comments kept) and its `{` opens a body (knr-definitions.ts).
   */
  private knrDefinition(open: number): void {
    const knr = knrDefinitionAt(this.text, open);
    if (!knr) return;
    this.edits.blankAround(knr.close + 1, knr.brace, knr.comments);
    this.knrBody = knr.brace;
  }

  /** From a directive's `#`: skips the directive, noting what a `#define` defines. */
  private directive(hash: number): number {
    const text = this.text;
    const end = skipDirective(text, hash);
    const kept = this.parens.directive(text, this.edits, hash, end, this.bodyDepth === 0);
    if (kept >= 0) return kept;
    const second = text.charCodeAt(hash + 1);
    if (second === 0x64 /* d */ || isHorizontalSpace(second)) defineDirective(this, hash, end);
    return end;
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
      if (length === 9 && this.bodyDepth === 0 && text.startsWith('interface', start)) return applyTreatment(this, 'interface', 'struct-keyword', start, end);
      if (length === 6 && this.bodyDepth === 0 && text.startsWith('extern', start)) {
        const after = externCBlock(this, start, end);
        if (after >= 0) return after;
      }
      if (this.aliasFirstChars !== null && this.aliasFirstChars[first] === 1 && alias(this, start, end)) return end;
      this.setIdentRange(start, end);
      return end;
    }
    const name = text.slice(start, end);
    const treatment = classifyIdentifier(name);
    if (treatment !== undefined) return applyTreatment(this, name, treatment, start, end);
    if (this.aliasFirstChars !== null && this.aliasFirstChars[first] === 1 && alias(this, start, end)) return end;
    if (this.bodyDepth === 0) {
      const after = macroByPosition(this, name, start, end, firstOnLine);
      if (after >= 0) return after;
    }
    this.setIdentRange(start, end);
    return end;
  }
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
