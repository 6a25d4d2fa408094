/**
 * lintFiles and writeFixes (api/lint-files.ts) on the example co-installer: the findings
 * examples/README.md lists by hand (test/support/example-findings.ts), and its automatic fixes.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lintFiles, type LintResult, NoFilesError, type WalkProblem, writeFixes } from '../../api/index.js';
import { documentedErrorsPerFile, documentedFindings } from '../support/example-findings.js';

const root = join(import.meta.dirname, '../..');

const perFile = (results: readonly LintResult[]) => results.map((r) => [basename(r.filePath), r.errorCount, r.warningCount]);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cil-api-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('lintFiles', () => {
  it('lints a folder, one result per C/C++ or INF file in path order, with the module read for the model', async () => {
    const progress: [number, number][] = [];
    const results = await lintFiles('examples/', { cwd: root, onProgress: (done, total) => progress.push([done, total]) });
    expect(perFile(results)).toEqual(
      documentedErrorsPerFile(['coinstaller.c', 'contoso.h', 'contoso.inf', 'maintenance.c', 'settings.c', 'ui.c', 'updater.c']),
    );
    const ui = results.find((r) => r.filePath.endsWith('ui.c'))!;
    expect(ui.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['no-ui-outside-finish-install', 7, 5]]);
    expect(ui.messages[0].related?.map((r) => `${basename(r.filePath)}:${r.line}:${r.column} ${r.message}`)).toEqual([
      'coinstaller.c:70:10 ContosoCoInstaller handles DIF_INSTALLDEVICE',
      'coinstaller.c:71:16 calls OnInstallDevice()',
      'coinstaller.c:45:5 calls ShowFirmwareWarning()',
    ]);
    // one module: one progress call, all seven files done
    expect(progress).toEqual([[7, 7]]);
  });

  it('takes several patterns, globs among them, relative to cwd', async () => {
    const results = await lintFiles(['examples/contoso-coinstaller/ui.c', 'examples/**/*.inf'], { cwd: root });
    expect(perFile(results)).toEqual(documentedErrorsPerFile(['contoso.inf', 'ui.c']));
  });

  it('computes fixes on request, and writeFixes writes them: the three automatic fixes of the example, one across files', async () => {
    cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
    const updater = join(dir, 'examples/contoso-coinstaller/updater.c');
    const before = readFileSync(updater, 'utf8');
    const fixed = await lintFiles('examples', { cwd: dir, fix: true });
    // nothing is written by lintFiles itself
    expect(readFileSync(updater, 'utf8')).toBe(before);
    expect(fixed.filter((r) => r.output !== undefined).map((r) => basename(r.filePath))).toEqual(['coinstaller.c', 'updater.c']);
    writeFixes(fixed);
    expect(readFileSync(updater, 'utf8')).toContain('WaitForSingleObject(pi.hProcess, INFINITE);\n    CloseHandle(pi.hThread);\n    CloseHandle(pi.hProcess);\n    return NO_ERROR;');
    const after = await lintFiles('examples', { cwd: dir });
    // the return code (coinstaller.c), the wait (updater.c) and ui.c's message box (its fix removes the
    // call of ShowFirmwareWarning() from OnInstallDevice in coinstaller.c) are gone; maintenance.c's
    // window-station error sits on a failure path, where returning NO_ERROR is only a suggestion
    const fixedRules = new Set(['unhandled-dif-return-code', 'no-ui-outside-finish-install', 'wait-for-finish-install-process']);
    const left = documentedFindings().filter((f) => !fixedRules.has(f.rule));
    expect(perFile(after)).toEqual(
      ['coinstaller.c', 'contoso.h', 'contoso.inf', 'maintenance.c', 'settings.c', 'ui.c', 'updater.c'].map((file) => [file, left.filter((f) => f.file === file).length, 0]),
    );
  });

  it('tells of paths it cannot use, and throws NoFilesError when nothing is left to lint', async () => {
    const problems: WalkProblem[] = [];
    const results = await lintFiles(['examples/README.md', 'examples/contoso-coinstaller/ui.c'], { cwd: root, onProblem: (p) => problems.push(p) });
    expect(results.map((r) => basename(r.filePath))).toEqual(['ui.c']);
    // the walker's two words on a file it does not lint: what it is, and that the pattern found nothing
    expect(problems).toEqual([
      { path: join(root, 'examples/README.md'), message: 'not a C/C++ source, header, INF or build file; skipped' },
      { path: 'examples/README.md', message: 'no C/C++, INF or build files match this pattern (or all are ignored)' },
    ]);

    const error = await lintFiles('missing.c', { cwd: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoFilesError);
    expect((error as NoFilesError).problems).toEqual([{ path: join(dir, 'missing.c'), message: 'no such file or folder' }]);
    expect((error as Error).message).toBe(`no files to lint: ${join(dir, 'missing.c')}: no such file or folder`);
  });
});
