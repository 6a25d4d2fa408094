/**
 * The edits macro blanking makes (the scan records them, blankWindowsMacros applies them):
 * a range blanked to spaces (newlines kept), or respelled with a word of the same length or less,
 * the rest blanked (`CONST` as `const`, `MIDL_INTERFACE` as `struct`, a comma as `:`).
 */

export const enum EditKind {
  Blank,
  Const,
  Struct,
  Colon,
}

/** Edits, kept in three parallel arrays; sorted by start at the end when they were not pushed in order. */
export class EditList {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly kinds: EditKind[] = [];
  sorted = true;

  push(start: number, end: number, kind: EditKind): void {
    if (end <= start) return;
    const last = this.ends.length - 1;
    if (last >= 0 && start < this.ends[last]) this.sorted = false;
    this.starts.push(start);
    this.ends.push(end);
    this.kinds.push(kind);
  }

  /** Blanks [start, end) except the comments listed (flattened start/end pairs inside the range). */
  blankAround(start: number, end: number, comments: readonly number[]): void {
    let from = start;
    for (let c = 0; c < comments.length; c += 2) {
      this.push(from, comments[c], EditKind.Blank);
      from = comments[c + 1];
    }
    this.push(from, end, EditKind.Blank);
  }
}

/** [start, end) of `text` as spaces, newlines (LF and CR) kept. */
function blankOf(text: string, start: number, end: number): string {
  const slice = text.slice(start, end);
  if (slice.indexOf('\n') < 0 && slice.indexOf('\r') < 0) return ' '.repeat(end - start);
  return slice.replace(/[^\r\n]/g, ' ');
}

function replacementOf(text: string, start: number, end: number, kind: EditKind): string {
  switch (kind) {
    case EditKind.Blank:
      return blankOf(text, start, end);
    case EditKind.Const:
      return 'const';
    case EditKind.Struct:
      return 'struct';
    case EditKind.Colon:
      return ':';
  }
}

/** `text` with the edits made, in order of their starts (the part of an edit inside the one before is left out). */
export function applyEdits(text: string, edits: EditList): string {
  const count = edits.starts.length;
  if (count === 0) return text;
  let order: number[] | null = null;
  if (!edits.sorted) {
    order = Array.from({ length: count }, (_, k) => k);
    order.sort((a, b) => edits.starts[a] - edits.starts[b]);
  }
  let out = '';
  let pos = 0;
  for (let k = 0; k < count; k++) {
    const e = order ? order[k] : k;
    const start = Math.max(edits.starts[e], pos);
    const end = edits.ends[e];
    if (end <= start) continue;
    out += text.slice(pos, start) + replacementOf(text, start, end, edits.kinds[e]);
    pos = end;
  }
  return out + text.slice(pos);
}
