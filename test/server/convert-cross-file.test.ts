import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { LintMessage } from '../../engine/linter/types.js';
import { LineIndex } from '../../engine/text/line-index.js';
import { diagnosticData, toDiagnostic, type ConversionContext } from '../../server/convert/diagnostics.js';

// The reported file a.c: "ab" CRLF "cd"; the other file b.c: "x" CRLF "é😀y" CRLF (é: 1 UTF-16
// unit, 2 UTF-8 bytes; 😀: 2 units, 4 bytes), so y is at offset 6, line 1, UTF-16 column 3, UTF-8 column 6.
const A = 'ab\r\ncd';
const B = 'x\r\né😀y\r\n';
const Y = B.indexOf('y');

const ctx = (encoding: 'utf-16' | 'utf-8', known = true): ConversionContext => ({
  filePath: '/w/a.c',
  lineIndex: new LineIndex(A),
  encoding,
  version: 4,
  uriOf: (p) => `file://${p}`,
  docUrl: (id) => `file:///docs/${id}.md`,
  linesOf: (p) => (known && p === '/w/b.c' ? new LineIndex(B) : undefined),
  versionOf: (p) => (p === '/w/b.c' ? 9 : undefined),
});

const message: LintMessage = {
  ruleId: 'no-ui',
  severity: 2,
  message: 'm',
  line: 2,
  column: 1,
  endLine: 2,
  endColumn: 3,
  range: [4, 6],
  fix: {
    range: [0, 0],
    text: '',
    desc: 'Move Show() into a finish-install action',
    otherFiles: [{ filePath: '/w/b.c', edits: [{ range: [Y, Y + 1], text: 'z' }] }],
  },
  suggestions: [{ desc: 'Also in a.c', fix: { range: [4, 6], text: 'ef', otherFiles: [{ filePath: '/w/b.c', edits: [{ range: [0, 1], text: '' }] }] } }],
};

describe('toDiagnostic: cross-file fixes', () => {
  it('carries the title, no edit in its own document for a fix of another file, and the other document’s edits with its version', () => {
    expect(diagnosticData(toDiagnostic(message, ctx('utf-16')))).toEqual({
      version: 4,
      ruleId: 'no-ui',
      fix: [],
      fixTitle: 'Move Show() into a finish-install action',
      fixOthers: [{ uri: 'file:///w/b.c', version: 9, edits: [{ range: { start: { line: 1, character: 3 }, end: { line: 1, character: 4 } }, newText: 'z' }] }],
      suggestions: [
        {
          title: 'Also in a.c',
          edits: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } }, newText: 'ef' }],
          others: [{ uri: 'file:///w/b.c', version: 9, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: '' }] }],
        },
      ],
    });
  });

  it('converts the other document’s positions with its own lines in UTF-8', () => {
    const data = diagnosticData(toDiagnostic(message, ctx('utf-8')))!;
    expect(data.fixOthers![0].edits[0].range).toEqual({ start: { line: 1, character: 6 }, end: { line: 1, character: 7 } });
  });

  it('leaves out a fix or suggestion whose other file’s lines are unknown, or too short for its edits', () => {
    const data = diagnosticData(toDiagnostic(message, ctx('utf-16', false)))!;
    expect(data.fix).toBeUndefined();
    expect(data.fixOthers).toBeUndefined();
    expect(data.suggestions).toBeUndefined();
    const past: LintMessage = { ...message, fix: { ...message.fix!, otherFiles: [{ filePath: '/w/b.c', edits: [{ range: [B.length, B.length + 1], text: '' }] }] } };
    expect(diagnosticData(toDiagnostic(past, ctx('utf-16')))!.fix).toBeUndefined();
  });

  it('reads back only well-formed edits of other documents', () => {
    const d = toDiagnostic(message, ctx('utf-16'));
    const mangled = (data: unknown): Diagnostic => ({ ...d, data });
    const good = d.data as Record<string, unknown>;
    expect(diagnosticData(mangled({ ...good, fixOthers: [{ uri: 'file:///w/b.c', version: '9', edits: [] }] }))).toBeUndefined();
    expect(diagnosticData(mangled({ ...good, fixOthers: [{ version: 9, edits: [] }] }))).toBeUndefined();
    expect(diagnosticData(mangled({ ...good, suggestions: [{ title: 't', edits: [], others: {} }] }))).toBeUndefined();
    expect(diagnosticData(mangled({ ...good, fixOthers: [{ uri: 'file:///w/b.c', version: null, edits: [] }] }))).toBeDefined();
  });
});
