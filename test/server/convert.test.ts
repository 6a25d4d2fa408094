import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import type { LintMessage } from '../../engine/linter/types.js';
import { LineIndex } from '../../engine/text/line-index.js';
import { diagnosticData, toDiagnostic, type ConversionContext } from '../../server/convert/diagnostics.js';
import { toLspPosition, toLspRange, toOffset, toOffsetRange } from '../../server/convert/positions.js';
import { fixToTextEdit } from '../../server/convert/text-edits.js';

// Line 1: "ab" CRLF; line 2: "é😀x" (é = 1 UTF-16 unit / 2 UTF-8 bytes, 😀 = 2 units / 4 bytes); line 3: "".
const TEXT = 'ab\r\né😀x\r\n';
const lines = new LineIndex(TEXT);
const X = TEXT.indexOf('x');

describe('positions', () => {
  it('converts offsets to UTF-16 and UTF-8 positions', () => {
    expect(toLspPosition(lines, X, 'utf-16')).toEqual({ line: 1, character: 3 });
    expect(toLspPosition(lines, X, 'utf-8')).toEqual({ line: 1, character: 6 });
    expect(toLspRange(lines, [X, X + 1], 'utf-8')).toEqual({ start: { line: 1, character: 6 }, end: { line: 1, character: 7 } });
  });

  it('converts positions back to offsets in both encodings', () => {
    expect(toOffset(lines, { line: 1, character: 3 }, 'utf-16')).toBe(X);
    expect(toOffset(lines, { line: 1, character: 6 }, 'utf-8')).toBe(X);
  });

  it('clamps a character past the end of its line to the line end (before CRLF)', () => {
    expect(toOffset(lines, { line: 0, character: 99 }, 'utf-16')).toBe(2);
  });

  it('rejects malformed and out-of-range positions', () => {
    expect(toOffset(lines, { line: 7, character: 0 }, 'utf-16')).toBeUndefined();
    expect(toOffset(lines, { line: -1, character: 0 }, 'utf-16')).toBeUndefined();
    expect(toOffset(lines, { line: 0.5, character: 0 }, 'utf-16')).toBeUndefined();
    expect(toOffset(lines, { line: '0', character: 0 }, 'utf-16')).toBeUndefined();
    expect(toOffset(lines, null, 'utf-16')).toBeUndefined();
    expect(toOffsetRange(lines, { start: { line: 1, character: 2 }, end: { line: 0, character: 0 } }, 'utf-16')).toBeUndefined();
  });
});

describe('toDiagnostic', () => {
  const ctx: ConversionContext = {
    filePath: '/w/a.c',
    lineIndex: lines,
    encoding: 'utf-16',
    version: 7,
    uriOf: (p) => `file://${p}`,
    docUrl: (id) => `file:///docs/${id}.md`,
  };
  const message: LintMessage = {
    ruleId: 'no-dll-load',
    severity: 2,
    message: 'm',
    line: 2,
    column: 4,
    endLine: 2,
    endColumn: 5,
    range: [X, X + 1],
    fix: { range: [0, 2], text: 'cd' },
    suggestions: [{ desc: 'Use y', fix: { range: [X, X + 1], text: 'y' } }],
    related: [{ filePath: '/w/b.c', message: 'called from here', line: 3, column: 5, endLine: 3, endColumn: 9 }],
  };

  it('carries code, its documentation, source, severity, related information and data', () => {
    const d = toDiagnostic(message, ctx);
    expect(d.range).toEqual({ start: { line: 1, character: 3 }, end: { line: 1, character: 4 } });
    expect(d.code).toBe('no-dll-load');
    expect(d.codeDescription).toEqual({ href: 'file:///docs/no-dll-load.md' });
    expect(d.source).toBe('coinstaller-lint');
    expect(d.severity).toBe(DiagnosticSeverity.Error);
    expect(d.relatedInformation).toEqual([
      { location: { uri: 'file:///w/b.c', range: { start: { line: 2, character: 4 }, end: { line: 2, character: 8 } } }, message: 'called from here' },
    ]);
    expect(diagnosticData(d)).toEqual({
      version: 7,
      ruleId: 'no-dll-load',
      fix: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }, newText: 'cd' }],
      suggestions: [{ title: 'Use y', edits: [{ range: { start: { line: 1, character: 3 }, end: { line: 1, character: 4 } }, newText: 'y' }] }],
    });
  });

  it('maps warn to Warning and leaves code out for messages without a rule', () => {
    const d = toDiagnostic({ ...message, ruleId: null, severity: 1, fix: undefined, suggestions: undefined, related: undefined }, ctx);
    expect(d.severity).toBe(DiagnosticSeverity.Warning);
    expect(d.code).toBeUndefined();
    expect(d.codeDescription).toBeUndefined();
    expect(d.relatedInformation).toBeUndefined();
  });

  it('converts fixes to TextEdits in UTF-8 columns when asked', () => {
    expect(fixToTextEdit({ range: [X, X + 1], text: 'z' }, lines, 'utf-8')).toEqual({
      range: { start: { line: 1, character: 6 }, end: { line: 1, character: 7 } },
      newText: 'z',
    });
  });

  it('reads data back only from our own diagnostics, with edits as lists', () => {
    const d = toDiagnostic(message, ctx);
    expect(diagnosticData({ ...d, source: 'other' })).toBeUndefined();
    expect(diagnosticData({ ...d, data: 'x' })).toBeUndefined();
    const data = d.data as Record<string, unknown>;
    expect(diagnosticData({ ...d, data: { ...data, fix: { newText: 'x' } } })).toBeUndefined();
    expect(diagnosticData({ ...d, data: { ...data, suggestions: [{ title: 't', edit: {} }] } })).toBeUndefined();
  });

  it('sends a fix made of several edits as those edits, not as their merge', () => {
    // two edits far apart: line 1 col 1 and line 2 col 4; the merge would copy the text between them
    const merged = { range: [0, X + 1] as const, text: 'AB' + 'unused', edits: [{ range: [0, 1] as const, text: 'A' }, { range: [X, X + 1] as const, text: 'y' }] };
    const d = toDiagnostic({ ...message, fix: merged, suggestions: [{ desc: 'both', fix: merged }] }, ctx);
    const expected = [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: 'A' },
      { range: { start: { line: 1, character: 3 }, end: { line: 1, character: 4 } }, newText: 'y' },
    ];
    expect(diagnosticData(d)?.fix).toEqual(expected);
    expect(diagnosticData(d)?.suggestions).toEqual([{ title: 'both', edits: expected }]);
  });
});
