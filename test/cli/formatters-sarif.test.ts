import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatters, type FormatterContext } from '../../engine/formatters/index.js';
import { markdownToText, resolveRelativeLinks } from '../../engine/formatters/markdown-text.js';
import { builtinRules } from '../../rules/index.js';
import { readRuleDoc } from '../../engine/linter/rule-docs.js';
import type { LintResult, RuleModule } from '../../engine/linter/types.js';

// The SARIF output is checked two ways: against the official SARIF 2.1.0 JSON schema (OASIS,
// kept in test/data/sarif/), and field by field against objects written by hand from the SARIF
// spec and GitHub's code-scanning notes. The schema is draft-07; Ajv runs with strict: false
// (the schema uses keywords and defaults strict mode rejects) and validateFormats: false because
// ajv-formats is not installed, so "uri"/"date-time" formats are not checked here.

const schemaPath = new URL('../data/sarif/sarif-schema-2.1.0.json', import.meta.url);

let validate: ValidateFunction;
beforeAll(() => {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { $id: string; title: string };
  expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
  expect(schema.$id).toMatch(/sarif-schema-2\.1\.0\.json$/);
  validate = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(schema);
});

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(ok).toBe(true);
}

function rule(type: 'problem' | 'suggestion', description: string, guideline: string, url: string, recommended: boolean): RuleModule {
  return { meta: { type, docs: { description, guideline, url, recommended }, messages: {}, schema: [] }, create: () => ({}) };
}

const rules = new Map<string, RuleModule>([
  ['no-dll-load', rule('problem', 'Disallow loading DLLs', 'Loading executable or DLL files', 'https://example.test/docs/rules/no-dll-load.md', true)],
  ['prefer-finish-install', rule('suggestion', 'Prefer a finish-install action.', 'Displaying a user interface', 'https://example.test/docs/rules/prefer-finish-install.md', false)],
]);

const docs: Record<string, string> = {
  'no-dll-load': '# no-dll-load\n\nDo **not** call `LoadLibraryW`. See [the other rule](prefer-finish-install.md) and [Microsoft](https://learn.microsoft.com/x).\n\n```c\nLoadLibraryW(L"x.dll");\n```\n',
};

const context: FormatterContext = {
  cwd: '/proj',
  rules,
  color: true,
  toolVersion: '1.2.3',
  ruleDoc: (id) => docs[id],
  informationUri: 'https://example.test/coinstaller-lint',
};

