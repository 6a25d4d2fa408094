import { describe, expect, it } from 'vitest';
import { shiftMessages } from '../../engine/incremental/shift-outcome.js';
import type { LintMessage } from '../../engine/linter/types.js';
import { LineIndex } from '../../engine/text/line-index.js';

// A finding in ui.c whose fix edits coinstaller.c (a cross-file fix): an edit in coinstaller.c
// moves those edits as the file's own fixes move (a comment edit, a fix-neutral keystroke in one
// function: engine/incremental/comment-edit-shift.ts, function-relint.ts); an edit that holds one,
// or one the fix may depend on, makes the session lint the module again; an edit in a third file
// moves nothing of it.
const message: LintMessage = {
  ruleId: 'no-ui',
  severity: 2,
  message: 'm',
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 2,
  range: [0, 1],
  fix: { range: [0, 0], text: '', otherFiles: [{ filePath: 'coinstaller.c', edits: [{ range: [40, 40], text: 'x' }] }] },
};
const shift = { at: 10, oldEnd: 12, delta: 3 };
const lines = new LineIndex('/* a comment grown by three */ void f(void) {}');

describe('shiftMessages and cross-file fixes', () => {
  it('moves the edits of another file’s fix in the edited file past the edit', () => {
    const [moved] = shiftMessages([message], 'ui.c', 'coinstaller.c', shift, lines)!;
    // [40, 40] is after the edit [10, 12), which grew by three
    expect(moved.fix).toEqual({ range: [0, 0], text: '', otherFiles: [{ filePath: 'coinstaller.c', edits: [{ range: [43, 43], text: 'x' }] }] });
    const before: LintMessage = { ...message, fix: { ...message.fix!, otherFiles: [{ filePath: 'coinstaller.c', edits: [{ range: [5, 6], text: 'x' }] }] } };
    expect(shiftMessages([before], 'ui.c', 'coinstaller.c', shift, lines)![0].fix).toEqual(before.fix);
  });

  it('does not move them when the edit holds one of them, or when the edit may have changed the fix', () => {
    const holding: LintMessage = { ...message, fix: { ...message.fix!, otherFiles: [{ filePath: 'coinstaller.c', edits: [{ range: [9, 11], text: '' }] }] } };
    expect(shiftMessages([holding], 'ui.c', 'coinstaller.c', shift, lines)).toBeNull();
    const suggested: LintMessage = { ...message, fix: undefined, suggestions: [{ desc: 'd', fix: holding.fix! }] };
    expect(shiftMessages([suggested], 'ui.c', 'coinstaller.c', shift, lines)).toBeNull();
    expect(shiftMessages([message], 'ui.c', 'coinstaller.c', shift, lines, false)).toBeNull();
  });

  it('keeps them when another file was edited', () => {
    expect(shiftMessages([message], 'ui.c', 'helpers.c', shift, lines)).toEqual([message]);
  });
});
