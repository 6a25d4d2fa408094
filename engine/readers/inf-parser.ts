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

/** One field of an entry. */
export interface InfValue {
  /** Decoded: quotes removed, `""` → `"`, `%strkey%` substituted, `%%` → `%`, blanks trimmed. */
  text: string;
  /** The source as written, from the first to the last significant character (quotes included). */
  raw: string;
  /** Offsets of `raw` in the text; an empty field has an empty range where it stands. */
  range: [number, number];
  /** True when any part of the field was in double quotes. */
  quoted: boolean;
  /** For each character of `text`, the source offsets it came from (a substituted character maps to its whole %token%). */
  charStarts: number[];
  charEnds: number[];
}

export interface InfLine {
  /** The section the entry belongs to, as written (undefined before the first section header). */
  section: string | undefined;
  key?: InfValue;
  values: InfValue[];
  /** From the first to the last significant character of the entry (continuations included, comment excluded). */
  range: [number, number];
}

export interface InfSection {
  name: string;
  /** Offsets of the name inside the brackets (trimmed). */
  nameRange: [number, number];
  /** Offsets from `[` to `]` included (to the end of the name when `]` is missing). */
  headerRange: [number, number];
  lines: InfLine[];
}

export interface InfParseOptions {
  /** Prefer `[Strings.<language>]` (for example "0409") for %strkey% substitution. */
  language?: string;
}

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

// ---------------------------------------------------------------------------------------------
// Structure: where sections start and where each logical line (entry) starts.

interface SectionSkeleton {
  name: string;
  nameRange: [number, number];
  headerRange: [number, number];
  lineStarts: number[];
}

function scanStructure(text: string): { sections: SectionSkeleton[]; preambleStarts: number[] } {
  const sections: SectionSkeleton[] = [];
  const preambleStarts: number[] = [];
  let pos = 0;
  while (pos < text.length) {
    const first = skipBlanks(text, pos);
    const c = text[first];
    if (first >= text.length) break;
    if (c === '\n' || c === '\r') {
      pos = nextLineStart(text, first);
      continue;
    }
    if (c === ';') {
      pos = nextLineStart(text, first);
      continue;
    }
    if (c === '[') {
      sections.push(readHeader(text, first));
      pos = nextLineStart(text, first);
      continue;
    }
    const { next, empty } = skipEntry(text, pos);
    if (!empty) {
      if (sections.length > 0) sections[sections.length - 1].lineStarts.push(pos);
      else preambleStarts.push(pos);
    }
    pos = next > pos ? next : nextLineStart(text, pos);
  }
  return { sections, preambleStarts };
}

/** Finds where the logical line starting at `start` ends (quotes, comments and continuations respected). */
function skipEntry(text: string, start: number): { next: number; empty: boolean } {
  let empty = true;
  let inQuote = false;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n' || c === '\r') break;
    if (inQuote) {
      if (c === '"') inQuote = false;
      i++;
      continue;
    }
    if (c === ';') {
      i = endOfPhysicalLine(text, i);
      break;
    }
    if (c === '\\' && restIsBlankOrComment(text, i + 1)) {
      const eol = endOfPhysicalLine(text, i + 1);
      if (eol >= text.length) return { next: text.length, empty: false };
      i = nextLineStart(text, eol);
      empty = false;
      continue;
    }
    if (c === '"') inQuote = true;
    if (!isBlank(c)) empty = false;
    i++;
  }
  const eol = endOfPhysicalLine(text, i);
  return { next: eol >= text.length ? text.length : nextLineStart(text, eol), empty };
}

function readHeader(text: string, open: number): SectionSkeleton {
  let i = open + 1;
  let close = -1;
  let inQuote = false;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') {
    if (text[i] === '"') inQuote = !inQuote;
    else if (text[i] === ']' && !inQuote) {
      close = i;
      break;
    }
    i++;
  }
  const end = close >= 0 ? close : i;
  let a = open + 1;
  let b = end;
  while (a < b && isBlank(text[a])) a++;
  while (b > a && isBlank(text[b - 1])) b--;
  let name = text.slice(a, b);
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1);
  return { name, nameRange: [a, b], headerRange: [open, close >= 0 ? close + 1 : b], lineStarts: [] };
}

