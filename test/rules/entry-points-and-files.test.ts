/**
 * The recommended rules on modules written to disk and linted as the command line does
 * (lintFiles): what makes an entry point (docs/installer-facts.md#entry-points) and which files
 * make the DLL (docs/architecture.md, Modules). A SetupAPI look-alike gives nothing; a class
 * installer spelled through macros and exported by the .def is judged; a subfolder's
 * coinstaller-lint.json names entry points of its own files; a header no source includes gives
 * nothing, the same header included gives its findings. C and C++, LF and CRLF; expectations
 * written by hand.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lintFiles } from '../../api/index.js';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function tree(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'cil-entry-files-')));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) {
    const p = join(root, name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return root;
}

/** "file:line rule" per finding, in the order of the files and of their messages. */
async function findings(files: Record<string, string>): Promise<string[]> {
  const root = tree(files);
  const results = await lintFiles('.', { cwd: root });
  return results.flatMap((r) => r.messages.map((m) => `${relative(root, r.filePath)}:${m.line} ${m.ruleId}`));
}

const crlf = (s: string) => s.replace(/\n/g, '\r\n');

const SETUPAPI = `#include <windows.h>
#include <setupapi.h>
static HMODULE g_Cab;
BOOL WINAPI SetupDiCallClassInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev)
{
    g_Cab = LoadLibraryW(L"cabinet.dll");
    if (Fn == DIF_INSTALLDEVICE)
        return SetupDiInstallDevice(Set, Dev);
    if (Fn == DIF_REMOVE)
        MessageBoxW(NULL, L"removing", L"SetupAPI", MB_OK);
    return SetupQueueCopyW(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0);
}
`;

const CONTOSO = `#include <windows.h>
#include <setupapi.h>
#define CONTOSO_DIF  DI_FUNCTION
#define CONTOSO_DEV  PSP_DEVINFO_DATA
DWORD CALLBACK ContosoClassInstaller(CONTOSO_DIF Fn, HDEVINFO Set, CONTOSO_DEV Dev)
{
    if (Fn == DIF_INSTALLDEVICE) MessageBoxW(NULL, L"x", L"y", MB_OK);
    return ERROR_DI_DO_DEFAULT;
}
`;

/** A co-installer exported by the .def whose DIF_INSTALLDEVICE case calls ShowError(), which util.h defines (compiled only when included). */
const COINST = (include: string) => `#include <windows.h>
#include <setupapi.h>
${include}
void ShowError(void);
DWORD CALLBACK CoInst(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)
{
    if (Fn == DIF_INSTALLDEVICE)
        ShowError();
    return NO_ERROR;
}
`;
const UTIL_H = `#pragma once
#pragma comment(lib, "contosoutil.lib")
void ShowError(void)
{
    MessageBoxW(NULL, L"failed", L"Contoso", MB_OK);
}
`;

for (const [eol, convert] of [
  ['LF', (s: string) => s],
  ['CRLF', crlf],
] as const) {
  for (const ext of ['c', 'cpp']) {
    describe(`${eol}, ${ext === 'c' ? 'C' : 'C++'}`, () => {
      it('a SetupAPI look-alike (BOOL result, SetupAPI\'s name) gives no finding from any rule', async () => {
        expect(await findings({ [`setupapi/devinst.${ext}`]: convert(SETUPAPI) })).toEqual([]);
      });

      it('parameters spelled through macros and an export only in the .def make an entry point', async () => {
        const files = { [`contoso/class.${ext}`]: convert(CONTOSO), 'contoso/contoso.def': convert('LIBRARY contoso\nEXPORTS\n    ContosoClassInstaller\n') };
        expect(await findings(files)).toEqual([`contoso/class.${ext}:7 no-ui-outside-finish-install`]);
      });

      it('a header no source includes gives nothing; the same header included gives its findings', async () => {
        // line 2: the #pragma; line 5: MessageBoxW
        const def = convert('EXPORTS\n    CoInst\n');
        const alone = { [`m/coinst.${ext}`]: convert(COINST('')), 'm/util.h': convert(UTIL_H), 'm/coinst.def': def };
        expect(await findings(alone)).toEqual([]);
        const included = { [`m/coinst.${ext}`]: convert(COINST('#include "util.h"')), 'm/util.h': convert(UTIL_H), 'm/coinst.def': def };
        expect(await findings(included)).toEqual(['m/util.h:2 no-dll-load', 'm/util.h:5 no-ui-outside-finish-install']);
      });

      it('settings.entryPoints of a subfolder\'s coinstaller-lint.json names entry points of that subfolder\'s files', async () => {
        // not of installer shape: only the configuration makes it an entry point
        const vendor = `#include <windows.h>
DWORD VendorEntry(UINT Fn, PVOID Set, PVOID Dev, PVOID Ctx)
{
    if (Fn == DIF_INSTALLDEVICE) MessageBoxW(NULL, L"x", L"y", MB_OK);
    return NO_ERROR;
}
`;
        const files = {
          'p/p.vcxproj': '<Project/>',
          [`p/main.${ext}`]: convert('int ContosoVersion(void) { return 1; }\n'),
          [`p/src/vendor.${ext}`]: convert(vendor),
          'p/src/coinstaller-lint.json': convert('{ "settings": { "entryPoints": ["VendorEntry"] } }\n'),
        };
        expect(await findings(files)).toEqual([`p/src/vendor.${ext}:4 no-ui-outside-finish-install`]);
        // listed by the root's configuration only: it does not apply to the subfolder's files
        const rootOnly = { ...files, 'p/src/coinstaller-lint.json': '{}\n', 'p/coinstaller-lint.json': '{ "settings": { "entryPoints": ["VendorEntry"] } }\n' };
        expect(await findings(rootOnly)).toEqual([]);
      });
    });
  }
}
