/**
 * K&R (old-style) function definitions of C, where the parameters are named in the parentheses
 * and declared between them and the body:
 *
 *     DWORD CALLBACK ContosoCo(f, s, d, c)
 *         DI_FUNCTION f;
 *         HDEVINFO s;
 *         PSP_DEVINFO_DATA d;
 *         PCOINSTALLER_CONTEXT_DATA c;
 *     {
 *
 * tree-sitter-cpp has no rule for the declaration list: it reads `DWORD ContosoCo(f, s, d, c)` as
 * a declaration missing its `;`, the parameter declarations as file-scope variables and the body
 * as a stray block, so the function is lost. Macro blanking (macro-blanking.ts) blanks the list,
 * comments kept, so that the parser sees a definition whose parameters are the bare names; the
 * summary reads the types from the original text with `knrParameterTypes` (summarize-header.ts).
 * A K&R definition is not C++, but one in a C++ file is read the same way.
 *
 * Recognised: a non-empty list of names in the parentheses, then declarations (type words,
 * declarators with `*` and `[...]`, SAL annotations with their arguments) of names of that list
 * only, each ending with `;`, then the `{` of the body. A function pointer parameter
 * (`int (*cb)();`) is not: such a definition stays as the parser reads it.
 */
import { Ch, isIdentChar, isIdentStart, skipBlockComment, skipLineComment } from './c-lexing.js';

/** How far past the `(` a definition's names and declaration list may reach: the scan stays linear. */
const MAX_KNR_LENGTH = 4096;

/** `[` and `]`, which c-lexing.ts's Ch does not name. */
const LEFT_BRACKET = 0x5b;
const RIGHT_BRACKET = 0x5d;

/** Qualifiers after a declarator's `*`. */
const QUALIFIERS = new Set(['const', 'volatile', 'restrict', '__restrict']);

/** Words of a declaration that are not part of the parameter's type. */
const STORAGE_WORDS = new Set(['register', 'auto']);

/** A SAL annotation that takes arguments (`_In_reads_(n)`, `__in_ecount(n)`): its parentheses are skipped. */
const ANNOTATION_WITH_ARGUMENTS = /^(_[A-Z]\w*_|__(in|out|inout|deref|drv|reserved)\w*)$/;

export interface KnrDefinition {
  /** Offset of the `)` closing the names. */
  close: number;
  /** Offset of the `{` of the body. */
  brace: number;
  /** The names in the parentheses, in order. */
  names: string[];
  /** The declared type of each name that has a declaration (as written, `*` appended per pointer or array declarator). */
  types: Map<string, string>;
  /** Comments between `)` and `{` (flattened start/end pairs): blanking keeps them. */
  comments: number[];
}

/** Reads tokens from the text: identifiers, punctuation; spaces and comments skipped (and noted). */
class Tokens {
  pos: number;
  readonly comments: number[] = [];
  constructor(
    readonly text: string,
    from: number,
    readonly limit: number,
  ) {
    this.pos = from;
  }

  /** Past spaces, newlines and comments; the code of the next character (NaN at the end or the limit). */
  peek(): number {
    const { text } = this;
    for (;;) {
      if (this.pos >= this.limit) return NaN;
      const c = text.charCodeAt(this.pos);
      if (c === Ch.Space || c === Ch.Tab || c === Ch.CR || c === Ch.LF || c === Ch.VT || c === Ch.FF) this.pos++;
      else if (c === Ch.Slash && (text.charCodeAt(this.pos + 1) === Ch.Star || text.charCodeAt(this.pos + 1) === Ch.Slash)) {
        const end = text.charCodeAt(this.pos + 1) === Ch.Star ? skipBlockComment(text, this.pos) : skipLineComment(text, this.pos);
        this.comments.push(this.pos, end);
        this.pos = end;
      } else return c;
    }
  }

