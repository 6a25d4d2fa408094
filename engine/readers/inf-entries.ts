/**
 * One INF entry read into its key and fields (inf-parser.ts asks for each logical line): quotes,
 * `""`, `%strkey%` substitution, `%%`, commas, the key's `=`, comments and continuations, with the
 * source offsets of every decoded character; and the [Strings] table the substitution reads.
 */
import { endOfPhysicalLine, isBlank, nextLineStart, restIsBlankOrComment, type SectionSkeleton } from './inf-structure.js';
import type { InfLine, InfValue } from './inf-types.js';

/** `[Strings]` or `[Strings.<language>]`, case-insensitive. */
export function isStringsSection(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'strings' || n.startsWith('strings.');
}

/** The [Strings] table: each key (lowercase) to its first value, `[Strings.<language>]` first, then `[Strings]`, then the others in file order. */
export function collectStrings(text: string, structure: { sections: SectionSkeleton[] }, language?: string): Map<string, InfValue> {
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
export function scanEntry(
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
