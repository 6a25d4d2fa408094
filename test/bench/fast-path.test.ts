/**
 * The fast path (prefilter) and the parallel path report exactly what the full path reports, on a
 * small generated corpus set in a repository with non-installer code beside it; and every planted
 * violation of the manifest is found (recall), with nothing else reported in the installer
 * modules (precision).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, MINGW_INCLUDE, type CorpusManifest } from '../../bench/generate-corpus.js';
import { collectFiles } from '../../engine/batch/file-walker.js';
import { emptyStats, lintPaths, type LintPathsStats, type PathLintResult } from '../../engine/batch/lint-paths.js';
import { createLintSetup, type LintSetup } from '../../engine/batch/lint-setup.js';
import { cachedModuleLocator } from '../../engine/batch/module-locator.js';
import { lintPathsParallel } from '../../engine/batch/parallel.js';
import { builtinRuleSet } from '../../rules/index.js';

let root: string;
let manifest: CorpusManifest;
let files: string[];
let setup: LintSetup;
let full: PathLintResult[];
let fast: PathLintResult[];
const fullStats: LintPathsStats = emptyStats();
const fastStats: LintPathsStats = emptyStats();

const rel = (p: string) => path.relative(path.join(root, 'installers'), p).split(path.sep).join('/');
const key = (file: string, line: number, column: number, ruleId: string | null) => `${file}:${line}:${column} ${ruleId}`;

/** Messages as comparable plain data (everything the formatters print). */
const plain = (results: PathLintResult[]) =>
  results.map((r) => ({
    filePath: r.filePath,
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    messages: r.messages.map((m) => ({ ...m })),
  }));

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'fast-path-'));
  // a repository: module discovery never looks above a folder holding .git
  mkdirSync(path.join(root, '.git'));
  // installer modules, small ones
  manifest = generateCorpus({ root: path.join(root, 'installers'), seed: 11, modules: 10, moduleBytes: 6000 });
  // a shared include folder of a driver repository: no installer signal, though setupapi.h declares
  // functions with installer-shaped parameter lists
  const include = path.join(root, 'include');
  mkdirSync(include);
  const headers = ['setupapi.h', 'cfgmgr32.h', 'winsvc.h', 'devguid.h'];
  if (existsSync(MINGW_INCLUDE)) for (const h of headers) if (existsSync(path.join(MINGW_INCLUDE, h))) cpSync(path.join(MINGW_INCLUDE, h), path.join(include, h));
  writeFileSync(
    path.join(include, 'vendor-installer.h'),
    [
      '#include <setupapi.h>',
      '/* (HDEVINFO; PSP_DEVINFO_DATA) in a comment */',
      'typedef DWORD (CALLBACK *VENDOR_INSTALLER)(DI_FUNCTION, HDEVINFO, PSP_DEVINFO_DATA);',
      'DWORD CALLBACK VendorInstall(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData);',
      'void ShowError(void) { MessageBoxW(NULL, L"x", L"y", MB_OK); LoadLibraryW(L"z.dll"); }',
      '',
    ].join('\n'),
  );
  // a driver (no installer) whose source carries an unused disable directive: the full path reports
  // it, so the fast path must lint this module too
  const driver = path.join(root, 'driver');
  mkdirSync(driver);
  writeFileSync(path.join(driver, 'driver.c'), 'int Helper(void)\n{\n    return 0; // coinstaller-lint-disable-line no-dll-load\n}\n');
  writeFileSync(path.join(driver, 'driver.inf'), '[Version]\nSignature = "$WINDOWS NT$"\nClass = System\n');
  // a tool in a module of its own: UI and process calls, but no installer
  const tool = path.join(root, 'tools', 'flasher');
  mkdirSync(tool, { recursive: true });
  writeFileSync(path.join(tool, 'flasher.c'), '#include <windows.h>\nint main(void)\n{\n    MessageBoxW(NULL, L"Flash", L"Tool", MB_OK);\n    return system("flash.exe");\n}\n');

  files = collectFiles([root], { cwd: root, isIgnored: () => false }).files;
  setup = await createLintSetup({ cwd: root, ruleSet: builtinRuleSet });
  full = lintPaths(files, { linter: setup.linter, configFor: setup.configFor, locateModule: cachedModuleLocator(), prefilter: false, stats: fullStats });
  fast = lintPaths(files, { linter: setup.linter, configFor: setup.configFor, locateModule: cachedModuleLocator(), prefilter: true, stats: fastStats });
}, 300_000);

afterAll(() => {
  setup?.dispose();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('fast path', () => {
  it('reports the same findings as the full path, file by file', () => {
    expect(fast.map((r) => r.filePath)).toEqual(files);
    expect(plain(fast)).toEqual(plain(full));
  });

  it('skips the modules without installer signal, and only those', () => {
    // every module is read; the include folder and the tool are not parsed, the driver (directive) is
    expect(fastStats.modules).toBe(fullStats.modules);
    expect(fullStats.modulesSkipped).toBe(0);
    expect(fastStats.modulesSkipped).toBe(2);
    expect(fastStats.filesLinted).toBeLessThan(fullStats.filesLinted);
    const installerFiles = manifest.files;
    const driverFiles = 2;
    expect(fastStats.filesLinted).toBe(installerFiles + driverFiles);
  });

  it('keeps the unused-directive report of a module with no installer', () => {
    const driver = fast.find((r) => r.filePath.endsWith(path.join('driver', 'driver.c')))!;
    expect(driver.messages.map((m) => [m.ruleId, m.line])).toEqual([[null, 3]]);
  });

  it('finds every planted violation (recall against the manifest)', () => {
    const found = new Set(
      fast.filter((r) => r.filePath.startsWith(path.join(root, 'installers'))).flatMap((r) => r.messages.map((m) => key(rel(r.filePath), m.line, m.column, m.ruleId))),
    );
    const planted = manifest.findings.map((f) => key(f.file, f.line, f.column, f.ruleId));
    expect(planted.length).toBeGreaterThan(30);
    expect(planted.filter((k) => !found.has(k))).toEqual([]);
  });

  it('reports nothing in the installer modules that was not planted (precision)', () => {
    const planted = new Set(manifest.findings.map((f) => key(f.file, f.line, f.column, f.ruleId)));
    const extra = fast
      .filter((r) => r.filePath.startsWith(path.join(root, 'installers')))
      .flatMap((r) =>
        r.messages.filter((m) => !planted.has(key(rel(r.filePath), m.line, m.column, m.ruleId))).map((m) => `${key(rel(r.filePath), m.line, m.column, m.ruleId)} ${m.message}`),
      );
    expect(extra).toEqual([]);
  });

  it('the parallel path (2 workers) reports the same, in the same file order', async () => {
    const stats = emptyStats();
    const parallel = await lintPathsParallel(files, { cwd: root, ruleSet: builtinRuleSet, threads: 2, locateModule: cachedModuleLocator(), stats });
    expect(parallel.map((r) => r.filePath)).toEqual(files);
    expect(plain(parallel)).toEqual(plain(full));
    expect(stats).toEqual(fastStats);
  }, 120_000);
});
