/**
 * Applying one fix or suggestion alone, as an editor applies a code action: its edits in the
 * reported file and its edits in the other files of the module (Fix.otherFiles, engine/linter/types.ts),
 * all or nothing. And the two comparisons the acceptance harness makes of the lint before and
 * after: where a position moved to, and which findings are new.
 */
import type { Fix, LintMessage, OffsetRange } from '../../engine/linter/types.js';

export interface TextEdit {
  range: OffsetRange;
  text: string;
}

/** The edits a fix makes in its own file: its `edits`, or itself (none when it only edits other files). */
export function ownEdits(fix: Fix): readonly TextEdit[] {
  if (fix.edits && fix.edits.length > 0) return fix.edits;
  if (fix.range[0] === fix.range[1] && fix.text === '' && (fix.otherFiles?.length ?? 0) > 0) return [];
  return [fix];
}

/** Applies sorted, non-overlapping edits (touching ones too: an insertion right after a replacement); throws on overlap. */
export function applyEditList(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let out = '';
  let cursor = 0;
  for (const e of sorted) {
    const [start, end] = e.range;
    if (start < cursor || end < start || end > text.length) throw new Error(`edit [${start}, ${end}] overlaps another or leaves the text (${text.length} characters)`);
    out += text.slice(cursor, start) + e.text;
    cursor = end;
  }
  return out + text.slice(cursor);
}

/**
 * The module's texts after applying `fix`, reported in `filePath`, alone: its own edits and
 * those of every other file it names. Throws when it names a file that is not in the module.
 */
export function applyFixAlone(texts: ReadonlyMap<string, string>, filePath: string, fix: Fix): Map<string, string> {
  const out = new Map(texts);
  const own = texts.get(filePath);
  if (own === undefined) throw new Error(`${filePath} is not in the module`);
  out.set(filePath, applyEditList(own, ownEdits(fix)));
  for (const other of fix.otherFiles ?? []) {
    const text = out.get(other.filePath);
    if (text === undefined) throw new Error(`the fix edits ${other.filePath}, which is not a file of the module`);
    if (other.filePath === filePath) throw new Error(`the fix lists its own file ${filePath} among its other files`);
    out.set(other.filePath, applyEditList(text, other.edits));
  }
  return out;
}

/**
 * Where `offset` is after the edits: moved by the length change of every edit before it (an
 * insertion at the offset itself included: the text at the offset follows it); an offset inside a
 * replaced range goes to the start of its replacement.
 */
export function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  let shift = 0;
  for (const e of [...edits].sort((a, b) => a.range[0] - b.range[0])) {
    const [start, end] = e.range;
    if (end <= offset) shift += e.text.length - (end - start);
    else if (start <= offset && offset < end) return start + shift;
  }
  return offset + shift;
}

/** A finding as the "no new finding" comparison sees it: rule, file and message (positions move with edits). */
export const findingKey = (filePath: string, m: Pick<LintMessage, 'ruleId' | 'message'>): string => `${m.ruleId ?? '(no rule)'} | ${filePath} | ${m.message}`;

/** The findings of `after` that `before` does not account for (a multiset difference: each finding of before accounts for one). */
export function newFindings(before: readonly string[], after: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const k of before) left.set(k, (left.get(k) ?? 0) + 1);
  const extra: string[] = [];
  for (const k of after) {
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else extra.push(k);
  }
  return extra;
}

/** The line ending style of a text: 'CRLF' when every line break is CRLF, 'LF' when none has a CR, else 'mixed'. */
export function lineEndingsOf(text: string): 'CRLF' | 'LF' | 'mixed' | 'none' {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  const cr = (text.match(/\r(?!\n)/g) ?? []).length;
  if (crlf + lf + cr === 0) return 'none';
  if (lf === 0 && cr === 0) return 'CRLF';
  if (crlf === 0 && cr === 0) return 'LF';
  return 'mixed';
}

/** The width of a line as an editor shows it, tabs to the next multiple of four. */
function width(line: string): number {
  let w = 0;
  for (const ch of line) w = ch === '\t' ? w + 4 - (w % 4) : w + 1;
  return w;
}

/**
 * The lines of `after` that the edit wrote (their text, indentation aside, is no line of
 * `before`) and that are wider than `limit` columns.
 */
export function longWrittenLines(before: string, after: string, limit: number): string[] {
  const old = new Set(before.split(/\r\n|\r|\n/).map((l) => l.trim()));
  return after.split(/\r\n|\r|\n/).filter((l) => width(l) > limit && !old.has(l.trim()));
}
