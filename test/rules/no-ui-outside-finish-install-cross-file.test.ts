/**
 * no-ui-outside-finish-install: the move into a finish-install action when the UI is in a helper in
 * another file of the module (installer-guidelines: "Displaying a user interface"; the action:
 * docs/installer-facts.md#finish-install-actions). The finding is in the helper's file; the fix
 * edits the files of the chain (Fix.otherFiles): it deletes the call that leads to the UI where it
 * was, and runs it in the entry point's DIF_FINISHINSTALL_ACTION handling, requested under
 * DIF_NEWDEVICEWIZARD_FINISHINSTALL. Every expected text is written by hand. Each module runs as C
 * and as C++, with LF and CRLF line ends; the results compile with mingw-w64, re-lint without the
 * finding, add no finding of the rule, and offer no second fix.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, type ResolvedConfig } from '../../engine/config/resolved-config.js';
import { Linter } from '../../engine/linter/linter.js';
import type { Fix, LintMessage, RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import rule from '../../rules/no-ui-outside-finish-install.js';
import { applyFixAlone, ownEdits } from '../support/fix-application.js';
import { hasMingw, type MingwLanguage, mingwSyntaxCheck } from '../support/mingw.js';

const ID = 'no-ui-outside-finish-install';
const RULE: RuleModule = rule;
const ROOT = '/virtual/contoso/';
const EXAMPLE = join(__dirname, '../../examples/contoso-coinstaller');

type Files = Record<string, string>;
interface Variant {
  language: MingwLanguage;
  eol: '\n' | '\r\n';
}
const VARIANTS: Variant[] = [
  { language: 'c', eol: '\n' },
  { language: 'c', eol: '\r\n' },
  { language: 'c++', eol: '\n' },
  { language: 'c++', eol: '\r\n' },
];
const variantName = (v: Variant) => `${v.language === 'c' ? 'C' : 'C++'}, ${v.eol === '\n' ? 'LF' : 'CRLF'}`;
/** The module's files in a variant: .c renamed .cpp for C++ (includes keep naming the headers), line ends replaced. */
const inVariant = (files: Files, v: Variant): Files =>
  Object.fromEntries(Object.entries(files).map(([name, text]) => [v.language === 'c++' ? name.replace(/\.c$/, '.cpp') : name, text.replace(/\r?\n/g, v.eol)]));
const nameIn = (name: string, v: Variant) => (v.language === 'c++' ? name.replace(/\.c$/, '.cpp') : name);

let parser: CppParser;
let linter: Linter;
beforeAll(async () => {
  parser = await CppParser.create();
  linter = new Linter({ rules: new Map([[ID, RULE]]), parser, serviceProviders: [installerModelProvider] });
});
afterAll(() => {
  linter.dispose();
  parser.delete();
});

const config: ResolvedConfig = { filePath: null, rules: { [ID]: { severity: 2, options: [] } }, settings: defaultSettings(), ignores: [], reportUnusedDisableDirectives: 0 };

/** The rule's findings per file, the module linted whole (`readOnly` files only read for the model). */
function lint(files: Files, readOnly: string[] = []): Map<string, LintMessage[]> {
  const inputs = Object.entries(files).map(([name, text]) => ({ filePath: ROOT + name, text, report: !readOnly.includes(name) }));
  const results = linter.lintModule(inputs, () => config);
  return new Map(results.map((r) => [r.filePath.slice(ROOT.length), r.messages.filter((m) => m.ruleId === ID)]));
}

/** The module after one fix, by file name. */
function applied(files: Files, file: string, fix: Fix): Files {
  const texts = new Map(Object.entries(files).map(([name, text]) => [ROOT + name, text]));
  const out = applyFixAlone(texts, ROOT + file, fix);
  return Object.fromEntries([...out].map(([path, text]) => [path.slice(ROOT.length), text]));
}

