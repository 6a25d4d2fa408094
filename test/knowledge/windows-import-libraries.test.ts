/**
 * The libraries of Windows (engine/knowledge/windows-import-libraries.ts, generated from
 * mingw-w64) and what the link rule makes of them (docs/installer-facts.md#dll-loading-and-link-dependencies):
 * import libraries of Windows' own DLLs are system, the static run times load nothing, the Visual
 * C++ run-time DLLs and mingw's own pieces are not Windows.
 */
import { describe, expect, it } from 'vitest';
import { isWindowsDll, STATIC_RUNTIME_LIBRARIES, SYSTEM_LIBRARIES } from '../../engine/knowledge/api-lists.js';
import { WINDOWS_IMPORT_LIBRARIES, WINDOWS_SDK_STATIC_LIBRARIES } from '../../engine/knowledge/windows-import-libraries.js';

describe('WINDOWS_IMPORT_LIBRARIES', () => {
  it('holds the import libraries of Windows DLLs the guideline allows', () => {
    // bcrypt_provider: the Cryptographic Provider Development Kit's library of bcrypt.dll's provider functions
    for (const name of ['kernel32', 'user32', 'advapi32', 'setupapi', 'cfgmgr32', 'newdev', 'rasapi32', 'msimg32', 'htmlhelp', 'ws2_32', 'winspool', 'ntdll', 'ucrt', 'msvcrt', 'onecoreuap', 'mincore', 'bcrypt_provider']) {
      expect(WINDOWS_IMPORT_LIBRARIES, name).toContain(name);
    }
  });

  it('holds no static run time, no Visual C++ or DirectX redistributable, nothing of mingw', () => {
    const notWindows = [
      ...STATIC_RUNTIME_LIBRARIES,
      'vcruntime', 'vcruntimed', 'msvcprt', 'msvcprtd', 'msvcrtd', 'ucrtd', 'mfc140', 'mfc140u',
      'msvcr100', 'msvcr120', 'msvcr90d', 'vcruntime140_app', 'd3dx9', 'd3dx9_43', 'xinput1_3', 'glut32',
      'mingw32', 'mingwex', 'moldname', 'gcc', 'winpthread', 'msvcrt-os',
    ];
    for (const name of notWindows) expect(WINDOWS_IMPORT_LIBRARIES, name).not.toContain(name);
  });

  it('is sorted, lowercase and without repeats, and apart from the static SDK libraries', () => {
    expect([...WINDOWS_IMPORT_LIBRARIES].sort()).toEqual(WINDOWS_IMPORT_LIBRARIES);
    expect(new Set(WINDOWS_IMPORT_LIBRARIES).size).toBe(WINDOWS_IMPORT_LIBRARIES.length);
    expect(WINDOWS_IMPORT_LIBRARIES.filter((n) => n !== n.toLowerCase())).toEqual([]);
    expect(WINDOWS_IMPORT_LIBRARIES.filter((n) => WINDOWS_SDK_STATIC_LIBRARIES.includes(n))).toEqual([]);
  });
});

describe('WINDOWS_SDK_STATIC_LIBRARIES', () => {
  it('holds the GUID libraries and the delay-load helper, and no DLL import library', () => {
    for (const name of ['uuid', 'dxguid', 'strmiids', 'wbemuuid', 'delayimp']) expect(WINDOWS_SDK_STATIC_LIBRARIES, name).toContain(name);
    for (const name of ['kernel32', 'setupapi', 'libcmt', 'mingwex']) expect(WINDOWS_SDK_STATIC_LIBRARIES, name).not.toContain(name);
  });
});

describe('SYSTEM_LIBRARIES', () => {
  it('counts Windows import libraries, static SDK libraries and static run times', () => {
    for (const name of ['rasapi32', 'uuid', 'libcmt', 'libcmtd', 'libcpmtd', 'libvcruntimed', 'libucrtd', 'nafxcwd', 'uafxcw', 'atls', 'comsuppw', 'ucrt', 'msvcrt']) {
      expect(SYSTEM_LIBRARIES.has(name), name).toBe(true);
    }
  });

  it('leaves out the import libraries of the Visual C++ run-time DLLs and their debug forms', () => {
    for (const name of ['vcruntime', 'vcruntimed', 'msvcprt', 'msvcrtd', 'ucrtd', 'mfc140u', 'contoso']) expect(SYSTEM_LIBRARIES.has(name), name).toBe(false);
  });
});

describe('isWindowsDll', () => {
  it('knows Windows DLLs by the base name of their import library, and API sets', () => {
    for (const dll of ['setupapi.dll', 'SETUPAPI.DLL', 'Rasapi32.dll', 'winspool.drv', 'api-ms-win-core-synch-l1-2-0.dll', 'ext-ms-win-ntuser-window-l1-1-0.dll']) {
      expect(isWindowsDll(dll), dll).toBe(true);
    }
  });

  it('does not know vendor DLLs or the Visual C++ run-time DLLs', () => {
    for (const dll of ['contoso.dll', 'vcruntime140.dll', 'msvcp140.dll', 'mfc140u.dll', 'ucrtbased.dll']) expect(isWindowsDll(dll), dll).toBe(false);
  });
});
