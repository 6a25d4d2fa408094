import { describe, expect, it } from 'vitest';
import { LineIndex, lineColumn, utf16ToUtf8Column, utf8ToUtf16Column } from '../../engine/text/line-index.js';
import { SourceCode } from '../../engine/linter/source-code.js';
import { pick, randomInt, seededRandom } from '../support/mutate.js';

describe('LineIndex', () => {
  it('splits lines at LF, CRLF and lone CR', () => {
    const idx = new LineIndex('a\nbb\r\nccc\rd');
    expect(idx.lineStarts).toEqual([0, 2, 6, 10]);
    expect([0, 1, 2, 3].map((l) => idx.lineText(l))).toEqual(['a', 'bb', 'ccc', 'd']);
  });

  it('maps offsets to 0-based line and UTF-16 character and back', () => {
    const idx = new LineIndex('x\r\n😀y');
    // "😀" is two UTF-16 code units: y is at character 2.
    expect(idx.positionAt(5)).toEqual({ line: 1, character: 2 });
    expect(idx.offsetAt(1, 2)).toBe(5);
    // Past the end of a line clamps before its terminator.
    expect(idx.offsetAt(0, 50)).toBe(1);
  });

  it('tells the dominant line ending', () => {
    expect(new LineIndex('a\r\nb\r\nc\n').eol).toBe('\r\n');
    expect(new LineIndex('a\nb\n').eol).toBe('\n');
  });

  it('converts UTF-16 columns to UTF-8 byte columns and back', () => {
    const line = 'é😀x';
    expect(utf16ToUtf8Column(line, 3)).toBe(2 + 4);
    expect(utf8ToUtf16Column(line, 6)).toBe(3);
  });
});

describe('SourceCode', () => {
  it('gives 1-based ESLint positions in UTF-16 columns', () => {
    const sc = new SourceCode('// ü\r\n  😀 f();');
    expect(sc.getLocFromIndex(sc.text.indexOf('f'))).toEqual({ line: 2, column: 6 });
    expect(sc.getIndexFromLoc({ line: 2, column: 6 })).toBe(sc.text.indexOf('f'));
    expect(sc.lines).toEqual(['// ü', '  😀 f();']);
  });
});

describe('lineColumn (from line starts alone, as a file summary keeps them)', () => {
  it('gives 1-based lines and UTF-16 columns, CRLF and lone CR ending lines', () => {
    const text = 'a\r\nbc\rd😀e\n';
    const starts = new LineIndex(text).lineStarts;
    expect(lineColumn(starts, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn(starts, 3)).toEqual({ line: 2, column: 1 });
    expect(lineColumn(starts, 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn(starts, 6)).toEqual({ line: 3, column: 1 });
    expect(lineColumn(starts, text.indexOf('e'))).toEqual({ line: 3, column: 4 });
    expect(lineColumn(starts, text.length)).toEqual({ line: 4, column: 1 });
  });
});

describe('LineIndex line starts around an offset', () => {
  it('finds the start of its line and of the next one (the end of the text on the last line)', () => {
    const text = 'ab\r\ncd\ne';
    const idx = new LineIndex(text);
    expect(idx.lineStartOf(0)).toBe(0);
    expect(idx.lineStartOf(3)).toBe(0); // the \n of \r\n belongs to line 1
    expect(idx.lineStartOf(5)).toBe(4);
    expect(idx.nextLineStart(1)).toBe(4);
    expect(idx.nextLineStart(4)).toBe(7);
    expect(idx.nextLineStart(7)).toBe(8);
    expect(idx.lineStartOf(8)).toBe(7);
  });
});

describe('LineIndex.afterEdit', () => {
  it('gives the line starts of a fresh index after any edit, line breaks of every kind typed, split and joined', () => {
    const random = seededRandom(3);
    const pieces = ['\n', '\r', '\r\n', 'a', 'bc', ' ', '\u{1F680}', ''];
    let text = 'int a;\r\nint b;\nint c;\rint d;\r\n\r\n';
    let index = new LineIndex(text);
    for (let k = 0; k < 3000; k++) {
      const at = randomInt(random, text.length + 1);
      const removed = Math.min(text.length - at, randomInt(random, 4));
      let inserted = '';
      for (let n = randomInt(random, 3); n > 0; n--) inserted += pick(random, pieces);
      const next = text.slice(0, at) + inserted + text.slice(at + removed);
      const moved = LineIndex.afterEdit(index, next);
      expect(moved.lineStarts, `${JSON.stringify(text)} -> ${JSON.stringify(next)}`).toEqual(new LineIndex(next).lineStarts);
      text = next.length > 400 ? next.slice(0, 200) : next;
      index = text === next ? moved : new LineIndex(text);
    }
  });

  it('returns the same index for the same text', () => {
    const index = new LineIndex('a\nb\n');
    expect(LineIndex.afterEdit(index, 'a\nb\n')).toBe(index);
  });
});
