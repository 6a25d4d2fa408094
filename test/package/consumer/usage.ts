/**
 * A project using the installed package (test/package/pack-install.test.ts compiles it with
 * module and moduleResolution NodeNext, then runs it): every export of the public API, with its
 * types, and the deep imports that package.json "exports" must refuse. It prints one JSON line.
 * Not part of the repository's own typecheck: 'coinstaller-lint' resolves only where it is installed.
 */
import {
  ConfigError,
  configFor,
  type Fix,
  FORMATTER_NAMES,
  formatResults,
  formatters,
  type LintMessage,
  type LintResult,
  lintFiles,
  lintText,
  NoFilesError,
  packageVersion,
  type ResolvedConfig,
  type RuleModule,
  rules,
} from 'coinstaller-lint';

const entry = [
  'static void Warn(void)',
  '{',
  '    OutputDebugStringW(L"installing");',
  '    MessageBoxW(NULL, L"Installing", L"Setup", MB_OK);',
  '}',
  '',
  '__declspec(dllexport) DWORD CALLBACK',
  'CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
  '{',
  '    if (InstallFunction == DIF_INSTALLDEVICE) {',
  '        Warn();',
  '    }',
  '    return ERROR_DI_DO_DEFAULT;',
  '}',
  '',
].join('\r\n');

const text: LintResult = await lintText(entry, { filePath: 'virtual/ci.c', moduleFiles: {}, fix: true });
const found: LintMessage[] = text.messages;
const severity: 1 | 2 | undefined = found[0]?.severity;
const fixes: (Fix | undefined)[] = (await lintText(entry, { filePath: 'virtual/ci.c', moduleFiles: {} })).messages.map((m) => m.fix);

// Type errors the declarations must give (never called)
// @ts-expect-error filePath is required
void (() => lintText(entry, { moduleFiles: {} }));
// @ts-expect-error the formats are named
void (() => formatResults([], 'xml'));

const files: LintResult[] = await lintFiles('examples', { threads: 1 });
const ui: RuleModule | undefined = rules.get('no-ui-outside-finish-install');
const config: ResolvedConfig = configFor('examples/contoso-coinstaller/ui.c');

let noFiles = '';
try {
  await lintFiles(['missing/']);
} catch (error) {
  if (error instanceof NoFilesError) noFiles = error.problems.map((p) => p.message).join();
}
let configError = '';
try {
  configFor('a.c', { ruleOverrides: { 'no-such-rule': 'error' } });
} catch (error) {
  if (error instanceof ConfigError) configError = error.name;
}

// Only "." and "./package.json" are exported: the compiled files stay private.
let deepImport = '';
try {
  // @ts-expect-error not exported
  await import('coinstaller-lint/dist/api/index.js');
} catch (error) {
  deepImport = (error as { code?: string }).code ?? String(error);
}
const manifest = await import('coinstaller-lint/package.json', { with: { type: 'json' } });

console.log(
  JSON.stringify({
    text: { severity, found: found.map((m) => `${m.line}:${m.column} ${m.ruleId}`), outputLines: text.output?.split('\r\n'), fixes: fixes.map((f) => f?.desc ?? null) },
    files: files.map((r) => [r.filePath.split(/[\\/]/).pop(), r.errorCount]),
    rule: ui && { type: ui.meta.type, guideline: ui.meta.docs.guideline, url: ui.meta.docs.url },
    config: { filePath: config.filePath, uiLevel: config.rules['no-ui-outside-finish-install'].severity },
    formats: FORMATTER_NAMES,
    formatterKeys: Object.keys(formatters),
    sarifVersion: (JSON.parse(formatResults(files, 'sarif')) as { runs: { tool: { driver: { version: string } } }[] }).runs[0].tool.driver.version,
    version: packageVersion(),
    manifestVersion: manifest.default.version,
    noFiles,
    configError,
    deepImport,
  }),
);
