/**
 * Modules made by the build (engine/model/module-from-build.ts, docs/architecture.md, Modules): a
 * DLL project's files are its sources, the headers they include (through its include folders),
 * its ClInclude headers, the .def of ModuleDefinitionFile/DLLDEF and the INF files of its folder;
 * a file of the tree no DLL compiles is a module of its own; a malformed project keeps the folder
 * rule. Sources in C and C++, build files LF and CRLF; Contoso names are made up.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../api/index.js';
import { createBuildIndex } from '../../engine/build/build-index.js';
import { fileLanguage, type ParsedFile } from '../../engine/linter/linter.js';
import { SourceCode } from '../../engine/linter/source-code.js';
import { discoverModule, type LocatedModule, modelOfFiles } from '../../engine/model/index.js';
import { EOLS, sourcesFile, useTrees, vcxproj } from '../build/build-files.js';
import { useParser } from './model-harness.js';

const tree = useTrees();
const parser = useParser();

const entry = (eol: string) =>
  [
    '#include <windows.h>',
    '#include <setupapi.h>',
    '#include "contoso.h"',
    'void ContosoShowProgress(DI_FUNCTION InstallFunction);',
    'DWORD CALLBACK ContosoCoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
    '{',
    '    ContosoShowProgress(InstallFunction);',
    '    return NO_ERROR;',
    '}',
    '',
  ].join(eol);

/** A helper that shows a message box under DIF_INSTALLDEVICE: the call is at line 6, column 9. */
const progressHeader = (eol: string) =>
  [
    '#include <windows.h>',
    'void ContosoShowProgress(DI_FUNCTION InstallFunction)',
    '{',
    '    switch (InstallFunction) {',
    '    case DIF_INSTALLDEVICE:',
    '        MessageBoxW(NULL, L"Installing", L"Contoso", MB_OK);',
    '        break;',
    '    default:',
    '        break;',
    '    }',
    '}',
    '',
  ].join(eol);

const toolMain = (eol: string) => ['#include "progress.h"', 'int main(void)', '{', '    ContosoShowProgress(DIF_INSTALLDEVICE);', '    return 0;', '}', ''].join(eol);

const inf = (eol: string) => ['[Version]', 'Signature="$WINDOWS NT$"', '', '[Contoso.CoInstallers]', 'AddReg=Contoso.CoInstallers.AddReg', '', '[Contoso.CoInstallers.AddReg]', 'HKR,,CoInstallers32,0x00010000,"ContosoCi.dll,ContosoCoInstaller"', ''].join(eol);

const rel = (root: string, m: LocatedModule) => ({
  root: relative(root, m.root),
  files: m.files.map((f) => relative(root, f)).sort(),
  origin: { ...m.origin, buildFile: m.origin.buildFile && relative(root, m.origin.buildFile) },
});