const results: LintResult[] = [
  {
    filePath: '/proj/src/co installer.c',
    errorCount: 1,
    warningCount: 2,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 1,
    messages: [
      {
        ruleId: 'no-dll-load',
        severity: 2,
        message: 'LoadLibraryW loads a DLL while CoInstaller handles DIF_INSTALLDEVICE.',
        line: 33,
        column: 14,
        endLine: 33,
        endColumn: 26,
        range: [700, 712],
        related: [
          { filePath: '/proj/src/co installer.c', message: 'CoInstaller handles DIF_INSTALLDEVICE', line: 60, column: 5, endLine: 60, endColumn: 22 },
          { filePath: '/proj/src/helpers/load.c', message: 'OnInstallDevice calls LoadHelper', line: 7, column: 5, endLine: 7, endColumn: 15 },
        ],
        suggestions: [{ desc: 'Remove the call.', fix: { range: [690, 740], text: '' } }],
      },
      {
        ruleId: 'prefer-finish-install',
        severity: 1,
        message: 'Move this to a finish-install action.',
        line: 40,
        column: 1,
        endLine: 42,
        endColumn: 2,
        range: [800, 850],
        fix: { range: [800, 800], text: 'if (x) {\r\n' },
      },
      {
        ruleId: null,
        severity: 1,
        message: 'Unused coinstaller-lint directive (no problems were reported).',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 40,
        range: [20, 59],
      },
    ],
  },
  {
    filePath: '/elsewhere/shared.c',
    errorCount: 1,
    warningCount: 0,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    messages: [{ ruleId: 'no-such-rule', severity: 2, message: 'From a rule the map does not know.', line: 1, column: 1, endLine: 1, endColumn: 2, range: [0, 1] }],
  },
  {
    filePath: '/proj/src/locked.c',
    errorCount: 1,
    warningCount: 0,
    fatalErrorCount: 1,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    messages: [{ ruleId: null, severity: 2, fatal: true, message: 'Cannot read the file: permission denied.', line: 1, column: 1, endLine: 1, endColumn: 1, range: [0, 0] }],
  },
  {
    filePath: '/proj/src/clean.c',
    errorCount: 0,
    warningCount: 0,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    messages: [],
  },
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

function sarif(input: LintResult[], ctx: FormatterContext = context): Json {
  return JSON.parse(formatters.sarif(input, ctx)) as Json;
}

/** A physical location; base null for an absolute URI (no uriBaseId). */
const loc = (uri: string, startLine: number, startColumn: number, endLine: number, endColumn: number, base: string | null = '%SRCROOT%') => ({
  artifactLocation: base === null ? { uri } : { uri, uriBaseId: base },
  region: { startLine, startColumn, endLine, endColumn },
});

describe('sarif formatter', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    expectValid(sarif(results));
  });

  it('the schema check is live: a broken log is refused', () => {
    const log = sarif(results);
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(
      expect.arrayContaining(['/runs/0/results/0/level', '/runs/0/results/0/locations/0/physicalLocation/region/startLine']),
    );
  });

  it('describes the tool and exactly the rules of the map', () => {
    const log = sarif(results);
    expect(log.$schema).toBe('https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('coinstaller-lint');
    expect(driver.version).toBe('1.2.3');
    expect(driver.semanticVersion).toBe('1.2.3');
    expect(driver.informationUri).toBe('https://example.test/coinstaller-lint');
    expect(driver.rules.map((r: Json) => r.id)).toEqual(['no-dll-load', 'prefer-finish-install']);
    expect(driver.rules[0]).toStrictEqual({
      id: 'no-dll-load',
      name: 'NoDllLoad',
      shortDescription: { text: 'Disallow loading DLLs' },
      fullDescription: { text: 'Disallow loading DLLs. Guideline: "Loading executable or DLL files" (Writing Class Installers and Co-Installers).' },
      helpUri: 'https://example.test/docs/rules/no-dll-load.md',
      help: {
        text: 'no-dll-load\n\nDo not call LoadLibraryW. See the other rule (https://example.test/docs/rules/prefer-finish-install.md) and Microsoft (https://learn.microsoft.com/x).\n\nLoadLibraryW(L"x.dll");\n',
        markdown:
          '# no-dll-load\n\nDo **not** call `LoadLibraryW`. See [the other rule](https://example.test/docs/rules/prefer-finish-install.md) and [Microsoft](https://learn.microsoft.com/x).\n\n```c\nLoadLibraryW(L"x.dll");\n```\n',
      },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['windows-installer', 'correctness'], guideline: 'Loading executable or DLL files', 'problem.severity': 'error' },
    });
    // A suggestion: warning by default, off unless enabled (not recommended); no page: help from the description.
    expect(driver.rules[1].defaultConfiguration).toStrictEqual({ level: 'warning', enabled: false });
    expect(driver.rules[1].help).toStrictEqual({ text: 'Prefer a finish-install action.' });
    expect(driver.rules[1].fullDescription.text).toBe('Prefer a finish-install action. Guideline: "Displaying a user interface" (Writing Class Installers and Co-Installers).');
    expect(driver.rules[1].properties.tags).toEqual(['windows-installer', 'maintainability']);
  });

  it('writes a finding with its location, call chain (related locations and code flow) and fixes', () => {
    const run = sarif(results).runs[0];
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.originalUriBaseIds).toStrictEqual({ '%SRCROOT%': { uri: 'file:///proj/' } });
    const primary = loc('src/co%20installer.c', 33, 14, 33, 26);
    expect(run.results[0]).toStrictEqual({
      ruleId: 'no-dll-load',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'LoadLibraryW loads a DLL while CoInstaller handles DIF_INSTALLDEVICE.' },
      locations: [{ physicalLocation: primary }],
      relatedLocations: [
        { id: 1, physicalLocation: loc('src/co%20installer.c', 60, 5, 60, 22), message: { text: 'CoInstaller handles DIF_INSTALLDEVICE' } },
        { id: 2, physicalLocation: loc('src/helpers/load.c', 7, 5, 7, 15), message: { text: 'OnInstallDevice calls LoadHelper' } },
      ],
      codeFlows: [
        {
          threadFlows: [
            {
              locations: [
                { location: { physicalLocation: loc('src/co%20installer.c', 60, 5, 60, 22), message: { text: 'CoInstaller handles DIF_INSTALLDEVICE' } } },
                { location: { physicalLocation: loc('src/helpers/load.c', 7, 5, 7, 15), message: { text: 'OnInstallDevice calls LoadHelper' } } },
                { location: { physicalLocation: primary, message: { text: 'LoadLibraryW loads a DLL while CoInstaller handles DIF_INSTALLDEVICE.' } } },
              ],
            },
          ],
        },
      ],
      fixes: [
        {
          description: { text: 'Remove the call.' },
          artifactChanges: [
            { artifactLocation: { uri: 'src/co%20installer.c', uriBaseId: '%SRCROOT%' }, replacements: [{ deletedRegion: { charOffset: 690, charLength: 50 } }] },
          ],
        },
      ],
    });
  });

  it('writes warnings, multi-line regions and automatic fixes (CRLF kept in the inserted text)', () => {
    const run = sarif(results).runs[0];
    expect(run.results[1]).toStrictEqual({
      ruleId: 'prefer-finish-install',
      ruleIndex: 1,
      level: 'warning',
      message: { text: 'Move this to a finish-install action.' },
      locations: [{ physicalLocation: loc('src/co%20installer.c', 40, 1, 42, 2) }],
      fixes: [
        {
          description: { text: 'Apply the automatic fix (coinstaller-lint --fix).' },
          artifactChanges: [
            {
              artifactLocation: { uri: 'src/co%20installer.c', uriBaseId: '%SRCROOT%' },
              replacements: [{ deletedRegion: { charOffset: 800, charLength: 0 }, insertedContent: { text: 'if (x) {\r\n' } }],
            },
          ],
        },
      ],
    });
  });

  it('gives directive problems a ruleId without a descriptor, and unknown rules no ruleIndex', () => {
    const run = sarif(results).runs[0];
    expect(run.results[2]).toStrictEqual({
      ruleId: 'coinstaller-lint-directive',
      level: 'warning',
      message: { text: 'Unused coinstaller-lint directive (no problems were reported).' },
      locations: [{ physicalLocation: loc('src/co%20installer.c', 2, 1, 2, 40) }],
    });
    // A file outside the working directory gets an absolute file: URI, no base id.
    expect(run.results[3]).toStrictEqual({
      ruleId: 'no-such-rule',
      level: 'error',
      message: { text: 'From a rule the map does not know.' },
      locations: [{ physicalLocation: loc('file:///elsewhere/shared.c', 1, 1, 1, 2, null) }],
    });
    expect(run.results).toHaveLength(4);
    expect(run.tool.driver.rules.map((r: Json) => r.id)).not.toContain('no-such-rule');
  });

  it('reports fatal file problems as tool notifications and marks the run unsuccessful', () => {
    const invocation = sarif(results).runs[0].invocations[0];
    expect(invocation).toStrictEqual({
      executionSuccessful: false,
      toolExecutionNotifications: [
        { level: 'error', message: { text: 'Cannot read the file: permission denied.' }, locations: [{ physicalLocation: loc('src/locked.c', 1, 1, 1, 1) }] },
      ],
    });
  });

  it('a run without findings is valid, successful and has an empty results array', () => {
    const log = sarif([]);
    expectValid(log);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].invocations).toStrictEqual([{ executionSuccessful: true }]);
  });

  it('validates with the built-in rules and their real documentation pages', () => {
    const real: FormatterContext = { cwd: '/proj', rules: builtinRules, color: false, toolVersion: '0.1.0', ruleDoc: readRuleDoc };
    const log = sarif(
      [
        {
          filePath: '/proj/coinstaller.c',
          errorCount: 1,
          warningCount: 0,
          fatalErrorCount: 0,
          fixableErrorCount: 0,
          fixableWarningCount: 0,
          messages: [{ ruleId: 'no-dll-load', severity: 2, message: 'x', messageId: 'load', line: 3, column: 5, endLine: 3, endColumn: 17, range: [40, 52] }],
        },
      ],
      real,
    );
    expectValid(log);
    const driver = log.runs[0].tool.driver;
    expect(driver.rules.map((r: Json) => r.id)).toEqual([...builtinRules.keys()]);
    const noDllLoad = driver.rules.find((r: Json) => r.id === 'no-dll-load');
    expect(noDllLoad.help.markdown).toContain('# no-dll-load');
    expect(noDllLoad.helpUri).toBe(builtinRules.get('no-dll-load')!.meta.docs.url);
    expect(driver.informationUri).toMatch(/^file:\/\/.*\/README\.md$/);
    expect(log.runs[0].results[0].ruleIndex).toBe([...builtinRules.keys()].indexOf('no-dll-load'));
  });
});

