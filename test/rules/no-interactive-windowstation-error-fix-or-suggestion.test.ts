/**
 * no-interactive-windowstation-error: a fix only where the change is what the guideline prescribes
 * (docs/rules/no-interactive-windowstation-error.md, "How to fix it"): the installer tested that it
 * cannot reach the user (SetupGetNonInteractiveMode(), DI_QUIETINSTALL, here or on the way from the
 * entry point), so it succeeds and requests a finish-install action. Where the constant stands for
 * the failure of a call (OpenSCManager returned NULL), succeeding instead would hide that failure:
 * the only offer is a suggestion to fail with the call's own error. Anything else is a suggestion.
 * The entry point here already requests the action, so the edits are the result's alone. Written
 * by hand from the guideline, in C and C++, LF, CRLF and CR (test/support/fix-matrix.ts). With the
 * entry point in another file of the module, the fix edits both files at once.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import rule from '../../rules/no-interactive-windowstation-error.js';
import { defaultSettings, type ResolvedConfig } from '../../engine/config/resolved-config.js';
import { Linter } from '../../engine/linter/linter.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { checkFixMatrix } from '../support/fix-matrix.js';
import { hasMingw, mingwSyntaxCheck } from '../support/mingw.js';

const RULE: RuleModule = rule;
const C = 'ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION';

/** `Work` holds `body`; the co-installer calls it on DIF_INSTALLDEVICE with `call` (default: returns it). */
const module = (body: string[], call = '        return Work(DeviceInfoSet, DeviceInfoData);') => [
  '#include <windows.h>',
  '#include <setupapi.h>',
  '#define DIF_FINISHINSTALL_ACTION 0x2A',
  '#define DI_FLAGSEX_FINISHINSTALL_ACTION 0x8L',
  'static DWORD Work(HDEVINFO Set, PSP_DEVINFO_DATA Data)',
  '{',
  ...body,
  '}',
  'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
  '{',
  '    SP_DEVINSTALL_PARAMS_W params;',
  '    switch (InstallFunction) {',
  '    case DIF_INSTALLDEVICE:',
  call,
  '        break;',
  '    case DIF_NEWDEVICEWIZARD_FINISHINSTALL:',
  '        params.cbSize = sizeof(params);',
  '        if (SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params)) {',
  '            params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;',
  '            SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params);',
  '        }',
  '        break;',
  '    case DIF_FINISHINSTALL_ACTION:',
  '        break;',
  '    default:',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
];

const OPEN_SCM = ['    SC_HANDLE scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT);', '    if (scm == NULL) {'];
const AFTER_SCM = ['    }', '    CloseServiceHandle(scm);', '    return NO_ERROR;'];
const QUIET = ['    SP_DEVINSTALL_PARAMS_W p;', '    p.cbSize = sizeof(p);', '    if (SetupDiGetDeviceInstallParamsW(Set, Data, &p) && (p.Flags & DI_QUIETINSTALL)) {'];

checkFixMatrix('no-interactive-windowstation-error', RULE, [installerModelProvider], [
  {
    name: 'an OpenSCManager failure: succeeding would hide it, so no fix',
    code: module([...OPEN_SCM, `        return ${C};`, ...AFTER_SCM]),
    edit: 'fix',
    output: null,
  },
  {
    name: 'an OpenSCManager failure: the suggestion fails with GetLastError()',
    code: module([...OPEN_SCM, `        return ${C};`, ...AFTER_SCM]),
    edit: { suggestion: 0 },
    title: 'Fail with the error of the failed call (GetLastError()) instead',
    output: module([...OPEN_SCM, '        return GetLastError();', ...AFTER_SCM]),
  },
  {
    name: 'if (!Call(...)) assigns the constant: the suggestion assigns GetLastError()',
    code: module(['    DWORD status = NO_ERROR;', '    if (!SetupDiRestartDevices(Set, Data)) {', `        status = ${C};`, '    }', '    return status;']),
    edit: { suggestion: 0 },
    output: module(['    DWORD status = NO_ERROR;', '    if (!SetupDiRestartDevices(Set, Data)) {', '        status = GetLastError();', '    }', '    return status;']),
  },
  {
    name: 'status != ERROR_SUCCESS: the suggestion fails with the status itself',
    code: module(['    HKEY key;', '    LONG status = RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\\\Contoso", 0, KEY_READ, &key);', '    if (status != ERROR_SUCCESS)', `        return ${C};`, '    RegCloseKey(key);', '    return NO_ERROR;']),
    edit: { suggestion: 0 },
    output: module(['    HKEY key;', '    LONG status = RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\\\Contoso", 0, KEY_READ, &key);', '    if (status != ERROR_SUCCESS)', '        return status;', '    RegCloseKey(key);', '    return NO_ERROR;']),
  },
  {
    name: 'FAILED(hr): no Win32 error to fail with, and succeeding would hide the failure: neither fix nor suggestion',
    code: module(['    HRESULT hr = CoInitialize(NULL);', '    if (FAILED(hr)) {', `        return ${C};`, '    }', '    CoUninitialize();', '    return NO_ERROR;']),
    edit: { suggestion: 0 },
    output: null,
  },
  {
    name: 'after SetupGetNonInteractiveMode(): the fix gives NO_ERROR (the action is requested already)',
    code: module(['    if (SetupGetNonInteractiveMode()) {', `        return ${C};`, '    }', '    return NO_ERROR;']),
    edit: 'fix',
    title: 'Give NO_ERROR as the result; the finish-install action is requested already',
    output: module(['    if (SetupGetNonInteractiveMode()) {', '        return NO_ERROR;', '    }', '    return NO_ERROR;']),
  },
  {
    name: 'under a DI_QUIETINSTALL test: the fix',
    code: module([...QUIET, `        return ${C};`, '    }', '    return NO_ERROR;']),
    edit: 'fix',
    output: module([...QUIET, '        return NO_ERROR;', '    }', '    return NO_ERROR;']),
  },
  {
    name: 'the caller tested SetupGetNonInteractiveMode() before calling the helper: the fix',
    code: module([`    return ${C};`], '        if (SetupGetNonInteractiveMode()) return Work(DeviceInfoSet, DeviceInfoData);'),
    edit: 'fix',
    output: module(['    return NO_ERROR;'], '        if (SetupGetNonInteractiveMode()) return Work(DeviceInfoSet, DeviceInfoData);'),
  },
  {
    name: 'SetupGetNonInteractiveMode() ? constant : NO_ERROR: the whole conditional becomes NO_ERROR',
    code: module([`    DWORD result = SetupGetNonInteractiveMode() ? ${C} : NO_ERROR;`, '    return result;']),
    edit: 'fix',
    output: module(['    DWORD result = NO_ERROR;', '    return result;']),
  },
  {
    name: 'returned with nothing saying why: no fix',
    code: module([`    return ${C};`]),
    edit: 'fix',
    output: null,
  },
  {
    name: 'returned with nothing saying why: a suggestion',
    code: module([`    return ${C};`]),
    edit: { suggestion: 0 },
    title: 'Give NO_ERROR as the result; the finish-install action is requested already',
    output: module(['    return NO_ERROR;']),
  },
]);