// ---------------------------------------------------------------------------------------------
// Strings

function isStringsSection(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'strings' || n.startsWith('strings.');
}

function collectStrings(text: string, structure: { sections: SectionSkeleton[] }, language?: string): Map<string, InfValue> {
  const ranked = structure.sections
    .filter((s) => isStringsSection(s.name))
    .map((s, order) => {
      const n = s.name.toLowerCase();
      const rank = language && n === `strings.${language.toLowerCase()}` ? 0 : n === 'strings' ? 1 : 2;
      return { s, rank, order };
    })
    .sort((a, b) => a.rank - b.rank || a.order - b.order);
  const strings = new Map<string, InfValue>();
  for (const { s } of ranked) {
    for (const start of s.lineStarts) {
      const { line } = scanEntry(text, start, s.name, { commaSeparates: false, strings: undefined });
      if (!line.key || line.values.length === 0) continue;
      const key = line.key.text.toLowerCase();
      if (!strings.has(key)) strings.set(key, line.values[0]);
    }
  }
  return strings;
}

// ---------------------------------------------------------------------------------------------
// Entries

interface ScanOptions {
  /** False in [Strings] sections: the value runs to the end of the entry. */
  commaSeparates: boolean;
  /** Substitute %strkey% tokens from this table; undefined keeps them as written. */
  strings: Map<string, InfValue> | undefined;
}

interface FieldBuilder {
  /** Decoded UTF-16 code units, each with its source range and whether it was quoted (parallel arrays). */
  units: string[];
  starts: number[];
  ends: number[];
  quoted: boolean[];
  /** Offsets of the first and after the last significant source character. */
  sigStart: number;
  sigEnd: number;
  /** Where the field begins (for empty fields). */
  at: number;
  anyQuoted: boolean;
}

function newField(at: number): FieldBuilder {
  return { units: [], starts: [], ends: [], quoted: [], sigStart: -1, sigEnd: -1, at, anyQuoted: false };
}

function significant(f: FieldBuilder, start: number, end: number): void {
  if (f.sigStart < 0) f.sigStart = start;
  f.sigEnd = end;
}

function finishField(text: string, f: FieldBuilder): InfValue {
  let a = 0;
  let b = f.units.length;
  while (a < b && !f.quoted[a] && isBlank(f.units[a])) a++;
  while (b > a && !f.quoted[b - 1] && isBlank(f.units[b - 1])) b--;
  const range: [number, number] = f.sigStart < 0 ? [f.at, f.at] : [f.sigStart, f.sigEnd];
  return {
    text: f.units.slice(a, b).join(''),
    raw: text.slice(range[0], range[1]),
    range,
    quoted: f.anyQuoted,
    charStarts: f.starts.slice(a, b),
    charEnds: f.ends.slice(a, b),
  };
}

/**
 * Reads one logical line starting at `start` (a physical line start). Returns the entry, whether
 * the line held nothing but blanks and comments, and where the next physical line starts.
 */
