/**
 * Over real JSON-RPC: the language server makes modules as the command line does
 * (engine/batch/module-locator.ts sessionModuleLocator): a source the DLL project does not
 * compile is not in the DLL's model, so a helper of a test tool beside the DLL's source gets no
 * finding from the DLL's entry point; the same helper compiled by the DLL gets it, also when the
 * project is edited on disk while the server runs. The project is read inside the workspace folder
 * (build files written LF and CRLF).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EOLS, vcxproj } from '../build/build-files.js';
import { TestClient, pathUri } from './support/lsp-client.js';
import { tempWorkspace, type TempWorkspace } from './support/workspace.js';

let client: TestClient | undefined;
let ws: TempWorkspace | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
  ws?.remove();
  ws = undefined;
});

/** helper.c: `LoadLibraryW` on line 4 (0-based), columns 4..16. */
const HELPER = ['#include <windows.h>', '', 'void LoadHelper(void)', '{', '    LoadLibraryW(L"helper.dll");', '}', ''].join('\n');

/** co.c: the entry point calls LoadHelper() under DIF_INSTALLDEVICE. */
const ENTRY = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  'void LoadHelper(void);',
  'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
  '{',
  '    if (InstallFunction == DIF_INSTALLDEVICE) LoadHelper();',
  '    return NO_ERROR;',
  '}',
  '',
].join('\n');

describe.each(EOLS)('modules from the build in the language server (%s project)', (_name, eol) => {
  async function helperLoads(sources: string[]): Promise<{ line: number; character: number }[]> {
    ws = tempWorkspace({ 'ci.vcxproj': vcxproj({ sources }, eol), 'co.c': ENTRY, 'helper.c': HELPER });
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    const helper = pathUri(ws.path('helper.c'));
    await client.open(helper, HELPER, 1);
    const published = await client.waitForDiagnostics(helper, 1);
    return published.diagnostics.filter((d) => d.code === 'no-dll-load').map((d) => d.range.start);
  }

  it('a helper the DLL does not compile: nothing', async () => {
    expect(await helperLoads(['co.c'])).toEqual([]);
  });

  it('the same helper compiled by the DLL: the load under DIF_INSTALLDEVICE', async () => {
    expect(await helperLoads(['co.c', 'helper.c'])).toEqual([{ line: 4, character: 4 }]);
  });

  it('the project edited on disk to compile the helper (a watched-file change): the load appears', async () => {
    expect(await helperLoads(['co.c'])).toEqual([]);
    const project = ws!.write('ci.vcxproj', vcxproj({ sources: ['co.c', 'helper.c'] }, eol));
    await client!.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathUri(project), type: 2 }] });
    const helper = pathUri(ws!.path('helper.c'));
    const after = await client!.waitFor('the load under DIF_INSTALLDEVICE', () => {
      const d = client!.lastDiagnostics(helper);
      return d && d.diagnostics.some((x) => x.code === 'no-dll-load') ? d : undefined;
    });
    expect(after.diagnostics.filter((d) => d.code === 'no-dll-load').map((d) => d.range.start)).toEqual([{ line: 4, character: 4 }]);
  });
});
