import { describe, expect, it } from 'vitest';
import { formatters, type FormatterContext } from '../../engine/formatters/index.js';
import type { LintMessage, LintResult } from '../../engine/linter/types.js';

// Results written by hand; the expected text follows ESLint's stylish layout (path, then
// `line:column  severity  message  rule` aligned per file, final period dropped, then totals),
// plus our call-chain lines `    ↳ path:line:column label` under a finding.

const cwd = '/proj';

function context(color: boolean): FormatterContext {
  return { cwd, rules: new Map(), color, toolVersion: '1.2.3', ruleDoc: () => undefined };
}

function msg(partial: Partial<LintMessage> & Pick<LintMessage, 'line' | 'column' | 'message' | 'severity'>): LintMessage {
  return {
    ruleId: null,
    endLine: partial.line,
    endColumn: partial.column + 1,
    range: [0, 1],
    ...partial,
  };
}

function result(filePath: string, messages: LintMessage[], counts: Partial<LintResult> = {}): LintResult {
  return {
    filePath,
    messages,
    errorCount: 0,
    warningCount: 0,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    ...counts,
  };
}

const twoFiles: LintResult[] = [
  result(
    '/proj/src/coinstaller.c',
    [
      msg({ ruleId: 'no-ui', severity: 1, message: 'Shows UI.', line: 8, column: 9, fix: { range: [10, 12], text: '' } }),
      msg({
        ruleId: 'no-dll-load',
        severity: 2,
        message: 'Loads a DLL.',
        line: 33,
        column: 14,
        related: [
          { filePath: '/proj/src/coinstaller.c', message: 'CoInstaller handles DIF_INSTALLDEVICE', line: 60, column: 1, endLine: 60, endColumn: 12 },
          { filePath: '/proj/src/helpers.c', message: 'calls LoadLibraryW', line: 7, column: 5, endLine: 7, endColumn: 17 },
        ],
      }),
      msg({ ruleId: null, severity: 1, message: 'Unused directive.', line: 120, column: 1, fix: { range: [900, 930], text: '' } }),
    ],
    { errorCount: 1, warningCount: 2, fixableWarningCount: 2 },
  ),
  result('/proj/src/clean.c', []),
  result(
    '/proj/lib/x.c',
    [msg({ ruleId: null, severity: 2, fatal: true, message: 'Cannot read the file: permission denied.', line: 1, column: 1 })],
    { errorCount: 1, fatalErrorCount: 1 },
  ),
];

describe('stylish formatter', () => {
  it('prints files relative to cwd, aligned rows, the call chain and the totals (no colour)', () => {
    expect(formatters.stylish(twoFiles, context(false))).toBe(
      '\n' +
        'src/coinstaller.c\n' +
        '    8:9   warning  Shows UI          no-ui\n' +
        '   33:14  error    Loads a DLL       no-dll-load\n' +
        '    ↳ src/coinstaller.c:60:1 CoInstaller handles DIF_INSTALLDEVICE\n' +
        '    ↳ src/helpers.c:7:5 calls LoadLibraryW\n' +
        '  120:1   warning  Unused directive\n' +
        '\n' +
        'lib/x.c\n' +
        '  1:1  error  Cannot read the file: permission denied\n' +
        '\n' +
        '✖ 4 problems (2 errors, 2 warnings)\n' +
        '  0 errors and 2 warnings potentially fixable with the --fix option.\n',
    );
  });

  it('colours with plain ANSI codes when asked', () => {
    const results = [
      result(
        '/proj/src/a.c',
        [
          msg({
            ruleId: 'no-dll-load',
            severity: 2,
            message: 'Loads a DLL.',
            line: 3,
            column: 7,
            related: [{ filePath: '/proj/src/b.c', message: 'calls LoadLibraryW', line: 5, column: 3, endLine: 5, endColumn: 15 }],
          }),
          msg({ ruleId: 'no-ui', severity: 1, message: 'Shows UI.', line: 12, column: 1 }),
        ],
        { errorCount: 1, warningCount: 1 },
      ),
    ];
    expect(formatters.stylish(results, context(true))).toBe(
      '\n' +
        '\x1b[4msrc/a.c\x1b[24m\n' +
        '   \x1b[2m3:7\x1b[22m  \x1b[31merror\x1b[39m    Loads a DLL  \x1b[2mno-dll-load\x1b[22m\n' +
        '    \x1b[2m↳ src/b.c:5:3\x1b[22m calls LoadLibraryW\n' +
        '  \x1b[2m12:1\x1b[22m  \x1b[33mwarning\x1b[39m  Shows UI     \x1b[2mno-ui\x1b[22m\n' +
        '\n' +
        '\x1b[31m\x1b[1m✖ 2 problems (1 error, 1 warning)\x1b[22m\x1b[39m\n',
    );
  });

  it('uses yellow totals when there are only warnings', () => {
    const results = [result('/proj/a.c', [msg({ ruleId: 'no-ui', severity: 1, message: 'Shows UI', line: 1, column: 2 })], { warningCount: 1 })];
    const out = formatters.stylish(results, context(true));
    expect(out.endsWith('\x1b[33m\x1b[1m✖ 1 problem (0 errors, 1 warning)\x1b[22m\x1b[39m\n')).toBe(true);
    expect(out).not.toContain('\x1b[31m');
  });

  it('uses the singular and reports fixable errors', () => {
    const results = [
      result('/proj/a.c', [msg({ ruleId: 'r', severity: 2, message: 'Bad.', line: 2, column: 3, fix: { range: [0, 1], text: 'x' } })], {
        errorCount: 1,
        fixableErrorCount: 1,
      }),
    ];
    expect(formatters.stylish(results, context(false))).toBe(
      '\na.c\n  2:3  error  Bad  r\n\n✖ 1 problem (1 error, 0 warnings)\n  1 error and 0 warnings potentially fixable with the --fix option.\n',
    );
  });

  it('keeps a period that follows a space, and shows files outside cwd with ..', () => {
    const results = [result('/other/z.c', [msg({ ruleId: 'r', severity: 1, message: 'Ends with .', line: 4, column: 1 })], { warningCount: 1 })];
    expect(formatters.stylish(results, context(false))).toBe('\n../other/z.c\n  4:1  warning  Ends with .  r\n\n✖ 1 problem (0 errors, 1 warning)\n');
  });

  it('prints nothing at all when there are no problems', () => {
    expect(formatters.stylish([], context(true))).toBe('');
    expect(formatters.stylish([result('/proj/a.c', []), result('/proj/b.c', [])], context(false))).toBe('');
  });
});
