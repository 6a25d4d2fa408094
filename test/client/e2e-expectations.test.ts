/**
 * The end-to-end test's pure checks (test/e2e/expectations.ts), on hand-made inputs: they must
 * accept the fixed file the rule documentation describes and refuse anything short of it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCrossFileMove, checkFinishInstallFix, checkFixAllUpdater, problemRowMatches, problemRows } from '../e2e/expectations.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const BEFORE = readFileSync(join(HERE, '..', 'e2e', 'fixtures', 'finish-install-demo', 'coinstaller.c'), 'utf8');

/** The shape docs/rules/no-ui-outside-finish-install.md shows as "Correct", written by hand. */
const FIXED = `#include <windows.h>
#include <setupapi.h>

#ifndef DIF_FINISHINSTALL_ACTION
#define DIF_FINISHINSTALL_ACTION 0x0000002A
#endif
#ifndef DI_FLAGSEX_FINISHINSTALL_ACTION
#define DI_FLAGSEX_FINISHINSTALL_ACTION 0x00000008L
#endif

__declspec(dllexport) DWORD CALLBACK
CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet,
            PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)
{
    SP_DEVINSTALL_PARAMS_W params;

    switch (InstallFunction) {
    case DIF_NEWDEVICEWIZARD_FINISHINSTALL:
        params.cbSize = sizeof(params);
        if (SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params)) {
            params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;
            SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params);
        }
        break;
    case DIF_FINISHINSTALL_ACTION:
        MessageBoxW(NULL, L"Update the firmware.", L"Contoso", MB_OK);
        break;
    default:
        break;
    }
    return NO_ERROR;
}
`;

describe('checkFinishInstallFix', () => {
  it('accepts the documented fix', () => {
    expect(checkFinishInstallFix(BEFORE, FIXED)).toEqual([]);
  });

  it('refuses an unchanged file', () => {
    expect(checkFinishInstallFix(BEFORE, BEFORE)).toEqual(['the file did not change']);
  });

  it('refuses a copy that leaves the call in DIF_INSTALLDEVICE, an emptied case, and the old comment', () => {
    const copied = FIXED.replace('    case DIF_NEWDEVICEWIZARD_FINISHINSTALL:\n', '    case DIF_INSTALLDEVICE:\n        MessageBoxW(NULL, L"Update the firmware.", L"Contoso", MB_OK);\n        break;\n    case DIF_NEWDEVICEWIZARD_FINISHINSTALL:\n');
    expect(checkFinishInstallFix(BEFORE, copied)).toEqual([
      expect.stringContaining('appears 2 times'),
      'the DIF_INSTALLDEVICE case, which only held the call, is still there',
    ]);
    const emptied = FIXED.replace('    case DIF_NEWDEVICEWIZARD_FINISHINSTALL:\n', '    case DIF_INSTALLDEVICE:\n        break;\n    case DIF_NEWDEVICEWIZARD_FINISHINSTALL:\n');
    expect(checkFinishInstallFix(BEFORE, emptied)).toEqual(['the DIF_INSTALLDEVICE case, which only held the call, is still there']);
    const commented = FIXED.replace('    case DIF_FINISHINSTALL_ACTION:\n', '    case DIF_FINISHINSTALL_ACTION:\n        /* Runs in the non-interactive service: nobody sees this. */\n');
    expect(checkFinishInstallFix(BEFORE, commented)).toEqual(['the comment about the old place is still in the file']);
  });

  it('refuses a fix that never requests the action or lacks the guards', () => {
    const noRequest = FIXED.replace('params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;', '');
    expect(checkFinishInstallFix(BEFORE, noRequest)).toEqual(['DIF_NEWDEVICEWIZARD_FINISHINSTALL does not set DI_FLAGSEX_FINISHINSTALL_ACTION']);
    const noGuard = FIXED.replace('#ifndef DIF_FINISHINSTALL_ACTION\n#define DIF_FINISHINSTALL_ACTION 0x0000002A\n#endif\n', '');
    expect(checkFinishInstallFix(BEFORE, noGuard)).toEqual(['no #ifndef-guarded DIF_FINISHINSTALL_ACTION (0x2A)']);
  });

  it('refuses CRLF brought into an LF file', () => {
    expect(checkFinishInstallFix(BEFORE, FIXED.replace(/\n/g, '\r\n'))).toContain('the fix brought CRLF line endings into an LF file');
  });
});