describe.each(EOLS)('modules from the build (%s)', (_eolName, eol) => {
  describe.each(['c', 'cpp'])('sources in .%s', (ext) => {
    /** The DLL compiles ContosoCi; the tool's main, beside it, includes progress.h; inc/ is the include folder. */
    const dllTree = (project = vcxproj({ sources: [`src\\ContosoCi.${ext}`], headers: ['inc\\contoso.h'], includeDirs: 'inc', def: 'ContosoCi.def' }, eol)) =>
      tree({
        'proj/ci.vcxproj': project,
        'proj/ContosoCi.def': `LIBRARY ContosoCi${eol}EXPORTS${eol}    ContosoCoInstaller${eol}`,
        'proj/ContosoCi.inf': inf(eol),
        [`proj/src/ContosoCi.${ext}`]: entry(eol),
        [`proj/src/ContosoTool.${ext}`]: toolMain(eol),
        'proj/src/progress.h': progressHeader(eol),
        'proj/inc/contoso.h': '#include "types.h"\n',
        'proj/inc/types.h': '',
        'proj/inc/unused.h': '',
      });

    it('the DLL: its sources, the headers they include, ClInclude, the .def and the INF; not the tool nor its header', () => {
      const root = dllTree();
      const index = createBuildIndex({ roots: [root] });
      const module = discoverModule(join(root, `proj/src/ContosoCi.${ext}`), { buildIndex: index });
      expect(rel(root, module)).toEqual({
        root: 'proj/ci.vcxproj',
        files: ['proj/ContosoCi.def', 'proj/ContosoCi.inf', 'proj/inc/contoso.h', 'proj/inc/types.h', `proj/src/ContosoCi.${ext}`],
        origin: { rule: 'vcxproj', buildFile: 'proj/ci.vcxproj', configuration: 'Debug|x64' },
      });
      // every file of the DLL has the same module
      expect(rel(root, discoverModule(join(root, 'proj/inc/types.h'), { buildIndex: index }))).toEqual(rel(root, module));
      expect(rel(root, discoverModule(join(root, 'proj/ContosoCi.inf'), { buildIndex: index })).root).toBe('proj/ci.vcxproj');
    });

    it("a tool's main beside the DLL's sources is a module of its own, with the header it includes", () => {
      const root = dllTree();
      const index = createBuildIndex({ roots: [root] });
      expect(rel(root, discoverModule(join(root, `proj/src/ContosoTool.${ext}`), { buildIndex: index }))).toEqual({
        root: `proj/src/ContosoTool.${ext}`,
        files: [`proj/src/ContosoTool.${ext}`, 'proj/src/progress.h'],
        origin: { rule: 'single', buildFile: undefined },
      });
      // the header only the tool includes is not the DLL's: alone
      expect(rel(root, discoverModule(join(root, 'proj/src/progress.h'), { buildIndex: index }))).toEqual({
        root: 'proj/src/progress.h',
        files: ['proj/src/progress.h'],
        origin: { rule: 'single', buildFile: undefined },
      });
    });

    it('a malformed project keeps the folder rule', () => {
      const root = dllTree(vcxproj({ sources: [`src\\ContosoCi.${ext}`] }, eol).replace('</ItemGroup>', ''));
      const module = discoverModule(join(root, `proj/src/ContosoCi.${ext}`), { buildIndex: createBuildIndex({ roots: [root] }) });
      expect(module.origin).toEqual({ rule: 'folder' });
      expect(relative(root, module.root)).toBe('proj');
      expect(module.files.map((f) => relative(root, f))).toContain(`proj/src/ContosoTool.${ext}`);
    });

    it('a header outside the DLL\'s includes gives nothing through lintFiles; by the folder rule it gives the finding', async () => {
      const root = dllTree();
      const results = await lintFiles(['proj'], { cwd: root });
      const header = results.find((r) => r.filePath === join(root, 'proj/src/progress.h'));
      expect(header?.messages).toEqual([]);
      // linted from another folder: the folder named on the command line is the workspace
      const elsewhere = await lintFiles([join(root, 'proj')], { cwd: tree({}) });
      expect(elsewhere.find((r) => r.filePath === join(root, 'proj/src/progress.h'))?.messages).toEqual([]);
      // the same tree without the project: the tool's include puts the header in the folder's module
      const folder = tree({
        'proj/ContosoCi.def': `LIBRARY ContosoCi${eol}EXPORTS${eol}    ContosoCoInstaller${eol}`,
        [`proj/src/ContosoCi.${ext}`]: entry(eol).replace('#include "contoso.h"', '#include "../inc/contoso.h"'),
        [`proj/src/ContosoTool.${ext}`]: toolMain(eol),
        'proj/src/progress.h': progressHeader(eol),
        'proj/inc/contoso.h': '',
      });
      const byFolder = await lintFiles(['proj'], { cwd: folder });
      const found = byFolder.find((r) => r.filePath === join(folder, 'proj/src/progress.h'))?.messages ?? [];
      expect(found.map((m) => [m.ruleId, m.line, m.column])).toEqual([['no-ui-outside-finish-install', 6, 9]]);
    });

    it('the .def of ModuleDefinitionFile, outside the project folder, names the entry point', () => {
      const withDef = (def?: string) =>
        tree({
          'proj/ci.vcxproj': vcxproj({ sources: [`src\\ContosoCi.${ext}`], def }, eol),
          'exports/ContosoCi.def': `LIBRARY ContosoCi${eol}EXPORTS${eol}    ContosoCoInstaller${eol}`,
          [`proj/src/ContosoCi.${ext}`]: entry(eol).replace('#include "contoso.h"', ''),
        });
      const via = (root: string) => {
        const module = discoverModule(join(root, `proj/src/ContosoCi.${ext}`), { buildIndex: createBuildIndex({ roots: [root] }) });
        const parsed: ParsedFile[] = module.files.map((filePath) => {
          const text = readFileSync(filePath, 'utf8');
          const language = fileLanguage(filePath);
          return { filePath, language, sourceCode: new SourceCode(text, language === 'cpp' ? parser().parse(text) : null) };
        });
        try {
          return modelOfFiles(parsed, {}).entryPoints.map((e) => `${e.name}:${[...e.via].sort().join('+')}`);
        } finally {
          for (const p of parsed) p.sourceCode.tree?.delete();
        }
      };
      expect(via(withDef('..\\exports\\ContosoCi.def'))).toEqual(['ContosoCoInstaller:def+signature']);
      expect(via(withDef())).toEqual(['ContosoCoInstaller:signature']);
    });

    it('a `sources` file of a DYNLINK: SOURCES, INCLUDES and DLLDEF', () => {
      const root = tree({
        'w/sources': sourcesFile({ sources: [`ContosoCi.${ext}`], includes: '..\\inc', def: 'ContosoCi.def' }, eol),
        'w/ContosoCi.def': `EXPORTS${eol}    ContosoCoInstaller${eol}`,
        [`w/ContosoCi.${ext}`]: entry(eol),
        [`w/ContosoTool.${ext}`]: toolMain(eol),
        'inc/contoso.h': '',
      });
      const module = discoverModule(join(root, `w/ContosoCi.${ext}`), { buildIndex: createBuildIndex({ roots: [root] }) });
      expect(rel(root, module)).toEqual({
        root: 'w/sources',
        files: ['inc/contoso.h', `w/ContosoCi.${ext}`, 'w/ContosoCi.def'],
        origin: { rule: 'sources', buildFile: 'w/sources', configuration: null },
      });
    });
  });
});

describe('compile_commands.json', () => {
  it('its files and -I folders make the module; a file it does not list is alone', () => {
    const root = tree({ 'b/ContosoCi.c': '#include <contoso.h>\n', 'b/ContosoTool.c': '', 'inc/contoso.h': '' });
    const commands = [{ directory: join(root, 'b'), file: 'ContosoCi.c', command: `cl -I${join(root, 'inc')} -c ContosoCi.c` }];
    writeFileSync(join(root, 'b/compile_commands.json'), JSON.stringify(commands, null, 2));
    const index = createBuildIndex({ roots: [root] });
    expect(rel(root, discoverModule(join(root, 'b/ContosoCi.c'), { buildIndex: index }))).toEqual({
      root: 'b/compile_commands.json',
      files: ['b/ContosoCi.c', 'inc/contoso.h'],
      origin: { rule: 'compile_commands', buildFile: 'b/compile_commands.json', configuration: null },
    });
    expect(discoverModule(join(root, 'b/ContosoTool.c'), { buildIndex: index }).origin.rule).toBe('single');
  });
});
