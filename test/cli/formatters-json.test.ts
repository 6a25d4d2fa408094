import { describe, expect, it } from 'vitest';
import { formatters, type FormatterContext } from '../../engine/formatters/index.js';
import type { LintResult } from '../../engine/linter/types.js';

// ESLint's JSON result format, written by hand from ESLint's documentation of LintResult and
// LintMessage: internal fields (offsets in `range`, the raw `related`) never appear; the call chain
// is kept under the documented extra key `relatedLocations`.

const context: FormatterContext = { cwd: '/proj', rules: new Map(), color: true, toolVersion: '1.2.3', ruleDoc: () => undefined };

const source = 'void f(void) {\r\n  LoadLibraryW(L"x.dll");\r\n}\r\n';

const results: LintResult[] = [
  {
    filePath: '/proj/src/a.c',
    source,
    errorCount: 1,
    warningCount: 1,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 1,
    messages: [
      {
        ruleId: 'no-dll-load',
        severity: 2,
        message: 'LoadLibraryW loads a DLL at run time.',
        messageId: 'load',
        line: 2,
        column: 3,
        endLine: 2,
        endColumn: 15,
        range: [18, 30],
        related: [
          { filePath: '/proj/src/entry.c', message: 'CoInstaller handles DIF_INSTALLDEVICE', line: 10, column: 1, endLine: 10, endColumn: 12, range: [200, 211] },
        ],
        suggestions: [{ desc: 'Remove the call.', messageId: 'remove', fix: { range: [18, 41], text: '' } }],
      },
      {
        ruleId: 'no-ui',
        severity: 1,
        message: 'Shows UI.',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 5,
        range: [0, 4],
        fix: { range: [0, 4], text: 'int ' },
      },
    ],
  },
  {
    filePath: 'src/fixed.c',
    source: 'old text',
    output: 'new text',
    errorCount: 0,
    warningCount: 0,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    messages: [],
  },
  {
    filePath: '/proj/src/clean.c',
    source: 'int x;\n',
    errorCount: 0,
    warningCount: 0,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    messages: [],
  },
  {
    filePath: '/proj/src/locked.c',
    errorCount: 1,
    warningCount: 0,
    fatalErrorCount: 1,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    messages: [
      { ruleId: null, severity: 2, fatal: true, message: 'Cannot read the file: permission denied.', line: 1, column: 1, endLine: 1, endColumn: 1, range: [0, 0] },
    ],
  },
];

describe('json formatter', () => {
  it("writes ESLint's result objects, exactly these fields", () => {
    const out = formatters.json(results, context);
    expect(JSON.parse(out)).toStrictEqual([
      {
        filePath: '/proj/src/a.c',
        messages: [
          {
            ruleId: 'no-dll-load',
            severity: 2,
            message: 'LoadLibraryW loads a DLL at run time.',
            line: 2,
            column: 3,
            messageId: 'load',
            endLine: 2,
            endColumn: 15,
            suggestions: [{ desc: 'Remove the call.', messageId: 'remove', fix: { range: [18, 41], text: '' } }],
            relatedLocations: [
              { filePath: '/proj/src/entry.c', message: 'CoInstaller handles DIF_INSTALLDEVICE', line: 10, column: 1, endLine: 10, endColumn: 12 },
            ],
          },
          { ruleId: 'no-ui', severity: 1, message: 'Shows UI.', line: 1, column: 1, endLine: 1, endColumn: 5, fix: { range: [0, 4], text: 'int ' } },
        ],
        suppressedMessages: [],
        errorCount: 1,
        fatalErrorCount: 0,
        warningCount: 1,
        fixableErrorCount: 0,
        fixableWarningCount: 1,
        source,
        usedDeprecatedRules: [],
      },
      {
        filePath: '/proj/src/fixed.c',
        messages: [],
        suppressedMessages: [],
        errorCount: 0,
        fatalErrorCount: 0,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        output: 'new text',
        usedDeprecatedRules: [],
      },
      {
        filePath: '/proj/src/clean.c',
        messages: [],
        suppressedMessages: [],
        errorCount: 0,
        fatalErrorCount: 0,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      },
      {
        filePath: '/proj/src/locked.c',
        messages: [
          { ruleId: null, severity: 2, message: 'Cannot read the file: permission denied.', line: 1, column: 1, endLine: 1, endColumn: 1, fatal: true },
        ],
        suppressedMessages: [],
        errorCount: 1,
        fatalErrorCount: 1,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      },
    ]);
  });

  it("keeps ESLint's key order and prints one line, like JSON.stringify", () => {
    const out = formatters.json(results, context);
    expect(out).not.toContain('\n');
    const parsed = JSON.parse(out) as Record<string, unknown>[];
    expect(Object.keys(parsed[0])).toEqual([
      'filePath',
      'messages',
      'suppressedMessages',
      'errorCount',
      'fatalErrorCount',
      'warningCount',
      'fixableErrorCount',
      'fixableWarningCount',
      'source',
      'usedDeprecatedRules',
    ]);
    const first = (parsed[0].messages as Record<string, unknown>[])[0];
    expect(Object.keys(first).slice(0, 8)).toEqual(['ruleId', 'severity', 'message', 'line', 'column', 'messageId', 'endLine', 'endColumn']);
  });

  it('round-trips: the CRLF source and the text survive JSON exactly', () => {
    const parsed = JSON.parse(formatters.json(results, context)) as { source?: string }[];
    expect(parsed[0].source).toBe(source);
    expect(parsed[0].source).toContain('\r\n');
  });

  it('writes an empty array for no results', () => {
    expect(formatters.json([], context)).toBe('[]');
  });
});
