/**
 * Moves a file's lint results over an edit that changed no finding (see comment-edit.ts): every
 * offset after the edit moves by its length change, lines and columns are read again from the new
 * text. A result whose range holds the edited region (its message, fix or suggestion might quote
 * it) cannot be moved: the caller lints again instead. Pure.
 */
import { mergeFixes } from '../linter/fixer.js';
import type { Fix, LintMessage, OffsetRange, RelatedLocation } from '../linter/types.js';
import type { EntryPointInfo } from '../model/contract.js';
import { lineColumn, type LineIndex } from '../text/line-index.js';
import type { TextShift } from '../text/text-shift.js';

/** Thrown inside shiftMessages when a range cannot be moved. */
class Unmovable extends Error {}

/** A range moved over the edit, or Unmovable when it holds (part of) the edited region. */
function moveRange(range: OffsetRange, shift: TextShift): OffsetRange {
  const [start, end] = range;
  if (end <= shift.at) return range;
  if (start >= shift.oldEnd) return [start + shift.delta, end + shift.delta];
  throw new Unmovable();
}

/**
 * A fix's edit moved over the edit: as moveRange, and a deletion that holds the edited region
 * strictly inside it (a comment in the statement a fix removes) still deletes all of it, so it
 * grows or shrinks by the edit's length change.
 */
function moveEdit(range: OffsetRange, text: string, shift: TextShift): OffsetRange {
  const [start, end] = range;
  if (text === '' && start < shift.at && shift.oldEnd < end) return [start, end + shift.delta];
  return moveRange(range, shift);
}

/**
 * A fix moved over the edit. A fix made of several edits moves edit by edit, and its merge (which
 * copies the text between them, perhaps the edited comment) is made again from the new text.
 */
function moveFix(fix: Fix, shift: TextShift, newText: string): Fix {
  // the title and the edits in other files (which are not the edited one) stay as they are
  const kept = { ...(fix.desc !== undefined ? { desc: fix.desc } : {}), ...(fix.otherFiles ? { otherFiles: fix.otherFiles } : {}) };
  if (!fix.edits) {
    const otherOnly = fix.otherFiles !== undefined && fix.range[0] === fix.range[1] && fix.text === '';
    const range = otherOnly ? fix.range : moveEdit(fix.range, fix.text, shift);
    return range === fix.range ? fix : { range, text: fix.text, ...kept };
  }
  const edits = fix.edits.map((e) => {
    const range = moveEdit(e.range, e.text, shift);
    return range === e.range ? e : { range, text: e.text };
  });
  if (edits.every((e, i) => e === fix.edits![i]) && fix.range[1] <= shift.at) return fix;
  return { ...mergeFixes(edits, newText)!, ...kept };
}

/**
 * `messages` of a file, with the places in the edited file moved. `filePath` is the file the
 * messages belong to, `edited` the edited file and `lines` its new line index. Null when a range
 * holds the edited region, or a related place in the edited file has no offsets. A fix of another
 * file that edits the edited file (Fix.otherFiles) has those edits moved when `moveOtherFileEdits`
 * (the edit cannot have changed the fix, as for the file's own fixes), else it is null: planned again.
 */
export function shiftMessages(
  messages: readonly LintMessage[],
  filePath: string,
  edited: string,
  shift: TextShift,
  lines: LineIndex,
  moveOtherFileEdits = true,
): LintMessage[] | null {
  try {
    return messages.map((m) => {
      let out: LintMessage = filePath === edited || !editsFile(m, edited) ? m : otherFileEditsMoved(m, edited, shift, moveOtherFileEdits);
      if (filePath === edited) {
        const range = moveRange(m.range, shift);
        const fix = m.fix && moveFix(m.fix, shift, lines.text);
        const suggestions = m.suggestions?.map((s) => {
          const moved = moveFix(s.fix, shift, lines.text);
          return moved === s.fix ? s : { ...s, fix: moved };
        });
        if (range !== m.range || fix !== m.fix || suggestions?.some((s, i) => s !== m.suggestions![i])) {
          const start = lineColumn(lines.lineStarts, range[0]);
          const end = lineColumn(lines.lineStarts, range[1]);
          out = { ...m, range, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
          if (fix) out.fix = fix;
          if (suggestions) out.suggestions = suggestions;
        }
      }
      const related = m.related?.map((r) => moveRelated(r, edited, shift, lines));
      if (related && related.some((r, i) => r !== m.related![i])) out = { ...out, related };
      return out;
    });
  } catch (error) {
    if (error instanceof Unmovable) return null;
    throw error;
  }
}

/** Whether a fix or suggestion of `m` edits `filePath` as another file of the module. */
function editsFile(m: LintMessage, filePath: string): boolean {
  const fixes = [...(m.fix ? [m.fix] : []), ...(m.suggestions ?? []).map((s) => s.fix)];
  return fixes.some((f) => f.otherFiles?.some((o) => o.filePath === filePath));
}

/** `m` with its fixes' edits in the edited file moved; Unmovable when not allowed or one holds the edited region. */
function otherFileEditsMoved(m: LintMessage, edited: string, shift: TextShift, allowed: boolean): LintMessage {
  if (!allowed) throw new Unmovable();
  let changed = false;
  const move = (fix: Fix): Fix => ({
    ...fix,
    otherFiles: fix.otherFiles?.map((o) => {
      if (o.filePath !== edited) return o;
      const edits = o.edits.map((e) => {
        const range = moveEdit(e.range, e.text, shift);
        if (range !== e.range) changed = true;
        return range === e.range ? e : { range, text: e.text };
      });
      return { filePath: o.filePath, edits };
    }),
  });
  const out: LintMessage = { ...m };
  if (m.fix) out.fix = move(m.fix);
  if (m.suggestions) out.suggestions = m.suggestions.map((s) => ({ ...s, fix: move(s.fix) }));
  return changed ? out : m;
}

function moveRelated(r: RelatedLocation, edited: string, shift: TextShift, lines: LineIndex): RelatedLocation {
  if (r.filePath !== edited) return r;
  if (!r.range) throw new Unmovable();
  const range = moveRange(r.range, shift);
  if (range === r.range) return r;
  const start = lineColumn(lines.lineStarts, range[0]);
  const end = lineColumn(lines.lineStarts, range[1]);
  return { ...r, range, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** Entry points with their ranges in the edited file moved; null when one holds the edited region's start but not all of it. */
export function shiftEntryPoints(entryPoints: readonly EntryPointInfo[], edited: string, shift: TextShift): EntryPointInfo[] {
  return entryPoints.map((e) => {
    if (e.filePath !== edited) return e;
    const range = spanMove(e.range, shift);
    const nameRange = spanMove(e.nameRange, shift);
    return range === e.range && nameRange === e.nameRange ? e : { ...e, range, nameRange };
  });
}

/** An enclosing span (a function holding the edited comment) grows or shrinks with the edit. */
function spanMove(range: readonly [number, number], shift: TextShift): readonly [number, number] {
  const [start, end] = range;
  if (end <= shift.at) return range;
  if (start >= shift.oldEnd) return [start + shift.delta, end + shift.delta];
  if (start <= shift.at && end >= shift.oldEnd) return [start, end + shift.delta];
  return range; // cannot happen for an edit inside one comment
}
