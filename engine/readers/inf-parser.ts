/**
 * A small INF parser of our own (no INF grammar exists on npm), after Microsoft's "General
 * Syntax Rules for INF Files" and "INF Strings Section". It keeps every key and value with its
 * offsets (UTF-16 code units) into the text it was given, so that rules report exact positions.
 *
 * Supported:
 * - sections `[name]`, looked up case-insensitively; sections of the same name are merged by the
 *   lookups (`linesOf`), as Windows merges them; a header without `]` runs to the end of the line;
 * - entries `key = value, value, ...` and value-only entries `value, value, ...`; the key is the
 *   first field when it ends at an unquoted `=` (a later `=` is an ordinary character);
 * - empty fields (`HKR,,Installer32,,"x"` has five values, two of them empty);
 * - double-quoted strings; inside them `""` is one literal quote, and `,` `;` `=` `\` are ordinary
 *   characters; a string left open ends at the end of the line (quoted strings never span lines);
 * - unquoted leading and trailing spaces and tabs of a field are dropped, inner ones kept;
 * - `;` comments to the end of the line, outside quotes;
 * - line continuation: a `\` outside quotes followed only by spaces, tabs or a comment up to the
 *   end of the line joins the next line to this one (the `\` and line end are removed);
 * - `%strkey%` tokens replaced by the [Strings] value, in keys and values, quoted or not;
 *   `%%` is one literal `%`; a token naming no string (`%11%`, a DIRID) is kept as written.
 *   Strings come from `[Strings.<language>]` when `options.language` is given, then `[Strings]`,
 *   then any other `[Strings.xxxx]` in file order. In [Strings] sections a comma does not split the
 *   value (`Company = Contoso, Inc.` is one string) and no substitution takes place;
 * - LF, CRLF and lone CR line ends (offsets refer to the text as given, so CRLF is preserved);
 *   a byte-order mark and Ctrl-Z (old end-of-file marker) count as blanks.
 *
 * Not supported: section names built from %strkey% tokens, `#include`-like directives (INF has
 * none; Include/Needs are ordinary entries), and quoted strings spanning lines.
 *
 * UTF-16 files arrive already decoded. The parser never throws.
 */
import { collectStrings, isStringsSection, scanEntry } from './inf-entries.js';
import { scanStructure } from './inf-structure.js';
import type { InfLine, InfParseOptions, InfSection, InfValue } from './inf-types.js';

export type { InfLine, InfParseOptions, InfSection, InfValue };

/** The source range of the characters [start, end) of a decoded value. */
export function valueSourceRange(value: InfValue, start: number, end: number): [number, number] {
  if (value.text.length === 0 || start >= end) {
    const at = start < value.charStarts.length ? value.charStarts[start] : value.range[1];
    return [at, at];
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = Math.max(0, start); i < Math.min(end, value.text.length); i++) {
    lo = Math.min(lo, value.charStarts[i]);
    hi = Math.max(hi, value.charEnds[i]);
  }
  return [lo, hi];
}

export class InfDocument {
  /** Sections in file order; a name used twice gives two entries here. */
  readonly sections: InfSection[];
  /** Entries before the first section header (Windows ignores them). */
  readonly preamble: InfLine[];
  private readonly strings: Map<string, InfValue>;
  private readonly byName = new Map<string, InfSection[]>();

  constructor(
    readonly text: string,
    sections: InfSection[],
    preamble: InfLine[],
    strings: Map<string, InfValue>,
  ) {
    this.sections = sections;
    this.preamble = preamble;
    this.strings = strings;
    for (const s of sections) {
      const key = s.name.toLowerCase();
      const list = this.byName.get(key);
      if (list) list.push(s);
      else this.byName.set(key, [s]);
    }
  }

  /** Every section with this name (case-insensitive), in file order. */
  sectionsNamed(name: string): InfSection[] {
    return this.byName.get(name.trim().toLowerCase())?.slice() ?? [];
  }

  hasSection(name: string): boolean {
    return this.sectionsNamed(name).length > 0;
  }

  /** The entries of a section, merged over every section of that name. */
  linesOf(name: string): InfLine[] {
    return this.sectionsNamed(name).flatMap((s) => s.lines);
  }

  /** The decoded value of a string key (case-insensitive), if defined. */
  stringValue(key: string): string | undefined {
    return this.strings.get(key.toLowerCase())?.text;
  }

  /** The [Strings] entry a key resolves to (its value, with offsets). */
  stringEntry(key: string): InfValue | undefined {
    return this.strings.get(key.toLowerCase());
  }
}

/** The entries of `lines` whose key is `directive` (case-insensitive), e.g. every AddReg= line. */
export function directiveLines(lines: readonly InfLine[], directive: string): InfLine[] {
  const want = directive.toLowerCase();
  return lines.filter((l) => l.key !== undefined && l.key.text.toLowerCase() === want);
}

/** The section names an install section's directive lists (`AddReg = a, b` gives a and b), empty ones dropped. */
export function directiveSections(lines: readonly InfLine[], directive: string): InfValue[] {
  return directiveLines(lines, directive).flatMap((l) => l.values.filter((v) => v.text !== ''));
}

export function parseInf(text: string, options: InfParseOptions = {}): InfDocument {
  const structure = scanStructure(text);
  const strings = collectStrings(text, structure, options.language);
  const sections: InfSection[] = [];
  const preamble: InfLine[] = [];
  for (const s of structure.sections) {
    const isStrings = isStringsSection(s.name);
    const lines = s.lineStarts.map((start) =>
      scanEntry(text, start, s.name, { commaSeparates: !isStrings, strings: isStrings ? undefined : strings }).line,
    );
    sections.push({ name: s.name, nameRange: s.nameRange, headerRange: s.headerRange, lines });
  }
  for (const start of structure.preambleStarts) {
    preamble.push(scanEntry(text, start, undefined, { commaSeparates: true, strings }).line);
  }
  return new InfDocument(text, sections, preamble, strings);
}
