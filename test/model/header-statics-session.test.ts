/**
 * Static functions of headers in the language server's lint session (engine/incremental/): every
 * version of the header and of the files including it gets the messages a lint of the module from
 * scratch gives (the Editor of test/server/support/relint-editor.ts compares them), while the call
 * moves from DIF_FINISHINSTALL_ACTION to DIF_INSTALLDEVICE and back, the header's static is edited,
 * and the #include goes and comes back. C and C++, LF and CRLF.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relintWorld, type RelintWorld } from '../server/support/relint-editor.js';
import { editing } from '../server/support/relint-scenario.js';

let world: RelintWorld;
beforeAll(async () => {
  world = await relintWorld();
});
afterAll(() => world.dispose());

const HEADER = ['#pragma once', '#include <windows.h>', 'static __inline int ContosoAsk(HWND owner, LPCWSTR text)', '{', '    return MessageBoxExW(owner, text, L"Contoso", MB_YESNO, 0);', '}', ''];
const ENTRY = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  '#include "ui.h"',
  '',
  'DWORD CALLBACK ContosoCo(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
  '{',
  '    switch (Fn) {',
  '    case DIF_FINISHINSTALL_ACTION:',
  '        ContosoAsk(NULL, L"Go on?");',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
];

describe('header statics in the lint session', { timeout: 120_000 }, () => {
  for (const ext of ['c', 'cpp']) {
    for (const eol of ['\n', '\r\n']) {
      it(`edits of the caller and of the header end as a lint from scratch says (${ext}, ${eol === '\n' ? 'LF' : 'CRLF'})`, () => {
        editing(world, { 'ui.h': HEADER.join(eol), [`coinst.${ext}`]: ENTRY.join(eol) }, ['ui.h', `coinst.${ext}`], (editor, path) => {
          const header = path('ui.h');
          const source = path(`coinst.${ext}`);
          const at = (file: string, needle: string) => editor.texts.get(file)!.indexOf(needle);
          // the only caller is interactive: nothing to report
          expect(editor.messagesOf(header)).toEqual([]);
          // the call moves under DIF_INSTALLDEVICE: the header's MessageBoxExW is reported
          editor.type(source, at(source, 'DIF_FINISHINSTALL_ACTION'), 'DIF_FINISHINSTALL_ACTION'.length, 'DIF_INSTALLDEVICE');
          expect(editor.messagesOf(header).map((m) => m.ruleId)).toContain('no-ui-outside-finish-install');
          // typing inside the header's static, then inside the caller's body
          editor.type(header, at(header, 'L"Contoso"') + 3, 0, 'x');
          editor.type(source, at(source, 'L"Go on?"') + 3, 0, 'y');
          // the include goes, and comes back
          const include = at(source, '#include "ui.h"');
          editor.type(source, include, 1, '/');
          editor.type(source, include, 0, '/');
          expect(editor.messagesOf(header)).toEqual([]);
          editor.type(source, include, 2, '#');
          expect(editor.messagesOf(header).map((m) => m.ruleId)).toContain('no-ui-outside-finish-install');
          // and back under DIF_FINISHINSTALL_ACTION
          editor.type(source, at(source, 'DIF_INSTALLDEVICE'), 'DIF_INSTALLDEVICE'.length, 'DIF_FINISHINSTALL_ACTION');
          expect(editor.messagesOf(header)).toEqual([]);
        });
      });
    }
  }
});