describe('the entry point in another file of the module: one fix over both files', () => {
  const session = [
    '#include <windows.h>',
    '#include <setupapi.h>',
    'DWORD ContosoCheckSession(void)',
    '{',
    '    if (SetupGetNonInteractiveMode()) {',
    `        return ${C};`,
    '    }',
    '    return NO_ERROR;',
    '}',
    '',
  ];
  const coinstaller = [
    '#include <windows.h>',
    '#include <setupapi.h>',
    'DWORD ContosoCheckSession(void);',
    '__declspec(dllexport) DWORD CALLBACK',
    'CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
    '{',
    '    switch (InstallFunction) {',
    '    case DIF_INSTALLDEVICE:',
    '        return ContosoCheckSession();',
    '    default:',
    '        break;',
    '    }',
    '    return NO_ERROR;',
    '}',
    '',
  ];
  let parser: CppParser | undefined;
  let linter: Linter | undefined;
  beforeAll(async () => {
    parser = await CppParser.create();
    linter = new Linter({ rules: new Map([['no-interactive-windowstation-error', RULE]]), parser, serviceProviders: [installerModelProvider] });
  });
  afterAll(() => {
    linter?.dispose();
    parser?.delete();
  });
  const config: ResolvedConfig = {
    filePath: null,
    rules: { 'no-interactive-windowstation-error': { severity: 2, options: [] } },
    settings: defaultSettings(),
    ignores: [],
    reportUnusedDisableDirectives: 0,
  };

  for (const [eolName, eol] of [['LF', '\n'], ['CRLF', '\r\n']] as const) {
    it(`replaces the constant in the helper's file and requests the action in the entry point's (${eolName}); both compile and re-lint clean`, () => {
      const inputs = [
        { filePath: '/m/session.c', text: session.join(eol) },
        { filePath: '/m/coinstaller.c', text: coinstaller.join(eol) },
      ];
      const [first] = linter!.lintModule(inputs, () => config);
      const fix = first.messages[0]?.fix;
      expect(fix?.desc).toBe('Give NO_ERROR as the result and request a finish-install action');
      expect(fix?.otherFiles?.map((f) => f.filePath)).toEqual(['/m/coinstaller.c']);
      const fixed = linter!.fixModule(inputs, () => config);
      const out = new Map(fixed.map((r) => [r.filePath, r.output]));
      expect(out.get('/m/session.c')).toBe(session.join(eol).replace(C, 'NO_ERROR'));
      const entry = out.get('/m/coinstaller.c')!;
      // the request under DIF_NEWDEVICEWIZARD_FINISHINSTALL, the action's case, the constants' guards; the rest unchanged
      expect(entry).toMatch(/case DIF_NEWDEVICEWIZARD_FINISHINSTALL:[^]*params\.FlagsEx \|= DI_FLAGSEX_FINISHINSTALL_ACTION;/);
      expect(entry).toContain('case DIF_FINISHINSTALL_ACTION:');
      expect(entry).toContain('#ifndef DIF_FINISHINSTALL_ACTION');
      expect(entry).toContain(['    case DIF_INSTALLDEVICE:', '        return ContosoCheckSession();'].join(eol));
      if (eol === '\r\n') expect(/(^|[^\r])\n/.test(entry)).toBe(false);
      expect(fixed.flatMap((r) => r.messages)).toEqual([]);
      if (eol === '\n' && hasMingw()) {
        const dir = mkdtempSync(join(tmpdir(), 'cil-windowstation-cross-'));
        for (const [path, text] of out) {
          const file = join(dir, path.slice(3));
          writeFileSync(file, text);
          expect(mingwSyntaxCheck(file), path).toBe('');
        }
      }
    });
  }
});
