/**
 * K&R definitions in the language server's lint session (engine/incremental/): keystrokes in the
 * bodies (the one-function relint) and in the declaration list (a lint of the module) give the
 * messages of a lint from scratch (the Editor of test/server/support/relint-editor.ts compares
 * every version). Only C has K&R definitions (C++ never accepted them), so the file is C; LF and CRLF.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relintWorld, TYPING, typeRandomly, type RelintWorld } from '../server/support/relint-editor.js';
import { editing } from '../server/support/relint-scenario.js';

let world: RelintWorld;
beforeAll(async () => {
  world = await relintWorld();
});
afterAll(() => world.dispose());

const SOURCE = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  '',
  'static void',
  'ContosoShow(text)',
  '    LPCWSTR text;',
  '{',
  '    MessageBoxW(NULL, text, L"Contoso", MB_OK);',
  '}',
  '',
  'DWORD CALLBACK',
  'ContosoCo(f, s, d, c)',
  '    DI_FUNCTION f;',
  '    HDEVINFO s;',
  '    PSP_DEVINFO_DATA d;',
  '    PCOINSTALLER_CONTEXT_DATA c;',
  '{',
  '    switch (f) {',
  '    case DIF_INSTALLDEVICE:',
  '        ContosoShow(L"now");',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
];

describe('K&R definitions in the lint session', { timeout: 120_000 }, () => {
  for (const eol of ['\n', '\r\n']) {
    it(`keystrokes in the bodies and in the declaration list (${eol === '\n' ? 'LF' : 'CRLF'})`, () => {
      editing(world, { 'coinst.c': SOURCE.join(eol) }, ['coinst.c'], (editor, path) => {
        const file = path('coinst.c');
        const ui = () => editor.messagesOf(file).filter((m) => m.ruleId === 'no-ui-outside-finish-install').length;
        expect(ui()).toBe(1);
        // the DIF parameter's type changes in the declaration list: no entry point, no finding; then back
        const decl = editor.texts.get(file)!.indexOf('DI_FUNCTION f;');
        editor.type(file, decl, 'DI_FUNCTION'.length, 'int');
        expect(ui()).toBe(0);
        editor.type(file, decl, 'int'.length, 'DI_FUNCTION');
        expect(ui()).toBe(1);
        typeRandomly(editor, 7, 30, TYPING);
        expect(editor.relints).toBeGreaterThan(0);
      });
    });
  }
});
