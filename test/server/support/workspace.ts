/** Temporary workspaces for the server tests: files written to a fresh folder, removed afterwards. */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempWorkspace {
  root: string;
  path(rel: string): string;
  write(rel: string, text: string): string;
  remove(): void;
}

export function tempWorkspace(files: Record<string, string>): TempWorkspace {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'cil-lsp-')));
  const ws: TempWorkspace = {
    root,
    path: (rel) => join(root, rel),
    write(rel, text) {
      const p = join(root, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
      return p;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
  for (const [rel, text] of Object.entries(files)) ws.write(rel, text);
  return ws;
}

/**
 * A co-installer whose DIF_INSTALLDEVICE handler loads a DLL (guideline 3). Lines (0-based):
 *  9: `        h = LoadLibraryW(L"helper.dll");` - LoadLibraryW at columns 12..24.
 */
export const CO_INSTALLER = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  '',
  'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet,',
  '                           PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
  '{',
  '    HMODULE h;',
  '    switch (InstallFunction) {',
  '    case DIF_INSTALLDEVICE:',
  '        h = LoadLibraryW(L"helper.dll");',
  '        break;',
  '    case DIF_FINISHINSTALL_ACTION:',
  '        break;',
  '    default:',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
].join('\n');
