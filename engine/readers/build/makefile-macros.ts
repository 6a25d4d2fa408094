/**
 * The macro definitions of an nmake-style file (a WDK `sources` file, its `makefile.inc`), read
 * as data: `NAME=value` lines, `\` at the end of a line continues it (read as a space), `#`
 * starts a comment, `!if`/`!else`/`!endif` lines are skipped so that every branch's definitions
 * count in order (a later one wins), `!include` and the other `!` directives are skipped. A
 * definition that names itself (`TARGETLIBS=$(TARGETLIBS) x.lib`) takes the earlier value in
 * place, with the ranges it was written at. Other references are expanded when read
 * (`$(NAME)`, `$(NAME:a=b)`, `$N`), from the definitions of all files read; unknown ones are kept.
 */
import { type LocatedText, sliceLocated, splitEntries, type WrittenEntry } from './build-entries.js';
import { type BuildDiagnostic } from './build-types.js';

/** Part of a macro's value, written in one file. */
export interface MacroPiece {
  text: LocatedText;
  file: string;
}

/** One entry of a macro's value: as written, where, and expanded. */
export interface MacroEntry extends WrittenEntry {
  file: string;
  piece: LocatedText;
  value: string;
  unresolved: boolean;
}

const REFERENCE = /\$(?:\(([A-Za-z_][\w.]*)(?::([^=)]*)=([^)]*))?\)|([A-Za-z_]))/g;
const MAX_EXPANSION_DEPTH = 16;

export class MacroTable {
  private readonly macros = new Map<string, MacroPiece[]>();
  readonly diagnostics: BuildDiagnostic[] = [];

  has(name: string): boolean {
    return this.macros.has(name);
  }

  /**
   * Reads the definitions of `text`. `strict` (a sources file): a line that is not a definition
   * is reported; otherwise (makefile.inc, which also holds rules and their commands) it is skipped.
   * Returns the names defined.
   */
  read(text: string, file: string, strict: boolean): string[] {
    const defined: string[] = [];
    for (const line of logicalLines(text, file, strict ? this.diagnostics : undefined)) {
      const first = line.value.search(/\S/);
      if (first < 0 || line.value[first] === '!') continue;
      if (!strict && first > 0) continue;
      const match = /^\s*([A-Za-z_][\w.]*)\s*=/.exec(line.value);
      if (!match) {
        if (strict) this.report(file, line, first, 'not a macro definition (NAME=value)');
        continue;
      }
      const valueStart = match[0].length;
      const unterminated = /\$\([^)]*$/.exec(line.value.slice(valueStart));
      if (unterminated) this.report(file, line, valueStart + unterminated.index, `unterminated "$(" in the value of ${match[1]}`);
      this.define(match[1], { text: sliceLocated(line, valueStart, line.value.length), file });
      defined.push(match[1]);
    }
    return defined;
  }

  /** The entries of a macro's final value between separators, each expanded. */
  entries(name: string, separator: RegExp): MacroEntry[] {
    const out: MacroEntry[] = [];
    for (const piece of this.macros.get(name) ?? []) {
      for (const entry of splitEntries(piece.text, separator)) {
        const { value, unresolved } = this.expand(entry.text, 0);
        out.push({ ...entry, file: piece.file, piece: piece.text, value, unresolved: unresolved || value.includes('$(') });
      }
    }
    return out;
  }

  /** References in `text` replaced by the macros' values; unknown ones kept as written. */
  expand(text: string, depth: number): { value: string; unresolved: boolean } {
    let unresolved = false;
    const value = text.replace(REFERENCE, (whole, long: string | undefined, from: string | undefined, to: string | undefined, short: string | undefined) => {
      const pieces = this.macros.get(long ?? short ?? '');
      if (!pieces || depth >= MAX_EXPANSION_DEPTH) {
        unresolved = true;
        return whole;
      }
      const inner = this.expand(pieces.map((p) => p.text.value).join(''), depth + 1);
      if (inner.unresolved) unresolved = true;
      return from ? inner.value.split(from).join(to ?? '') : inner.value;
    });
    return { value, unresolved };
  }

  private define(name: string, piece: MacroPiece): void {
    const pieces: MacroPiece[] = [];
    const self = new RegExp(`\\$\\(${name.replace(/\./g, '\\.')}\\)`, 'g');
    let last = 0;
    for (const match of piece.text.value.matchAll(self)) {
      pieces.push({ text: sliceLocated(piece.text, last, match.index), file: piece.file });
      pieces.push(...(this.macros.get(name) ?? []));
      last = match.index + match[0].length;
    }
    pieces.push({ text: sliceLocated(piece.text, last, piece.text.value.length), file: piece.file });
    this.macros.set(name, pieces);
  }

  private report(file: string, line: LocatedText, at: number, message: string): void {
    const end = line.value.trimEnd().length;
    this.diagnostics.push({ file, message, range: [line.starts[at], line.ends[Math.max(at, end - 1)]] });
  }
}

/**
 * The logical lines of a makefile: comments removed, `\`-continued lines joined (the backslash
 * and line break read as one space, located at the backslash).
 */
function logicalLines(text: string, file: string, diagnostics: BuildDiagnostic[] | undefined): LocatedText[] {
  const lines: LocatedText[] = [];
  let current: LocatedText | undefined;
  const lineBreak = /\r\n|\n|\r/g;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lastContinued = -1;
  while (start <= text.length) {
    lineBreak.lastIndex = start;
    const found = lineBreak.exec(text);
    const end = found ? found.index : text.length;
    let content = end;
    const hash = text.slice(start, end).search(/(?<!\^)#/);
    if (hash >= 0) content = start + hash;
    let stop = content;
    while (stop > start && (text[stop - 1] === ' ' || text[stop - 1] === '\t')) stop--;
    const continued = hash < 0 && stop > start && text[stop - 1] === '\\';
    current ??= { value: '', starts: [], ends: [], end: start };
    for (let i = start; i < (continued ? stop - 1 : content); i++) {
      current.value += text[i];
      current.starts.push(i);
      current.ends.push(i + 1);
    }
    current.end = continued ? stop - 1 : content;
    if (continued) {
      current.value += ' ';
      current.starts.push(stop - 1);
      current.ends.push(stop);
      lastContinued = stop - 1;
    } else {
      lines.push(current);
      current = undefined;
    }
    if (!found) break;
    start = found.index + found[0].length;
  }
  if (current) {
    lines.push(current);
    diagnostics?.push({ file, message: 'the last line ends with "\\" (a continuation with no next line)', range: [lastContinued, lastContinued + 1] });
  }
  return lines;
}
