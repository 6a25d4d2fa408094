/**
 * Line ends (engine/text/line-ends.ts): LF, CRLF and a lone CR each end a line, as GCC reads them;
 * the text given to tree-sitter has each lone CR made an LF (same length, same lines); the line end
 * edits insert is the file's own. Written by hand.
 */
import { describe, expect, it } from 'vitest';
import { SourceCode } from '../../engine/linter/source-code.js';
import { endsLineAt, isLoneCr, loneCrAsLf, majorityLineEnd } from '../../engine/text/line-ends.js';
import { LineIndex } from '../../engine/text/line-index.js';

describe('a line end at an offset', () => {
  const text = 'a\rb\r\nc\nd';
  it('is an LF or a CR that no LF follows; the CR of a CRLF is not one', () => {
    expect([...text].map((_, i) => endsLineAt(text, i))).toEqual([false, true, false, false, true, false, true, false]);
    expect([...text].map((_, i) => isLoneCr(text, i))).toEqual([false, true, false, false, false, false, false, false]);
  });
  it('a CR at the end of the text is a lone one', () => {
    expect(isLoneCr('x\r', 1)).toBe(true);
    expect(endsLineAt('x\r', 1)).toBe(true);
  });
});

describe('loneCrAsLf', () => {
  it('makes each lone CR an LF and leaves CRLF and LF as they are, offsets unchanged', () => {
    expect(loneCrAsLf('// a\rf();\r\ng();\nh();\r')).toBe('// a\nf();\r\ng();\nh();\n');
    expect(loneCrAsLf('\r\r\n\r')).toBe('\n\r\n\n');
  });
  it('gives the same text back when there is no lone CR', () => {
    const text = 'int a;\r\nint b;\n';
    expect(loneCrAsLf(text)).toBe(text);
  });
  it('keeps the lines of the line index', () => {
    const text = 'a\rbb\r\nc\r\rd';
    expect(new LineIndex(loneCrAsLf(text)).lineStarts).toEqual(new LineIndex(text).lineStarts);
  });
});

describe("the file's line end", () => {
  it('is the most frequent of LF, CRLF and lone CR; a tie goes to LF, then CRLF', () => {
    expect(majorityLineEnd(0, 0, 3)).toBe('\r');
    expect(majorityLineEnd(1, 0, 2)).toBe('\r');
    expect(majorityLineEnd(1, 2, 2)).toBe('\r\n');
    expect(majorityLineEnd(2, 2, 2)).toBe('\n');
    expect(majorityLineEnd(0, 0, 0)).toBe('\n');
  });
  it('LineIndex.eol and SourceCode.eol: CR for a CR-only file, CRLF and LF as before', () => {
    expect(new LineIndex('int a;\rint b;\r').eol).toBe('\r');
    expect(new LineIndex('a\rb\rc\nd\r\n').eol).toBe('\r');
    expect(new LineIndex('a\r\nb\r\nc\r').eol).toBe('\r\n');
    expect(new LineIndex('a\nb\rc').eol).toBe('\n');
    expect(new LineIndex('one line').eol).toBe('\n');
    expect(new SourceCode('void f(void)\r{\r}\r').eol).toBe('\r');
    expect(new SourceCode('void f(void)\r\n{\r\n}\r\n').eol).toBe('\r\n');
  });
});

describe('positions in a CR-only file', () => {
  const text = '// Contoso\rvoid f(void)\r{\r    g😀(); h();\r}\r';
  const sc = new SourceCode(text);
  it('count lines at each CR, columns in UTF-16 units', () => {
    expect(sc.getLocFromIndex(text.indexOf('void'))).toEqual({ line: 2, column: 1 });
    expect(sc.getLocFromIndex(text.indexOf('h()'))).toEqual({ line: 4, column: 12 });
    expect(sc.getIndexFromLoc({ line: 4, column: 12 })).toBe(text.indexOf('h()'));
    expect(sc.lines).toEqual(['// Contoso', 'void f(void)', '{', '    g😀(); h();', '}', '']);
  });
  it('a column past the end of a line stops before its CR', () => {
    expect(sc.getIndexFromLoc({ line: 1, column: 99 })).toBe(text.indexOf('\r'));
  });
});
