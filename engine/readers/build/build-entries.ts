/**
 * Lists as build files write them (`a.lib;b.lib`, `-DUNICODE -D_UNICODE`): each entry with the
 * range it is written at, from decoded text that keeps the source offset of every character
 * (engine/readers/build/xml-scanner.ts gives such text for XML; the sources and
 * compile_commands readers build it for their formats).
 */
import { hasWildcard, resolveBuildPath } from './build-paths.js';
import { type BuildItem } from './build-types.js';

/** Decoded text and where each of its characters is written (an entity such as &amp; is one character written over several). */
export interface LocatedText {
  value: string;
  /** Source offset where each character starts. */
  starts: number[];
  /** Source offset where each character ends. */
  ends: number[];
  /** Source offset of the end of the text. */
  end: number;
}

/** One entry of a list: its text as written (decoded) and its source range. */
export interface WrittenEntry {
  text: string;
  range: [number, number];
  /** Index of the entry's first character in the decoded text. */
  from: number;
}

/** Text as written, offsets from `start` (for text with no escapes). */
export function locatedSlice(text: string, start: number, end: number): LocatedText {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = start; i < end; i++) {
    starts.push(i);
    ends.push(i + 1);
  }
  return { value: text.slice(start, end), starts, ends, end };
}

/** The part [from, to) of a located text. */
export function sliceLocated(text: LocatedText, from: number, to: number): LocatedText {
  return {
    value: text.value.slice(from, to),
    starts: text.starts.slice(from, to),
    ends: text.ends.slice(from, to),
    end: to < text.value.length ? text.starts[to] : text.end,
  };
}

/** The source range of the decoded characters [from, to). */
export function rangeOf(text: LocatedText, from: number, to: number): [number, number] {
  if (to <= from) {
    const at = text.starts[from] ?? text.end;
    return [at, at];
  }
  return [text.starts[from], text.ends[to - 1]];
}

/**
 * The non-empty entries of `text` between separators, trimmed, with their source ranges. `$(...)`
 * and `%(...)` references are kept whole even when they hold a separator.
 */
export function splitEntries(text: LocatedText, separator: RegExp): WrittenEntry[] {
  const out: WrittenEntry[] = [];
  const v = text.value;
  let start = 0;
  let depth = 0;
  const flush = (end: number): void => {
    let a = start;
    let b = end;
    while (a < b && /\s/.test(v[a])) a++;
    while (b > a && /\s/.test(v[b - 1])) b--;
    if (b > a) out.push({ text: v.slice(a, b), range: rangeOf(text, a, b), from: a });
  };
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if ((c === '$' || c === '%' || c === '@') && v[i + 1] === '(') {
      depth++;
      i++;
    } else if (c === ')' && depth > 0) {
      depth--;
    } else if (depth === 0 && separator.test(c)) {
      flush(i);
      start = i + 1;
    }
  }
  flush(v.length);
  return out;
}

/** The trimmed text and its range (a single value such as TargetName), or undefined when empty. */
export function trimmedEntry(text: LocatedText): WrittenEntry | undefined {
  const v = text.value;
  let a = 0;
  let b = v.length;
  while (a < b && /\s/.test(v[a])) a++;
  while (b > a && /\s/.test(v[b - 1])) b--;
  return b > a ? { text: v.slice(a, b), range: rangeOf(text, a, b), from: a } : undefined;
}

/** True when a value still holds a reference the reader could not expand. */
export function isUnresolved(value: string): boolean {
  return /[$%@]\(/.test(value);
}

/** A build item for a value (not a path). */
export function valueItem(value: string, file: string, range: [number, number]): BuildItem {
  const item: BuildItem = { value: value.trim(), file, range };
  if (isUnresolved(value)) item.unresolved = true;
  return item;
}

/**
 * A build item for a path: resolved against `folder` when it is fully expanded and has no
 * wildcard, else kept as written with unresolved: true.
 */
export function pathItem(value: string, folder: string, file: string, range: [number, number]): BuildItem {
  const written = value.trim();
  if (isUnresolved(written) || hasWildcard(written)) return { value: written, file, range, unresolved: true };
  return { value: resolveBuildPath(folder, written), file, range };
}
