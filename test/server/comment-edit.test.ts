/**
 * Edits inside one comment: recognised (commentOnlyEdit), and the results moved over them
 * (shiftMessages). Expected offsets are counted by hand from the texts below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LintMessage } from '../../engine/linter/types.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { LineIndex } from '../../engine/text/line-index.js';
import { differingRegion } from '../../engine/text/text-shift.js';
import { commentOnlyEdit } from '../../engine/incremental/comment-edit.js';
import { shiftEntryPoints, shiftMessages } from '../../engine/incremental/shift-outcome.js';

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser.delete());

/** commentOnlyEdit(before, after) with after's tree, the tree freed. */
function classify(before: string, after: string) {
  const tree = parser.parse(after);
  try {
    return commentOnlyEdit(before, after, tree.rootNode);
  } finally {
    tree.delete();
  }
}

const CODE = 'void f(void)\n{\n    g(); /* a note */\n    h(); // line note\n}\n';
// offsets: "    g(); /* a note */" starts at 15, "/*" at 24, "a" at 27; "    h();" starts at 37, "h" at 41;
// "// line note" at 46, "line note" at 49.

describe('differingRegion', () => {
  it('strips the common prefix and suffix', () => {
    expect(differingRegion('abcdef', 'abXYdef')).toEqual({ at: 2, oldEnd: 3, delta: 1 });
    expect(differingRegion('aaaa', 'aaaaa')).toEqual({ at: 4, oldEnd: 4, delta: 1 });
    expect(differingRegion('same', 'same')).toEqual({ at: 4, oldEnd: 4, delta: 0 });
  });
});

describe('commentOnlyEdit', () => {
  it('accepts a letter typed inside a block comment and inside a line comment, and a deletion inside one', () => {
    expect(classify(CODE, CODE.replace('a note', 'ab note'))).toEqual({ at: 28, oldEnd: 28, delta: 1 });
    expect(classify(CODE, CODE.replace('line note', 'line notes'))).toEqual({ at: 58, oldEnd: 58, delta: 1 });
    expect(classify(CODE, CODE.replace('a note', 'a te'))).toEqual({ at: 29, oldEnd: 31, delta: -2 });
  });

  it('accepts a text that did not change', () => {
    expect(classify(CODE, CODE)).toEqual({ at: CODE.length, oldEnd: CODE.length, delta: 0 });
  });

  it('refuses edits in code, in strings and in the comment delimiters, and accepts edits right after them', () => {
    expect(classify(CODE, CODE.replace('g();', 'gg();'))).toBeNull();
    const withString = 'void f(void) { s("/* not a comment */"); }\n';
    expect(classify(withString, withString.replace('not a', 'not xa'))).toBeNull();
    expect(classify(CODE, CODE.replace('/* a', '/*x a'))).toEqual({ at: 26, oldEnd: 26, delta: 1 }); // after the opening "/*": still one comment
    const spaced = 'int f(void) { return 2; /* 2 * /3 */ }\n';
    expect(classify(spaced, spaced.replace('* /3', '*/3'))).toBeNull(); // the deletion joins "*" and "/"
    expect(classify(CODE, CODE.replace('note */', 'note *x/'))).toBeNull(); // splits the closing "*/"
    expect(classify(CODE, CODE.replace('note */', 'note*/'))).toEqual({ at: 33, oldEnd: 34, delta: -1 }); // the space at 33 goes; still closed
    expect(classify(CODE, CODE.replace('// line', '//line'))).toEqual({ at: 48, oldEnd: 49, delta: -1 }); // after "//": still one comment
  });

  it('refuses characters that could end, open or continue a comment, or break its line', () => {
    for (const typed of ['*', '/', '\\', '\n', '\r\n']) {
      expect(classify(CODE, CODE.replace('a note', `a ${typed}note`)), JSON.stringify(typed)).toBeNull();
      expect(classify(CODE, CODE.replace('line note', `line ${typed}note`)), JSON.stringify(typed)).toBeNull();
    }
  });

  it('refuses a comment that is or becomes an inline directive', () => {
    const directive = 'void f(void) {\n    g(); // coinstaller-lint-disable-line no-dll-load\n}\n';
    expect(classify(directive, directive.replace('no-dll-load', 'no-dll-loadx'))).toBeNull();
    const plain = 'void f(void) {\n    g(); // coinstaller-lint-disable-lin\n}\n';
    expect(classify(plain, plain.replace('-lin\n', '-line\n'))).toBeNull();
  });

  it('refuses a comment inside a preprocessor line', () => {
    const define = '#define LIMIT 4 /* bytes */\nint x;\n';
    expect(classify(define, define.replace('bytes', 'bytess'))).toBeNull();
  });
});

function message(range: [number, number], extra: Partial<LintMessage> = {}): LintMessage {
  return { ruleId: 'r', severity: 2, message: 'm', line: 0, column: 0, endLine: 0, endColumn: 0, range, ...extra };
}