describe('checkFixAllUpdater', () => {
  const before = readFileSync(join(HERE, '..', '..', 'examples', 'contoso-coinstaller', 'updater.c'), 'utf8');
  const closing = '        return GetLastError();\n    }\n    CloseHandle(pi.hThread);\n    CloseHandle(pi.hProcess);\n    return NO_ERROR;';

  it('accepts the wait inserted after the CreateProcessW test of ShowReleaseNotes, nothing else changed', () => {
    expect(before).toContain(closing);
    const after = before.replace(closing, closing.replace('    }\n', '    }\n    WaitForSingleObject(pi.hProcess, INFINITE);\n'));
    expect(checkFixAllUpdater(before, after)).toEqual([]);
  });

  it('refuses an unchanged file, a wait elsewhere, and other changes', () => {
    expect(checkFixAllUpdater(before, before)).toEqual([expect.stringMatching(/lines instead of/)]);
    const late = before.replace(closing, closing.replace('    return NO_ERROR;', '    WaitForSingleObject(pi.hProcess, INFINITE);\n    return NO_ERROR;'));
    expect(checkFixAllUpdater(before, late)).toEqual([expect.stringMatching(/^lines differ/)]);
    const fixed = before.replace(closing, closing.replace('    }\n', '    }\n    WaitForSingleObject(pi.hProcess, INFINITE);\n'));
    expect(checkFixAllUpdater(before, fixed.replace('DWORD exitCode', 'DWORD code'))).toEqual([expect.stringMatching(/^lines differ/)]);
  });
});

describe('checkCrossFileMove', () => {
  const before = readFileSync(join(HERE, '..', '..', 'examples', 'contoso-coinstaller', 'coinstaller.c'), 'utf8');
  const line = '    ShowFirmwareWarning();                                 /* guideline 1, through ui.c */\n';

  it('accepts the call removed from OnInstallDevice with its comment, nothing else', () => {
    expect(before).toContain(line);
    expect(checkCrossFileMove(before, before.replace(line, ''))).toEqual([]);
  });

  it('refuses an unchanged file, a call left behind, a duplicated action call', () => {
    expect(checkCrossFileMove(before, before)).toEqual(['coinstaller.c did not change']);
    expect(checkCrossFileMove(before, before.replace(line, '    ShowFirmwareWarning();\n'))).toEqual([expect.stringMatching(/differs from the expected move/)]);
    const duplicated = before.replace(line, '').replace('        ShowFirmwareWarning();\n', '        ShowFirmwareWarning();\n        ShowFirmwareWarning();\n');
    expect(checkCrossFileMove(before, duplicated)).toEqual([expect.stringMatching(/differs from the expected move/)]);
  });
});

describe('Problems panel rows', () => {
  const rows = [
    '2 problems in file coinstaller.c of folder contoso-coinstaller || coinstaller.ccontoso-coinstaller2',
    'Error: LoadLibraryW loads a DLL ... at line 33 and character 14. generated by coinstaller-lint || LoadLibraryW loads a DLL ...coinstaller-lintno-dll-load[Ln 33, Col 14]',
    'ContosoCoInstaller handles DIF_INSTALLDEVICE at line 70 and character 10 in coinstaller.c || coinstaller.c[Ln 70, Col 10]:ContosoCoInstaller handles DIF_INSTALLDEVICE',
    '1 problem in file ui.c of folder contoso-coinstaller || ui.ccontoso-coinstaller1',
    'Error: MessageBoxW shows user interface ... || MessageBoxW shows user interface ...coinstaller-lintno-ui-outside-finish-install[Ln 7, Col 5]',
  ];

  it('belong to the file row above them', () => {
    const parsed = problemRows(rows);
    expect(parsed.map((r) => r.file)).toEqual(['coinstaller.c', 'coinstaller.c', 'ui.c']);
  });

  it('match by file, rule, line and column', () => {
    const parsed = problemRows(rows);
    const hit = (e: Parameters<typeof problemRowMatches>[1]) => parsed.some((r) => problemRowMatches(r, e));
    expect(hit({ file: 'coinstaller.c', rule: 'no-dll-load', line: 33, column: 14 })).toBe(true);
    expect(hit({ file: 'coinstaller.c', rule: 'no-dll-load', line: 33 })).toBe(true);
    expect(hit({ file: 'coinstaller.c', rule: 'no-dll-load', line: 33, column: 13 })).toBe(false);
    expect(hit({ file: 'ui.c', rule: 'no-dll-load', line: 33, column: 14 })).toBe(false);
    expect(hit({ file: 'ui.c', rule: 'no-ui-outside-finish-install', line: 7, column: 5 })).toBe(true);
    // Related information names a position but no rule.
    expect(hit({ file: 'coinstaller.c', rule: 'no-dll-load', line: 70 })).toBe(false);
  });
});