function scanEntry(
  text: string,
  start: number,
  section: string | undefined,
  options: ScanOptions,
): { line: InfLine; empty: boolean; next: number } {
  const fields: FieldBuilder[] = [];
  let key: FieldBuilder | undefined;
  let cur = newField(start);
  let inQuote = false;
  let i = start;
  let lineStart = -1;
  let lineEnd = -1;
  const mark = (a: number, b: number) => {
    if (lineStart < 0) lineStart = a;
    lineEnd = b;
  };
  /** Adds one decoded code unit (or, with `unit` empty, only marks [a, b) significant). */
  const push = (unit: string, a: number, b: number, quoted: boolean) => {
    if (unit !== '') {
      cur.units.push(unit);
      cur.starts.push(a);
      cur.ends.push(b);
      cur.quoted.push(quoted);
    }
    if (quoted || unit === '' || !isBlank(unit)) {
      significant(cur, a, b);
      mark(a, b);
    }
  };

  for (;;) {
    if (i >= text.length || text[i] === '\n' || text[i] === '\r') break;
    const c = text[i];
    if (inQuote) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          push('"', i, i + 2, true);
          i += 2;
        } else {
          inQuote = false;
          significant(cur, i, i + 1);
          mark(i, i + 1);
          i++;
        }
        continue;
      }
      if (c === '%' && options.strings) {
        i = percent(text, i, true, options.strings, push);
        continue;
      }
      push(c, i, i + 1, true);
      i++;
      continue;
    }
    if (c === ';') {
      i = endOfPhysicalLine(text, i);
      break;
    }
    if (c === '"') {
      inQuote = true;
      cur.anyQuoted = true;
      significant(cur, i, i + 1);
      mark(i, i + 1);
      i++;
      continue;
    }
    if (c === ',' && options.commaSeparates) {
      fields.push(cur);
      cur = newField(i + 1);
      mark(i, i + 1);
      i++;
      continue;
    }
    if (c === '=' && !key && fields.length === 0) {
      key = cur;
      cur = newField(i + 1);
      mark(i, i + 1);
      i++;
      continue;
    }
    if (c === '\\' && restIsBlankOrComment(text, i + 1)) {
      const eol = endOfPhysicalLine(text, i + 1);
      if (eol >= text.length) {
        i = eol;
        break;
      }
      i = nextLineStart(text, eol);
      continue;
    }
    if (c === '%' && options.strings) {
      i = percent(text, i, false, options.strings, push);
      continue;
    }
    push(c, i, i + 1, false);
    i++;
  }
  const eol = endOfPhysicalLine(text, i);
  const next = eol >= text.length ? text.length : nextLineStart(text, eol);
  const empty = lineStart < 0;
  fields.push(cur);
  const values = empty ? [] : fields.map((f) => finishField(text, f));
  const line: InfLine = {
    section,
    values,
    range: empty ? [start, start] : [lineStart, lineEnd],
  };
  if (key && !empty) line.key = finishField(text, key);
  return { line, empty, next };
}

/** Handles a `%` at `i`: `%%`, a known `%strkey%`, or a literal. Returns the next offset. */
function percent(
  text: string,
  i: number,
  quoted: boolean,
  strings: Map<string, InfValue>,
  push: (ch: string, a: number, b: number, quoted: boolean) => void,
): number {
  if (text[i + 1] === '%') {
    push('%', i, i + 2, quoted);
    return i + 2;
  }
  let j = i + 1;
  while (j < text.length && text[j] !== '%' && text[j] !== '"' && text[j] !== '\n' && text[j] !== '\r') {
    if (!quoted && (text[j] === ',' || text[j] === ';')) break;
    j++;
  }
  if (text[j] === '%' && j > i + 1) {
    const value = strings.get(text.slice(i + 1, j).toLowerCase());
    if (value) {
      const t = value.text;
      for (let k = 0; k < t.length; k++) push(t[k], i, j + 1, quoted);
      // A substituted empty string still makes the token significant.
      if (t === '') push('', i, j + 1, quoted);
      return j + 1;
    }
  }
  push('%', i, i + 1, quoted);
  return i + 1;
}

function restIsBlankOrComment(text: string, i: number): boolean {
  let j = i;
  while (j < text.length && isBlank(text[j])) j++;
  return j >= text.length || text[j] === '\n' || text[j] === '\r' || text[j] === ';';
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\f' || c === '\v' || c === '\ufeff' || c === '\u001a';
}

function skipBlanks(text: string, i: number): number {
  while (i < text.length && isBlank(text[i])) i++;
  return i;
}

function endOfPhysicalLine(text: string, i: number): number {
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** Given the offset of a line terminator (or the end), the offset of the next line. */
function nextLineStart(text: string, i: number): number {
  const eol = endOfPhysicalLine(text, i);
  if (eol >= text.length) return text.length;
  return text[eol] === '\r' && text[eol + 1] === '\n' ? eol + 2 : eol + 1;
}