describe('sarif from the command line', () => {
  it('`coinstaller-lint --format sarif examples/` validates against the schema', async () => {
    const { run } = await import('../../cli/main.js');
    const root = fileURLToPath(new URL('../../', import.meta.url));
    let stdout = '';
    let stderr = '';
    const status = await run(['--format', 'sarif', 'examples/'], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      cwd: root,
      stdoutIsTTY: false,
      stderrIsTTY: false,
      env: {},
    });
    expect(stderr).toBe('');
    expect(status).toBe(1); // the example breaks the guidelines on purpose
    const log = JSON.parse(stdout) as Json;
    expectValid(log);
    const loads = (log.runs[0].results as Json[]).filter((r) => r.ruleId === 'no-dll-load');
    expect(loads.length).toBeGreaterThan(0);
    for (const r of loads) {
      expect(r.locations[0].physicalLocation.artifactLocation).toStrictEqual({ uri: 'examples/contoso-coinstaller/coinstaller.c', uriBaseId: '%SRCROOT%' });
    }
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(true);
  });
});

describe('rule help markdown', () => {
  const base = 'file:///pkg/docs/rules/no-ui.md';

  it('makes relative links absolute against the page, and leaves anchors and absolute links alone', () => {
    expect(resolveRelativeLinks('[a](other.md) [b](../../README.md "Read me") [c](#why) [d](https://x.test/y) [e](mailto:a@b.c)', base)).toBe(
      '[a](file:///pkg/docs/rules/other.md) [b](file:///pkg/README.md "Read me") [c](#why) [d](https://x.test/y) [e](mailto:a@b.c)',
    );
  });

  it('leaves links alone when the page has no absolute URL', () => {
    expect(resolveRelativeLinks('[a](other.md)', 'docs/rules/no-ui.md')).toBe('[a](other.md)');
  });

  it('renders plain text: no heading marks, fences, backticks or stars; links as text (url)', () => {
    expect(markdownToText('## Options\r\n\r\n**Bold** and `code`, <https://x.test>, [https://y.test](https://y.test).\r\n~~~\n# not a heading\n~~~')).toBe(
      'Options\n\nBold and code, <https://x.test>, https://y.test.\n# not a heading',
    );
  });
});
