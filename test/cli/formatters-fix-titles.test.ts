import { describe, expect, it } from 'vitest';
import { formatters, type FormatterContext } from '../../engine/formatters/index.js';
import type { LintMessage, LintResult } from '../../engine/linter/types.js';

// Cross-file fixes, fix titles and suggestions in the three formats, expectations written by hand:
// JSON keeps ESLint's fix { range, text } and SuggestionResult { desc, messageId?, fix }, plus
// `otherFiles` only on a fix that has them; stylish counts the problems with suggestions per file
// and in the totals; SARIF gives a cross-file fix one `fix` with an artifactChange per file.

const context: FormatterContext = { cwd: '/proj', rules: new Map(), color: false, toolVersion: '1.2.3', ruleDoc: () => undefined };

// ui.c 7:5 MessageBoxW reached through OnInstallDevice (coinstaller.c): the move edits only coinstaller.c
const move: LintMessage = {
  ruleId: 'no-ui-in-non-interactive-dif',
  severity: 2,
  message: 'MessageBoxW shows UI while DIF_INSTALLDEVICE is processed.',
  line: 7,
  column: 5,
  endLine: 7,
  endColumn: 16,
  range: [120, 131],
  fix: {
    range: [0, 0],
    text: '',
    desc: 'Move ShowFirmwareWarning() into a finish-install action',
    otherFiles: [
      {
        filePath: 'coinstaller.c',
        edits: [
          { range: [900, 928], text: '' },
          { range: [1500, 1500], text: '    case DIF_FINISHINSTALL_ACTION:\r\n        ShowFirmwareWarning();\r\n        break;\r\n' },
        ],
      },
    ],
  },
};

const suggested: LintMessage = {
  ruleId: 'no-process-without-wait',
  severity: 1,
  message: 'ShellExecuteExW starts a process that may outlive the installer.',
  line: 12,
  column: 5,
  endLine: 12,
  endColumn: 20,
  range: [300, 315],
  suggestions: [
    { desc: 'Wait for the process before returning', messageId: 'wait', fix: { range: [340, 340], text: 'WaitForSingleObject(sei.hProcess, INFINITE);\n' } },
    { desc: 'Request the finish-install action here', fix: { range: [200, 210], text: 'x' } },
  ],
};

const results: LintResult[] = [
  {
    filePath: '/proj/ui.c',
    messages: [move, suggested],
    errorCount: 1,
    warningCount: 1,
    fatalErrorCount: 0,
    fixableErrorCount: 1,
    fixableWarningCount: 0,
  },
  {
    filePath: '/proj/coinstaller.c',
    messages: [{ ...suggested, line: 3, column: 1, endLine: 3, endColumn: 2 }],
    errorCount: 0,
    warningCount: 1,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  },
];

describe('json: cross-file fixes and suggestions', () => {
  it('writes otherFiles (absolute paths) on a cross-file fix only, and suggestions as ESLint does', () => {
    const [ui] = JSON.parse(formatters.json(results, context)) as { messages: Record<string, unknown>[] }[];
    expect(ui.messages[0].fix).toStrictEqual({
      range: [0, 0],
      text: '',
      otherFiles: [
        {
          filePath: '/proj/coinstaller.c',
          edits: [
            { range: [900, 928], text: '' },
            { range: [1500, 1500], text: '    case DIF_FINISHINSTALL_ACTION:\r\n        ShowFirmwareWarning();\r\n        break;\r\n' },
          ],
        },
      ],
    });
    expect(ui.messages[1].fix).toBeUndefined();
    expect(ui.messages[1].suggestions).toStrictEqual([
      { desc: 'Wait for the process before returning', messageId: 'wait', fix: { range: [340, 340], text: 'WaitForSingleObject(sei.hProcess, INFINITE);\n' } },
      { desc: 'Request the finish-install action here', fix: { range: [200, 210], text: 'x' } },
    ]);
  });
});

describe('stylish: suggestion counts', () => {
  it('counts the problems with suggestions under each file and after the totals', () => {
    expect(formatters.stylish(results, context)).toBe(
      '\n' +
        'ui.c\n' +
        '   7:5  error    MessageBoxW shows UI while DIF_INSTALLDEVICE is processed        no-ui-in-non-interactive-dif\n' +
        '  12:5  warning  ShellExecuteExW starts a process that may outlive the installer  no-process-without-wait\n' +
        '  1 problem has suggestions\n' +
        '\n' +
        'coinstaller.c\n' +
        '  3:1  warning  ShellExecuteExW starts a process that may outlive the installer  no-process-without-wait\n' +
        '  1 problem has suggestions\n' +
        '\n' +
        '✖ 3 problems (1 error, 2 warnings)\n' +
        '  1 error and 0 warnings potentially fixable with the --fix option.\n' +
        "  2 problems have suggestions: see --format json, or the editor's quick fixes.\n",
    );
  });
});

describe('sarif: cross-file fixes', () => {
  it('writes a cross-file fix as one fix with a change per file it edits, described by its title', () => {
    const log = JSON.parse(formatters.sarif(results, context)) as { runs: { results: { fixes?: unknown[] }[] }[] };
    const [first, second] = log.runs[0].results;
    expect(first.fixes).toStrictEqual([
      {
        description: { text: 'Move ShowFirmwareWarning() into a finish-install action' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'coinstaller.c', uriBaseId: '%SRCROOT%' },
            replacements: [
              { deletedRegion: { charOffset: 900, charLength: 28 } },
              {
                deletedRegion: { charOffset: 1500, charLength: 0 },
                insertedContent: { text: '    case DIF_FINISHINSTALL_ACTION:\r\n        ShowFirmwareWarning();\r\n        break;\r\n' },
              },
            ],
          },
        ],
      },
    ]);
    expect(second.fixes).toStrictEqual([
      {
        description: { text: 'Wait for the process before returning' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'ui.c', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { charOffset: 340, charLength: 0 }, insertedContent: { text: 'WaitForSingleObject(sei.hProcess, INFINITE);\n' } }],
          },
        ],
      },
      {
        description: { text: 'Request the finish-install action here' },
        artifactChanges: [
          { artifactLocation: { uri: 'ui.c', uriBaseId: '%SRCROOT%' }, replacements: [{ deletedRegion: { charOffset: 200, charLength: 10 }, insertedContent: { text: 'x' } }] },
        ],
      },
    ]);
  });

  it('writes a fix that edits its own file and another as two artifactChanges, its own first', () => {
    const both: LintMessage = { ...move, fix: { ...move.fix!, range: [120, 131], text: 'Show()' } };
    const log = JSON.parse(formatters.sarif([{ ...results[0], messages: [both] }], context)) as {
      runs: { results: { fixes: { artifactChanges: { artifactLocation: { uri: string } }[] }[] }[] }[];
    };
    expect(log.runs[0].results[0].fixes[0].artifactChanges.map((c) => c.artifactLocation.uri)).toEqual(['ui.c', 'coinstaller.c']);
  });
});
