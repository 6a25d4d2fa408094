/**
 * The workspaces of the one-function relint's adversarial tests (test/server/function-relint-*.test.ts):
 * a small co-installer to type into (scenario, WORK), a workspace opened in an Editor for the length
 * of a test (editing), keystrokes one character at a time (typeChars).
 */
import { Editor, type RelintWorld } from './relint-editor.js';
import { tempWorkspace } from './workspace.js';

/** Every rule on, so that every rule's findings are compared. */
export const ALL_RULES_CONFIG = { 'coinstaller-lint.json': '{ "extends": "all" }\n' };

/** Opens `open` of a workspace made of `sources` (with ALL_RULES_CONFIG) in an Editor, runs `body`, cleans up. */
export function editing(
  world: RelintWorld,
  sources: Record<string, string>,
  open: readonly string[],
  body: (editor: Editor, path: (rel: string) => string) => void,
): void {
  const ws = tempWorkspace({ ...ALL_RULES_CONFIG, ...sources });
  const editor = new Editor(world, ws, open.map((f) => ws.path(f)));
  try {
    body(editor, (rel) => ws.path(rel));
  } finally {
    editor.dispose();
    ws.remove();
  }
}

/** Types `text` one character at a time at `at` (UTF-16 units; a surrogate pair goes whole). */
export function typeChars(editor: Editor, file: string, at: number, text: string): void {
  for (const ch of text) {
    editor.type(file, at, 0, ch);
    at += ch.length;
  }
}

/** A small co-installer: `before` goes between the includes and Prompt, `helper` is Work's body, `after` follows the entry point. */
export const scenario = (helper: readonly string[], opts: { before?: readonly string[]; after?: readonly string[]; eol?: string } = {}) =>
  [
    '#include <windows.h>',
    '#include <setupapi.h>',
    '',
    ...(opts.before ?? []),
    'static DWORD Work(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)',
    '{',
    ...helper,
    '}',
    '',
    'static void Prompt(void)',
    '{',
    '    static int s_shown = 0;',
    '    s_shown++;',
    '    MessageBoxW(NULL, L"Hi \u00e9\u{1F680}", L"Vendor", MB_OK);',
    '    LoadLibraryW(L"vendor.dll");',
    '}',
    '',
    'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
    '{',
    '    DWORD status = NO_ERROR;',
    '    switch (InstallFunction) {',
    '    case DIF_INSTALLDEVICE:',
    '        status = Work(DeviceInfoSet, DeviceInfoData);',
    '        Prompt();',
    '        break;',
    '    case DIF_REMOVE:',
    '        Sleep(10);',
    '        break;',
    '    default:',
    '        break;',
    '    }',
    '    return status;',
    '}',
    '',
    ...(opts.after ?? []),
  ].join(opts.eol ?? '\n');

/** The body of Work in most cases: a local, an assignment, a comment, a return. */
export const WORK = ['    DWORD value = 0;', '    value = 3 + 4;', '    /* note */', '    return value;'];