/** mingw-w64's errors for the source files of the module named in `only` ('' when they compile). */
function compile(files: Files, language: MingwLanguage, only: string[] = Object.keys(files)): string {
  const dir = mkdtempSync(join(tmpdir(), 'cross-file-move-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return only
    .filter((name) => /\.(c|cpp)$/.test(name))
    .map((name) => mingwSyntaxCheck(join(dir, name), language))
    .join('');
}

/** The checks every automatic fix passes: compiles, the finding is gone, no finding added, nothing left to fix. */
function checkResult(before: Files, after: Files, v: Variant, reportedIn: string): void {
  // the changed files compile (when they did before the fix)
  const changed = Object.keys(after).filter((name) => after[name] !== before[name]);
  if (hasMingw(v.language) && compile(before, v.language, changed) === '') expect(compile(after, v.language, changed)).toBe('');
  const again = lint(after);
  expect(again.get(reportedIn)?.length ?? 0, 'the finding is gone').toBe((lint(before).get(reportedIn)?.length ?? 0) - 1);
  const count = (m: Map<string, LintMessage[]>) => [...m.values()].reduce((n, ms) => n + ms.length, 0);
  expect(count(again), 'no finding added').toBe(count(lint(before)) - 1);
  expect([...again.values()].flat().filter((m) => m.fix).length, 'nothing more to fix').toBe(0);
}

// ---------------------------------------------------------------------------------------------
// The bundled example: ui.c 7:5, reached through ContosoCoInstaller → OnInstallDevice → ShowFirmwareWarning.

describe('the bundled example: ShowFirmwareWarning() leaves OnInstallDevice', () => {
  const names = ['coinstaller.c', 'contoso.h', 'maintenance.c', 'settings.c', 'ui.c', 'updater.c', 'contoso.def', 'contoso.inf'];
  const example: Files = Object.fromEntries(names.map((n) => [n, readFileSync(join(EXAMPLE, n), 'utf8')]));
  for (const v of VARIANTS) {
    it(variantName(v), () => {
      const files = inVariant(example, v);
      const coinstaller = nameIn('coinstaller.c', v);
      const ui = nameIn('ui.c', v);
      const findings = lint(files).get(ui)!;
      expect(findings.map((m) => `${m.line}:${m.column}`)).toEqual(['7:5']);
      const fix = findings[0].fix!;
      expect(fix.desc).toBe('Move ShowFirmwareWarning() into a finish-install action');
      // ui.c itself is not edited; coinstaller.c loses line 45 (its trailing comment describes the
      // old place); the action already calls ShowFirmwareWarning() and RequestFinishInstallAction
      // already requests it; contoso.h defines the constants: nothing added.
      expect(ownEdits(fix)).toEqual([]);
      const after = applied(files, ui, fix);
      const line45 = `    ShowFirmwareWarning();                                 /* guideline 1, through ui.c */${v.eol}`;
      expect(files[coinstaller]).toContain(line45);
      expect(after[coinstaller]).toBe(files[coinstaller].replace(line45, ''));
      for (const n of Object.keys(files)) if (n !== coinstaller) expect(after[n], n).toBe(files[n]);
      checkResult(files, after, v, ui);
    }, 120_000);
  }
});

// ---------------------------------------------------------------------------------------------
// A module of three files and a header: the thin wrapper's call in OnInstall (install.c), with the
// parameter bound to the entry point's, moves into the entry point of coinstaller.c.

const HEADER = [
  '/* Contoso sensor co-installer: shared declarations. */',
  '#include <windows.h>',
  '#include <setupapi.h>',
  '#ifndef DIF_FINISHINSTALL_ACTION',
  '#define DIF_FINISHINSTALL_ACTION 0x0000002A',
  '#endif',
  '#ifndef DI_FLAGSEX_FINISHINSTALL_ACTION',
  '#define DI_FLAGSEX_FINISHINSTALL_ACTION 0x00000008L',
  '#endif',
  'void ContosoWarn(HDEVINFO Devices);',
  'DWORD OnInstall(HDEVINFO Devices, PSP_DEVINFO_DATA Device);',
  '',
].join('\n');

const UI = ['#include "contoso.h"', '', 'void ContosoWarn(HDEVINFO Devices)', '{', '    MessageBoxW(NULL, L"Calibrate the sensor.", L"Contoso", MB_OK);', '}', ''].join('\n');

const INSTALL = [
  '#include "contoso.h"',
  '',
  'DWORD OnInstall(HDEVINFO Devices, PSP_DEVINFO_DATA Device)',
  '{',
  '    OutputDebugStringW(Device != NULL ? L"one device" : L"all devices");',
  '    /* The sensor needs calibrating after each installation. */',
  '    ContosoWarn(Devices);   /* shown here today */',
  '    return NO_ERROR;',
  '}',
  '',
].join('\n');

const ENTRY = [
  '#include "contoso.h"',
  '',
  'DWORD CALLBACK',
  'ContosoCoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet,',
  '                   PSP_DEVINFO_DATA DeviceInfoData,',
  '                   PCOINSTALLER_CONTEXT_DATA Context)',
  '{',
  '    UNREFERENCED_PARAMETER(Context);',
  '',
  '    switch (InstallFunction) {',
  '    case DIF_INSTALLDEVICE:',
  '        return OnInstall(DeviceInfoSet, DeviceInfoData);',
  '    default:',
  '        return NO_ERROR;',
  '    }',
  '}',
  '',
].join('\n');

const MODULE: Files = { 'contoso.h': HEADER, 'ui.c': UI, 'install.c': INSTALL, 'coinstaller.c': ENTRY };

describe('a thin wrapper called from a helper in another file', () => {
  for (const v of VARIANTS) {
    it(`${variantName(v)}: the call moves, renamed, with its comment; the cases return; lines wrapped at 80`, () => {
      const files = inVariant(MODULE, v);
      const findings = lint(files).get(nameIn('ui.c', v))!;
      expect(findings).toHaveLength(1);
      expect(findings[0].fix?.desc).toBe('Move ContosoWarn() into a finish-install action');
      const after = applied(files, nameIn('ui.c', v), findings[0].fix!);
      const lines = (text: string[]) => text.join(v.eol);
      // the comment above it goes with it; the trailing one described the old place; no other line goes
      expect(after[nameIn('install.c', v)]).toBe(
        lines([
          '#include "contoso.h"',
          '',
          'DWORD OnInstall(HDEVINFO Devices, PSP_DEVINFO_DATA Device)',
          '{',
          '    OutputDebugStringW(Device != NULL ? L"one device" : L"all devices");',
          '    return NO_ERROR;',
          '}',
          '',
        ]),
      );
      // every line of coinstaller.c fits in 80 columns: so do the new ones; the switch ends the
      // function, so the new cases return; UNREFERENCED_PARAMETER stays; contoso.h defines the constants
      expect(after[nameIn('coinstaller.c', v)]).toBe(
        lines([
          '#include "contoso.h"',
          '',
          'DWORD CALLBACK',
          'ContosoCoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet,',
          '                   PSP_DEVINFO_DATA DeviceInfoData,',
          '                   PCOINSTALLER_CONTEXT_DATA Context)',
          '{',
          '    UNREFERENCED_PARAMETER(Context);',
          '',
          '    switch (InstallFunction) {',
          '    case DIF_INSTALLDEVICE:',
          '        return OnInstall(DeviceInfoSet, DeviceInfoData);',
          '    case DIF_NEWDEVICEWIZARD_FINISHINSTALL: {',
          '        /* Ask Windows for a finish-install action; set it here, and only when',
          '         * one is needed. */',
          '        SP_DEVINSTALL_PARAMS_W params;',
          '        params.cbSize = sizeof(params);',
          '        if (SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData,',
          '                                           &params)) {',
          '            params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;',
          '            SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData,',
          '                                           &params);',
          '        }',
          '        return NO_ERROR;',
          '    }',
          '    case DIF_FINISHINSTALL_ACTION:',
          '        /* Interactive context: UI is allowed here. A co-installer returns',
          '         * NO_ERROR when done. */',
          '        /* The sensor needs calibrating after each installation. */',
          '        ContosoWarn(DeviceInfoSet);',
          '        return NO_ERROR;',
          '    default:',
          '        return NO_ERROR;',
          '    }',
          '}',
          '',
        ]),
      );
      expect(after[nameIn('ui.c', v)]).toBe(files[nameIn('ui.c', v)]);
      checkResult(files, after, v, nameIn('ui.c', v));
    }, 120_000);
  }

  for (const v of VARIANTS) {
    it(`${variantName(v)}: OnInstall also runs in the finish-install action: a suggestion, removing the call there changes that path too`, () => {
      const entry = ENTRY.replace('    default:', '    case DIF_FINISHINSTALL_ACTION:\n        return OnInstall(DeviceInfoSet, DeviceInfoData);\n    default:');
      const findings = lint(inVariant({ ...MODULE, 'coinstaller.c': entry }, v)).get(nameIn('ui.c', v))!;
      expect(findings).toHaveLength(1);
      expect(findings[0].fix).toBeUndefined();
      expect(findings[0].suggestions?.map((s) => s.desc)).toEqual(['Move ContosoWarn() into a finish-install action (OnInstall() runs elsewhere too)']);
    });

    it(`${variantName(v)}: coinstaller.c only read by the lint: a suggestion`, () => {
      const findings = lint(inVariant(MODULE, v), [nameIn('coinstaller.c', v), nameIn('install.c', v)]).get(nameIn('ui.c', v))!;
      expect(findings[0].fix).toBeUndefined();
      expect(findings[0].suggestions?.map((s) => s.desc)).toEqual(['Move ContosoWarn() into a finish-install action (in a file not linted)']);
    });

    it(`${variantName(v)}: the call passes a local of OnInstall: nothing compiles in the entry point, so no edit at all`, () => {
      const install = INSTALL.replace('{\n    Output', '{\n    HDEVINFO devices = Devices;\n    Output').replace('ContosoWarn(Devices)', 'ContosoWarn(devices)');
      const findings = lint(inVariant({ ...MODULE, 'install.c': install }, v)).get(nameIn('ui.c', v))!;
      expect(findings).toHaveLength(1);
      expect(findings[0].fix).toBeUndefined();
      expect(findings[0].suggestions ?? []).toEqual([]);
    });
  }

  it('a module without the constants gets them guarded in the entry point file, after its includes', () => {
    const header = HEADER.replace(/#ifndef DIF_FINISHINSTALL_ACTION[\s\S]*0x00000008L\n#endif\n/, '');
    const entry = ENTRY.replace('#include "contoso.h"\n', '#include "contoso.h"\n#include <stdio.h>\n');
    const files = { ...MODULE, 'contoso.h': header, 'coinstaller.c': entry };
    const after = applied(files, 'ui.c', lint(files).get('ui.c')![0].fix!);
    expect(after['coinstaller.c'].startsWith(
      [
        '#include "contoso.h"',
        '#include <stdio.h>',
        '',
        '/* Older SDK headers lack the Windows Vista finish-install constants. */',
        '#ifndef DIF_FINISHINSTALL_ACTION',
        '#define DIF_FINISHINSTALL_ACTION 0x0000002A',
        '#endif',
        '#ifndef DI_FLAGSEX_FINISHINSTALL_ACTION',
        '#define DI_FLAGSEX_FINISHINSTALL_ACTION 0x00000008L',
        '#endif',
        '',
        'DWORD CALLBACK',
      ].join('\n'),
    )).toBe(true);
    checkResult(files, after, { language: 'c', eol: '\n' }, 'ui.c');
  });

  it('a test around the call moves with it: a suggestion, since the test is work besides the UI', () => {
    const install = INSTALL.replace('    ContosoWarn(Devices);   /* shown here today */', '    if (Device == NULL) {\n        ContosoWarn(Devices);\n    }');
    const files = { ...MODULE, 'install.c': install };
    const findings = lint(files).get('ui.c')!;
    expect(findings[0].fix).toBeUndefined();
    const suggestion = findings[0].suggestions![0];
    expect(suggestion.desc).toBe('Move ContosoWarn() and its test into a finish-install action (review)');
    const after = applied(files, 'ui.c', suggestion.fix);
    expect(after['coinstaller.c']).toContain(
      [
        '    case DIF_FINISHINSTALL_ACTION:',
        '        /* Interactive context: UI is allowed here. A co-installer returns',
        '         * NO_ERROR when done. */',
        '        /* The sensor needs calibrating after each installation. */',
        '        if (DeviceInfoData == NULL) {',
        '            ContosoWarn(DeviceInfoSet);',
        '        }',
        '        return NO_ERROR;',
      ].join('\n'),
    );
    expect(after['install.c']).not.toContain('Device == NULL');
    if (hasMingw()) expect(compile(after, 'c')).toBe('');
  });
});

// ---------------------------------------------------------------------------------------------
// A file that puts braces on their own lines (Allman) and fits in 80 columns: the new branches
// follow it; the if / else-if branch that only held the message box leaves the chain.

const ALLMAN = [
  '#include "contoso.h"',
  '',
  'DWORD CALLBACK',
  'ContosoCoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet,',
  '                   PSP_DEVINFO_DATA DeviceInfoData,',
  '                   PCOINSTALLER_CONTEXT_DATA Context)',
  '{',
  '    UNREFERENCED_PARAMETER(Context);',
  '    if (InstallFunction == DIF_INSTALLDEVICE)',
  '    {',
  '        MessageBoxW(NULL, L"Calibrate the sensor.", L"Contoso", MB_OK);',
  '    }',
  '    else if (InstallFunction == DIF_REMOVE)',
  '    {',
  '        OutputDebugStringW(L"removed");',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
];

describe('brace style and line length of the file', () => {
  for (const v of VARIANTS) {
    it(`${variantName(v)}: braces on their own lines, lines wrapped at 80`, () => {
      const files = inVariant({ 'contoso.h': HEADER, 'allman.c': ALLMAN.join('\n') }, v);
      const file = nameIn('allman.c', v);
      const findings = lint(files).get(file)!;
      expect(findings.map((m) => `${m.line}:${m.column}`)).toEqual(['11:9']);
      expect(findings[0].fix?.desc).toBe('Move MessageBoxW() into a finish-install action');
      const after = applied(files, file, findings[0].fix!);
      expect(after[file]).toBe(
        [
          ...ALLMAN.slice(0, 8),
          '    if (InstallFunction == DIF_NEWDEVICEWIZARD_FINISHINSTALL)',
          '    {',
          '        /* Ask Windows for a finish-install action; set it here, and only when',
          '         * one is needed. */',
          '        SP_DEVINSTALL_PARAMS_W params;',
          '        params.cbSize = sizeof(params);',
          '        if (SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData,',
          '                                           &params))',
          '        {',
          '            params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;',
          '            SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData,',
          '                                           &params);',
          '        }',
          '        return NO_ERROR;',
          '    }',
          '    if (InstallFunction == DIF_FINISHINSTALL_ACTION)',
          '    {',
          '        /* Interactive context: UI is allowed here. A co-installer returns',
          '         * NO_ERROR when done. */',
          '        MessageBoxW(NULL, L"Calibrate the sensor.", L"Contoso", MB_OK);',
          '        return NO_ERROR;',
          '    }',
          '    if (InstallFunction == DIF_REMOVE)',
          '    {',
          '        OutputDebugStringW(L"removed");',
          '    }',
          '    return NO_ERROR;',
          '}',
          '',
        ].join(v.eol),
      );
      for (const line of after[file].split(v.eol)) expect(line.length, line).toBeLessThanOrEqual(80);
      checkResult(files, after, v, file);
    }, 120_000);
  }
});
