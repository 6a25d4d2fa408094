/**
 * The structure of an INF text (inf-parser.ts): where sections start and where each logical line
 * (entry) starts, quotes, comments and `\` continuations respected; and the blank and line-end
 * tests the entry scan (inf-entries.ts) shares.
 */

/** A section header and where its entries start (read by inf-entries.ts). */
export interface SectionSkeleton {
  name: string;
  nameRange: [number, number];
  headerRange: [number, number];
  lineStarts: number[];
}

/** The sections of the text, and the entries before the first header (Windows ignores them). */
export function scanStructure(text: string): { sections: SectionSkeleton[]; preambleStarts: number[] } {
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

export function restIsBlankOrComment(text: string, i: number): boolean {
  let j = i;
  while (j < text.length && isBlank(text[j])) j++;
  return j >= text.length || text[j] === '\n' || text[j] === '\r' || text[j] === ';';
}

export function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\f' || c === '\v' || c === '\ufeff' || c === '\u001a';
}

function skipBlanks(text: string, i: number): number {
  while (i < text.length && isBlank(text[i])) i++;
  return i;
}

export function endOfPhysicalLine(text: string, i: number): number {
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** Given the offset of a line terminator (or the end), the offset of the next line. */
export function nextLineStart(text: string, i: number): number {
  const eol = endOfPhysicalLine(text, i);
  if (eol >= text.length) return text.length;
  return text[eol] === '\r' && text[eol + 1] === '\n' ? eol + 2 : eol + 1;
}
