import { describe, expect, it } from 'vitest';
import { shiftMessages } from '../../engine/incremental/shift-outcome.js';
import type { LintMessage } from '../../engine/linter/types.js';
import { LineIndex } from '../../engine/text/line-index.js';

// A finding in ui.c whose fix edits coinstaller.c (a cross-file fix): an edit in coinstaller.c,
// even inside a comment or one function, leaves its offsets there stale, so the results are not
// moved (the lint session lints the module again, engine/incremental/comment-edit-shift.ts and
// function-relint.ts); an edit in a third file moves nothing of it.
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
  it('does not move the results of another file whose fix edits the edited file', () => {
    expect(shiftMessages([message], 'ui.c', 'coinstaller.c', shift, lines)).toBeNull();
    const suggested: LintMessage = { ...message, fix: undefined, suggestions: [{ desc: 'd', fix: message.fix! }] };
    expect(shiftMessages([suggested], 'ui.c', 'coinstaller.c', shift, lines)).toBeNull();
  });

  it('keeps them when another file was edited', () => {
    expect(shiftMessages([message], 'ui.c', 'helpers.c', shift, lines)).toEqual([message]);
  });
});
