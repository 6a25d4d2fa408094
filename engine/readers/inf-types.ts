/** What parseInf (inf-parser.ts) gives: sections, entries and their fields, with offsets into the text. */

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
