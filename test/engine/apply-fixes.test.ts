import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../engine/linter/apply-fixes.js';
import { mergeFixes, ruleFixer } from '../../engine/linter/fixer.js';

describe('applyFixes', () => {
  it('applies non-overlapping fixes in position order whatever order they come in', () => {
    const r = applyFixes('abcdef', [
      { range: [4, 5], text: 'E' },
      { range: [0, 1], text: 'A' },
    ]);
    expect(r.output).toBe('AbcdEf');
    expect(r.deferred).toEqual([]);
  });

  it('defers a fix that overlaps one already taken, leaving the text intact', () => {
    const r = applyFixes('abcdef', [
      { range: [1, 4], text: 'X' },
      { range: [2, 5], text: 'Y' },
    ]);
    expect(r.output).toBe('aXef');
    expect(r.deferred).toEqual([{ range: [2, 5], text: 'Y' }]);
  });

  it('defers a second insertion at the same offset (no defined order)', () => {
    const r = applyFixes('ab', [
      { range: [1, 1], text: 'X' },
      { range: [1, 1], text: 'Y' },
    ]);
    expect(r.output).toBe('aXb');
    expect(r.deferred).toHaveLength(1);
  });

  it('keeps CRLF line ends untouched around a fix', () => {
    const text = 'int a;\r\nint b;\r\n';
    const r = applyFixes(text, [{ range: [8, 14], text: 'long b;' }]);
    expect(r.output).toBe('int a;\r\nlong b;\r\n');
  });

  it('allows an insertion at offset 0', () => {
    expect(applyFixes('x', [{ range: [0, 0], text: '>' }]).output).toBe('>x');
  });
});

describe('mergeFixes', () => {
  it('joins several edits into one, copying the text between them', () => {
    const fix = mergeFixes([ruleFixer.insertTextAfterRange([3, 3], ')'), ruleFixer.insertTextBeforeRange([0, 0], '(')], 'abc');
    expect(fix).toEqual({ range: [0, 3], text: '(abc)', edits: [{ range: [0, 0], text: '(' }, { range: [3, 3], text: ')' }] });
  });

  it('refuses overlapping edits inside one fix', () => {
    expect(() => mergeFixes([ruleFixer.replaceTextRange([0, 2], 'x'), ruleFixer.replaceTextRange([1, 3], 'y')], 'abc')).toThrow(
      /overlapping/,
    );
  });

  it('refuses a range outside the text', () => {
    expect(() => mergeFixes(ruleFixer.removeRange([2, 9]), 'abc')).toThrow(/invalid range/);
  });
});