  /** The identifier at the position (after peek), or undefined. */
  identifier(): string | undefined {
    const c = this.peek();
    if (!isIdentStart(c)) return undefined;
    const start = this.pos;
    while (this.pos < this.limit && isIdentChar(this.text.charCodeAt(this.pos))) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** From `[`: past the `]` closing it (no `;`, braces or other brackets between); false when it does not close. */
  skipBrackets(): boolean {
    for (let k = this.pos + 1; k < this.limit; k++) {
      const c = this.text.charCodeAt(k);
      if (c === RIGHT_BRACKET) {
        this.pos = k + 1;
        return true;
      }
      if (c === Ch.Semicolon || c === Ch.LBrace || c === Ch.RBrace || c === LEFT_BRACKET) return false;
    }
    return false;
  }

  /** Skips a balanced `( ... )` holding no `;`, `{` or `}`; false when it does not close. */
  skipParens(): boolean {
    let depth = 0;
    while (this.pos < this.limit) {
      const c = this.peek();
      if (c === Ch.LParen) depth++;
      else if (c === Ch.RParen) depth--;
      else if (c === Ch.Semicolon || c === Ch.LBrace || c === Ch.RBrace || Number.isNaN(c)) return false;
      this.pos++;
      if (depth === 0) return true;
    }
    return false;
  }
}

/**
 * From the `(` at `open`: the K&R definition whose names it opens, or null when the text there is
 * anything else (a prototype, a call, a definition with a prototype).
 */
export function knrDefinitionAt(text: string, open: number): KnrDefinition | null {
  const limit = Math.min(text.length, open + MAX_KNR_LENGTH);
  const t = new Tokens(text, open + 1, limit);
  const names: string[] = [];
  for (;;) {
    const name = t.identifier();
    if (name === undefined) return null;
    names.push(name);
    const c = t.peek();
    t.pos++;
    if (c === Ch.RParen) break;
    if (c !== Ch.Comma) return null;
  }
  const close = t.pos - 1;
  // the declarations: only names of the list, each one ending with `;`
  const known = new Set(names);
  const types = new Map<string, string>();
  t.comments.length = 0;
  let declarations = 0;
  for (;;) {
    const c = t.peek();
    if (c === Ch.LBrace) break;
    if (!declaration(t, known, types)) return null;
    declarations++;
  }
  if (declarations === 0) return null;
  return { close, brace: t.pos, names, types, comments: t.comments };
}

/**
 * One declaration `type declarator, declarator;` at the reader's position, read up to and with its
 * `;`; the declared types go into `types`. False when it is not one.
 */
function declaration(t: Tokens, known: ReadonlySet<string>, types: Map<string, string>): boolean {
  // the specifiers: every word before the first declarator (its stars, or its name: the last word before `,` `;` `[`)
  const words: string[] = [];
  for (;;) {
    const word = t.identifier();
    if (word === undefined) break;
    if (ANNOTATION_WITH_ARGUMENTS.test(word) && t.peek() === Ch.LParen) {
      // the annotation with its arguments, as written
      const open = t.pos;
      if (!t.skipParens()) return false;
      words.push(word + t.text.slice(open, t.pos).replace(/\s+/g, ' '));
    } else words.push(word);
  }
  let c = t.peek();
  // without stars, the last word is the first declarator's name
  let pendingName = c === Ch.Star ? undefined : words.pop();
  const base = words.filter((w) => !STORAGE_WORDS.has(w)).join(' ');
  if (base === '') return false;
  for (;;) {
    let stars = '';
    let name = pendingName;
    pendingName = undefined;
    // `*name`, `* const name`, `**name`: stars and qualifiers up to the name
    while (name === undefined) {
      if (t.peek() === Ch.Star) {
        stars += '*';
        t.pos++;
        continue;
      }
      const word = t.identifier();
      if (word === undefined) return false;
      if (!QUALIFIERS.has(word)) name = word;
    }
    if (!known.has(name)) return false;
    c = t.peek();
    while (c === LEFT_BRACKET) {
      // an array parameter is a pointer: `char b[16]` is `char *b`
      if (!t.skipBrackets()) return false;
      stars += '*';
      c = t.peek();
    }
    types.set(name, base + stars);
    t.pos++;
    if (c === Ch.Semicolon) return true;
    if (c !== Ch.Comma) return false;
  }
}

/**
 * The parameters of a definition read as K&R: each name of the list with its declared type (`int`
 * when it has none: C's implicit int), when the text from the `(` at `open` to the body's `{` at
 * `bodyStart` is a K&R name list and declaration list; else null.
 */
export function knrParameterTypes(text: string, open: number, bodyStart: number): { name: string; type: string }[] | null {
  const knr = knrDefinitionAt(text, open);
  if (!knr || knr.brace !== bodyStart) return null;
  return knr.names.map((name) => ({ name, type: knr.types.get(name) ?? 'int' }));
}

/**
 * For the prefilter (engine/batch/prefilter.ts), on text without comments or literals: whether the
 * name at `at`, outside parentheses, may stand in a K&R declaration list. From it there is only
 * declaration text (names, numbers, `*`, `,`, `;`, brackets, an annotation's parentheses) up to a
 * `{` that follows a `;`. Conservative: a true answer is checked by the parse.
 */
export function mayBeKnrDeclaration(code: string, at: number): boolean {
  const limit = Math.min(code.length, at + MAX_KNR_LENGTH);
  let last = 0;
  for (let i = at; i < limit; i++) {
    const c = code.charCodeAt(i);
    if (c === Ch.LBrace) return last === Ch.Semicolon;
    if (c === Ch.Space || c === Ch.Tab || c === Ch.CR || c === Ch.LF) continue;
    const declarationText =
      isIdentChar(c) || c === Ch.Star || c === Ch.Comma || c === Ch.Semicolon || c === LEFT_BRACKET || c === RIGHT_BRACKET || c === Ch.LParen || c === Ch.RParen;
    if (!declarationText) return false;
    last = c;
  }
  return false;
}
