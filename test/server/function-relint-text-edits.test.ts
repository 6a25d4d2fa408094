/**
 * Adversarial keystrokes for the one-function relint (engine/incremental/function-relint.ts) at the
 * level of the text: CRLF and mixed line endings, UTF-16 surrogate pairs, macro blanking elsewhere
 * in the file, a body deleted and typed back, very long lines, a line two functions share.
 * Each case types into a module while the Editor (test/server/support/relint-editor.ts) compares
 * every version of every open file with a lint from scratch; where a case states how many
 * keystrokes were relinted, that is what makes it bite: the fast path ran.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relintWorld, type RelintWorld } from './support/relint-editor.js';
import { editing, scenario, typeChars, WORK } from './support/relint-scenario.js';

let world: RelintWorld;
beforeAll(async () => {
  world = await relintWorld();
});
afterAll(() => world.dispose());

describe('adversarial keystrokes against a lint from scratch: line endings, code units, blanked macros', { timeout: 60_000 }, () => {
  it('CRLF: line breaks typed and deleted in a helper before another function\'s findings', () => {
    const source = scenario(WORK, { eol: '\r\n' });
    editing(world, { 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf('value = 3 + 4;') + 'value = 3'.length;
      editor.type(file, at, 0, '7');
      editor.type(file, at, 0, '\r\n');
      editor.type(file, at, 2, '');
      editor.type(file, at, 0, ' ');
      editor.type(file, at, 1, '');
      // a lone line feed in a CRLF file (mixed endings), then removed
      editor.type(file, at, 0, '\n');
      editor.type(file, at, 1, '');
      expect(editor.relints).toBeGreaterThan(0);
    });
  });

  it('UTF-16: a surrogate pair typed in a string before findings, replaced by one sharing its high half, deleted', () => {
    const source = scenario(['    LPCWSTR text = L"ab";', '    return text[0] == 0 ? 1 : 0;']);
    editing(world, { 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf('L"ab"') + 3;
      editor.type(file, at, 0, '\u{1F680}');
      editor.type(file, at, 2, '\u{1F681}');
      editor.type(file, at, 0, '\u00e9');
      editor.type(file, at, 3, '');
      expect(editor.relints).toBeGreaterThan(0);
    });
  });

  it('macro blanking elsewhere: IN and CALLBACK typed into, a #define alias typed in a body that blanks a later parameter', () => {
    const source = scenario(['    typedef DWORD (CALLBACK *PFN)(void);', '    DWORD IN_count = 0;', '    return IN_count;'], {
      after: ['static DWORD Later(MYIN HDEVINFO DeviceInfoSet)', '{', '    MessageBoxW(NULL, L"x", L"y", MB_OK);', '    return 0;', '}', ''],
    });
    editing(world, { 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      let text = source;
      editor.type(file, text.indexOf('CALLBACK *PFN') + 'CALLBACK'.length, 0, 'X');
      editor.type(file, text.indexOf('CALLBACK *PFN') + 'CALLBACK'.length, 1, '');
      editor.type(file, text.indexOf('IN_count'), 2, 'IN');
      editor.type(file, text.indexOf('IN_count') + 2, 1, '');
      editor.type(file, text.indexOf('IN_count') + 2, 0, ' ');
      editor.type(file, text.indexOf('IN_count') + 2, 1, '_');
      text = editor.texts.get(file)!;
      typeChars(editor, file, text.indexOf('    return IN_count;'), '#define MYIN IN\n');
      text = editor.texts.get(file)!;
      const define = text.indexOf('#define MYIN IN');
      editor.type(file, define + '#define MYIN I'.length, 1, '');
      editor.type(file, define + '#define MYIN I'.length, 0, 'N');
      editor.type(file, define, '#define MYIN IN\n'.length, '');
    });
  });

  for (const eol of ['\n', '\r\n']) it(`the whole content of a body deleted and typed back, edits at the first and last character inside the braces (${JSON.stringify(eol)})`, () => {
    const source = scenario(WORK, { eol });
    editing(world, { 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const open = source.indexOf('{', source.indexOf('static DWORD Work(')) + 1;
      const close = source.indexOf('\n}', open) + 1;
      editor.type(file, open, 0, ' ');
      editor.type(file, open, 1, '');
      editor.type(file, close, 0, ' ');
      editor.type(file, close, 0, '7');
      editor.type(file, close, 2, '');
      const inner = source.slice(open, close);
      editor.type(file, open, inner.length, '');
      editor.type(file, open, 0, inner);
      // the entry point's body too: its first and last character
      const text = editor.texts.get(file)!;
      const entryOpen = text.indexOf('{', text.indexOf('DWORD CALLBACK CoInstaller(')) + 1;
      const entryClose = text.indexOf('\n}', entryOpen) + 1;
      editor.type(file, entryClose, 0, eol);
      editor.type(file, entryOpen, 0, eol);
      const entryInner = editor.texts.get(file)!.slice(entryOpen, entryClose + eol.length);
      editor.type(file, entryOpen, entryInner.length, '');
      editor.type(file, entryOpen, 0, entryInner);
      expect(editor.relints).toBeGreaterThan(0);
    });
  });

  it('very long lines: edits at and around the 16, 256 and 4096 code unit blocks of the text comparison', () => {
    const long = 'x'.repeat(9000);
    const source = scenario([`    LPCWSTR text = L"${long}";`, '    DWORD value = 1;', `    /* ${long} */`, '    return value + (text[0] == 0);']);
    editing(world, { 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const start = source.indexOf(long);
      for (const offset of [0, 15, 16, 255, 256, 4095, 4096, 4097, 8191, 8192, 8999]) {
        editor.type(file, start + offset, 0, 'y');
        editor.type(file, start + offset, 1, '');
      }
      // the same letter as its neighbours: the region is ambiguous
      editor.type(file, start + 4096, 1, '');
      editor.type(file, start + 4096, 0, 'x');
      expect(editor.relints).toBeGreaterThan(10);
    });
  });

  it('a tab typed at the start of a line the entry point shares with the end of the function before it', () => {
    // the entry point's indentation unit is read from its first line, which starts inside Work's body
    const shared = [
      '#include <windows.h>',
      '#include <setupapi.h>',
      '',
      'static void Prompt(void)',
      '{',
      '\t\tMessageBoxW(NULL, L"Hi", L"Vendor", MB_OK);',
      '}',
      '',
      'static DWORD Work(void)',
      '{',
      '\t\tDWORD value = 0;',
      'return value; } DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
      '{',
      '\t\tswitch (InstallFunction) {',
      '\t\tcase DIF_INSTALLDEVICE:',
      '\t\t\t\tPrompt();',
      '\t\t\t\tWork();',
      '\t\t\t\tbreak;',
      '\t\tdefault:',
      '\t\t\t\tbreak;',
      '\t\t}',
      '\t\treturn NO_ERROR;',
      '}',
      '',
    ].join('\n');
    editing(world, { 'co.c': shared }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = shared.indexOf('return value; }');
      editor.type(file, at, 0, '\t');
      editor.type(file, at, 1, '');
      // a digit typed on that line is fix-neutral still: it indents nothing
      editor.type(file, at + 'return value'.length, 0, ' + 1');
      editor.type(file, at + 'return value + 1'.length, 0, '2');
    });
  });
});
