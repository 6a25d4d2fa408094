/**
 * The state of one macro-blanking scan (MacroScanner of macro-blanking.ts drives it): the text, the edits made so
 * far, the last code token the parser will see, the open braces, the module's own macro aliases,
 * and (on request) the macros found. The handlers in macro-treatments.ts, macro-positions.ts and
 * macro-aliases.ts read and update it.
 */
import { MAX_ARGUMENT_LIST_LENGTH, readArgumentList, SHORT_ARGUMENT_LIST_LENGTH, type ArgumentList } from './c-lexing.js';
import { EditList } from './macro-edits.js';
import type { MacroTreatment } from './windows-macros.js';

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

/**
 * After this many argument lists that ran long without closing (broken or hostile text), the
 * rest of the file gets SHORT_ARGUMENT_LIST_LENGTH: the scan stays linear whatever the text.
 */
const MAX_LONG_FAILURES = 8;

/** lastCode of an identifier ('a'). */
export const IDENT = 0x61;

/** What an open brace opened. */
export const enum BraceKind {
  Other,
  Body,
  BlankedExternC,
}

export class ScanState {
  readonly edits = new EditList();
  /** The last code character the parser sees: punctuation, IDENT for an identifier, 0 at the start. */
  lastCode = 0;
  /** The last identifier: its range in the text, or its spelling when it was respelled. */
  private lastIdentStart = 0;
  private lastIdentEnd = 0;
  private lastIdentSpelling: string | null = null;
  /** One entry per open brace: what it opened (a body, a blanked `extern "C" {`, anything else). */
  readonly braces: BraceKind[] = [];
  bodyDepth = 0;
  /** Object-like macros defined in the text: name → body when it is only Windows macros (or empty), else null. */
  aliases: Map<string, string | null> | null = null;
  /** Argument lists that ran longer than SHORT_ARGUMENT_LIST_LENGTH without closing. */
  private longFailures = 0;
  /** First characters (ASCII) of the alias names: a cheap filter before looking a name up. */
  aliasFirstChars: Uint8Array | null = null;
  /** Punctuation blanked by an `unwrap` or `type-name` macro that the scan meets again: not code. */
  readonly blankedPunctuation = new Set<number>();

  constructor(
    readonly text: string,
    readonly uses: WindowsMacroUse[] | null,
  ) {}

  setIdent(name: string): void {
    this.lastCode = IDENT;
    this.lastIdentSpelling = name;
  }

  setIdentRange(start: number, end: number): void {
    this.lastCode = IDENT;
    this.lastIdentSpelling = null;
    this.lastIdentStart = start;
    this.lastIdentEnd = end;
  }

  /** The last identifier's text (only read where the position calls for it: most are never read). */
  get lastIdent(): string {
    return this.lastIdentSpelling ?? this.text.slice(this.lastIdentStart, this.lastIdentEnd);
  }

  /** Whether the last code token is the identifier `word` (without slicing the text). */
  lastIdentIs(word: string): boolean {
    if (this.lastCode !== IDENT) return false;
    if (this.lastIdentSpelling !== null) return this.lastIdentSpelling === word;
    return this.lastIdentEnd - this.lastIdentStart === word.length && this.text.startsWith(word, this.lastIdentStart);
  }

  /** readArgumentList with a budget: a few long failures shorten the reach of every later one. */
  argumentList(open: number): ArgumentList | null {
    const maxLength = this.longFailures >= MAX_LONG_FAILURES ? SHORT_ARGUMENT_LIST_LENGTH : MAX_ARGUMENT_LIST_LENGTH;
    const args = readArgumentList(this.text, open, maxLength);
    if (typeof args !== 'number') return args;
    if (args - open > SHORT_ARGUMENT_LIST_LENGTH) this.longFailures++;
    return null;
  }

  record(name: string, treatment: WindowsMacroUse['treatment'], start: number, end: number): void {
    this.uses?.push({ name, treatment, start, end });
  }
}