describe('shiftMessages', () => {
  // After typing one letter at offset 28 of CODE ("a note" -> "ab note").
  const after = CODE.replace('a note', 'ab note');
  const lines = new LineIndex(after);
  const shift = { at: 28, oldEnd: 28, delta: 1 };

  it('keeps what comes before the edit, moves what comes after it and reads lines and columns again', () => {
    const before = message([19, 22], { line: 3, column: 5, endLine: 3, endColumn: 8 });
    const later = message([41, 43], { fix: { range: [41, 43], text: 'X' }, suggestions: [{ desc: 'd', fix: { range: [35, 36], text: '' } }] });
    const moved = shiftMessages([before, later], 'a.c', 'a.c', shift, lines)!;
    expect(moved[0]).toBe(before);
    // line 4 starts at 38 after the edit: h, at 42, is still in column 5
    expect(moved[1]).toMatchObject({ range: [42, 44], line: 4, column: 5, endLine: 4, endColumn: 7, fix: { range: [42, 44], text: 'X' } });
    expect(moved[1].suggestions![0].fix.range).toEqual([36, 37]);
  });

  it('moves related places in the edited file from the other files of the module', () => {
    const other = message([0, 1], { related: [{ filePath: 'a.c', message: 'here', line: 0, column: 0, endLine: 0, endColumn: 0, range: [41, 43] }, { filePath: 'b.c', message: 'there', line: 1, column: 1, endLine: 1, endColumn: 2, range: [0, 1] }] });
    const moved = shiftMessages([other], 'b.c', 'a.c', shift, lines)!;
    expect(moved[0].range).toEqual([0, 1]);
    expect(moved[0].related![0]).toMatchObject({ range: [42, 44], line: 4, column: 5, endColumn: 7 });
    expect(moved[0].related![1]).toBe(other.related![1]);
  });

  it('moves a fix made of several edits edit by edit, and merges it again from the new text', () => {
    // edits at 19 ("g" -> "G") and at 41 ("h" -> "H"): the merge copies the edited comment between them
    const fix = { range: [19, 42] as const, text: 'G' + CODE.slice(20, 41) + 'H', edits: [{ range: [19, 20] as const, text: 'G' }, { range: [41, 42] as const, text: 'H' }] };
    const [moved] = shiftMessages([message([0, 1], { suggestions: [{ desc: 'd', fix }] })], 'a.c', 'a.c', shift, lines)!;
    const edits = [{ range: [19, 20], text: 'G' }, { range: [42, 43], text: 'H' }];
    expect(moved.suggestions![0].fix).toEqual({ range: [19, 43], text: 'G' + after.slice(20, 42) + 'H', edits });
    expect(moved.suggestions![0].fix.text).toContain('ab note');
    // an edit of the fix that replaces the region cannot be moved (its text might quote the comment)
    const holding = { range: [24, 42] as const, text: 'x', edits: [{ range: [24, 36] as const, text: 'y' }, { range: [41, 42] as const, text: 'H' }] };
    expect(shiftMessages([message([0, 1], { fix: holding })], 'a.c', 'a.c', shift, lines)).toBeNull();
    // a deletion that holds it (a statement removed with its comment) still deletes all of it: it grows by the one letter typed
    const deleting = { range: [24, 42] as const, text: 'x', edits: [{ range: [24, 36] as const, text: '' }, { range: [41, 42] as const, text: 'H' }] };
    const [grown] = shiftMessages([message([0, 1], { fix: deleting })], 'a.c', 'a.c', shift, lines)!;
    expect(grown.fix!.edits).toEqual([{ range: [24, 37], text: '' }, { range: [42, 43], text: 'H' }]);
  });

  it('gives up on a range that holds the edit, and on a related place in the edited file without offsets', () => {
    expect(shiftMessages([message([15, 40])], 'a.c', 'a.c', shift, lines)).toBeNull();
    expect(shiftMessages([message([0, 1], { fix: { range: [24, 36], text: 'x' } })], 'a.c', 'a.c', shift, lines)).toBeNull();
    // a deletion that holds the edit strictly inside grows with it
    expect(shiftMessages([message([0, 1], { fix: { range: [24, 36], text: '' } })], 'a.c', 'a.c', shift, lines)![0].fix!.range).toEqual([24, 37]);
    const noOffsets = message([0, 1], { related: [{ filePath: 'a.c', message: 'x', line: 4, column: 5, endLine: 4, endColumn: 6 }] });
    expect(shiftMessages([noOffsets], 'b.c', 'a.c', shift, lines)).toBeNull();
  });

  it('grows an entry point that holds the edited comment and moves the ones after it', () => {
    const ep = (range: [number, number], filePath = 'a.c') => ({ name: 'E', kind: 'co-installer' as const, filePath, range, nameRange: [range[0] + 5, range[0] + 6] as [number, number], params: {}, via: [], handledDifCodes: [] });
    const [holding, later, elsewhere] = shiftEntryPoints([ep([0, 60]), ep([70, 90]), ep([70, 90], 'b.c')] as never, 'a.c', shift);
    expect(holding.range).toEqual([0, 61]);
    expect(holding.nameRange).toEqual([5, 6]);
    expect(later.range).toEqual([71, 91]);
    expect(elsewhere.range).toEqual([70, 90]);
  });
});
