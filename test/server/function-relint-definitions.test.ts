/**
 * Adversarial keystrokes for the one-function relint (engine/incremental/function-relint.ts) in the
 * kinds of definitions it must find: static locals, a nested class and a lambda, K&R, extern "C"
 * and macro-named definitions, the entry point itself, a file with a directive, a table of handlers.
 * Each case types into a module while the Editor (test/server/support/relint-editor.ts) compares
 * every version of every open file with a lint from scratch; where a case states how many
 * keystrokes were relinted, that is what makes it bite: the fast path ran.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relintWorld, typeRandomly, type RelintWorld } from './support/relint-editor.js';
import { editing, scenario, typeChars, WORK } from './support/relint-scenario.js';

let world: RelintWorld;
beforeAll(async () => {
  world = await relintWorld();
});
afterAll(() => world.dispose());

describe('adversarial keystrokes against a lint from scratch: definitions', { timeout: 60_000 }, () => {
  it('static locals typed and deleted before the statics of a later function', () => {
    const source = scenario(WORK);
    editing(world, { 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf('    return value;');
      typeChars(editor, file, at, 'static int s_a = 1; s_a = 2;\n');
      const text = editor.texts.get(file)!;
      const digit = text.indexOf('s_a = 1') + 'sa_ = '.length;
      editor.type(file, digit, 0, '5');
      editor.type(file, at, 'static int s_a = 15; s_a = 2;\n'.length, '');
      expect(editor.texts.get(file)).toBe(source);
    });
  });

  it('a nested class with methods and a lambda in a C++ function body', () => {
    const source = scenario([
      '    struct Local {',
      '        int Get() { return 41 + 1; }',
      '        void Show() { MessageBoxW(NULL, L"in method", L"v", MB_OK); }',
      '    };',
      '    auto show = [](int n) { MessageBoxW(NULL, L"in lambda", L"v", MB_OK); return n + 2; };',
      '    Local l;',
      '    l.Show();',
      '    return show(l.Get());',
    ]);
    editing(world, { 'co.cpp': source }, ['co.cpp'], (editor, path) => {
      const file = path('co.cpp');
      for (const [anchor, ch] of [['41 + 1', '9'], ['n + 2', '3'], ['"in method"', 'x'], ['"in lambda"', 'y']] as const) {
        const at = editor.texts.get(file)!.indexOf(anchor) + 2;
        editor.type(file, at, 0, ch);
        editor.type(file, at, 0, ' ');
      }
      // a method closed early, then reopened
      const get = editor.texts.get(file)!.indexOf('return 41');
      editor.type(file, get, 0, '}');
      editor.type(file, get, 1, '');
      expect(editor.relints).toBeGreaterThan(0);
    });
  });

  it('a K&R definition, a definition inside extern "C" { } and one whose name comes from a macro', () => {
    const source = scenario(WORK, {
      before: [
        'static int Old(a)',
        'int a;',
        '{',
        '    MessageBoxW(NULL, L"kr", L"v", MB_OK);',
        '    return a + 1;',
        '}',
        '',
        '#ifdef __cplusplus',
        'extern "C" {',
        '#endif',
        'static void Wrapped(void)',
        '{',
        '    MessageBoxW(NULL, L"wrapped", L"v", MB_OK);',
        '    Old(2);',
        '}',
        '#ifdef __cplusplus',
        '}',
        '#endif',
        '',
        '#define NAMED(x) Named_##x',
        'static void NAMED(one)(void)',
        '{',
        '    Wrapped();',
        '    Old(3);',
        '}',
        '',
      ],
    });
    for (const name of ['co.c', 'co.cpp']) {
      editing(world, { [name]: source.replace('    /* note */', '    Wrapped();\n    Named_one();') }, [name], (editor, path) => {
        const file = path(name);
        for (const anchor of ['a + 1', 'Old(2)', 'Old(3)']) {
          const at = editor.texts.get(file)!.indexOf(anchor) + anchor.length - 1;
          editor.type(file, at, 0, '4');
          editor.type(file, at, 0, 'q');
          editor.type(file, at, 2, '');
        }
      });
    }
    // extern "C" with braces in C++
    const cpp = source.replaceAll('#ifdef __cplusplus\n', '').replaceAll('#endif\n', '');
    editing(world, { 'co.cpp': cpp }, ['co.cpp'], (editor, path) => {
      const file = path('co.cpp');
      const at = cpp.indexOf('Old(2)') + 4;
      editor.type(file, at, 0, '4');
      editor.type(file, at, 1, '');
    });
  });

  it('the entry point typed into: case labels, the dispatch and numbers in a case', () => {
    const source = scenario(WORK);
    editing(world, { 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = () => editor.texts.get(file)!.indexOf('Sleep(10)') + 'Sleep(1'.length;
      editor.type(file, at(), 0, '5');
      editor.type(file, at(), 0, '\n');
      editor.type(file, at(), 1, '');
      const label = () => editor.texts.get(file)!.indexOf('case DIF_REMOVE:') + 'case DIF_REMOVE'.length;
      editor.type(file, label(), 0, 'X');
      editor.type(file, label(), 1, '');
      const prompt = () => editor.texts.get(file)!.indexOf('        Prompt();');
      editor.type(file, prompt(), 0, '//');
      editor.type(file, prompt(), 2, '');
      const work = () => editor.texts.get(file)!.indexOf('status = Work(');
      editor.type(file, work(), 'status = '.length, '');
      editor.type(file, work(), 0, 'status = ');
      expect(editor.relints).toBeGreaterThan(0);
    });
  });

  it('a file with a directive is linted whole, its findings the same', () => {
    const source = scenario(WORK).replace('    MessageBoxW(NULL, L"Hi', '    // coinstaller-lint-disable-next-line no-ui-outside-finish-install\n    MessageBoxW(NULL, L"Hi');
    editing(world, { 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf('value = 3') + 'value = 3'.length;
      editor.type(file, at, 0, '1');
      editor.type(file, at, 1, '');
      expect(editor.relints).toBe(0);
    });
  });

  it('an entry point dispatching through a table of handlers: keystrokes in the handlers and the entry point', () => {
    const source = [
      '#include <windows.h>',
      '#include <setupapi.h>',
      '',
      'static DWORD OnInstall(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)',
      '{',
      '    MessageBoxW(NULL, L"install", L"Vendor", MB_OK);',
      '    Sleep(100);',
      '    return NO_ERROR;',
      '}',
      '',
      'static DWORD OnRemove(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)',
      '{',
      '    static int s_removed = 0;',
      '    s_removed += 2;',
      '    LoadLibraryW(L"x.dll");',
      '    return NO_ERROR;',
      '}',
      '',
      'static const struct { DI_FUNCTION dif; DWORD (*handler)(HDEVINFO, PSP_DEVINFO_DATA); } g_handlers[] = {',
      '    { DIF_INSTALLDEVICE, OnInstall },',
      '    { DIF_REMOVE, OnRemove },',
      '};',
      '',
      'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
      '{',
      '    for (int i = 0; i < 2; i++) {',
      '        if (g_handlers[i].dif == InstallFunction) return g_handlers[i].handler(DeviceInfoSet, DeviceInfoData);',
      '    }',
      '    return NO_ERROR;',
      '}',
      '',
    ].join('\n');
    editing(world, { 'co.c': source }, ['co.c'], (editor) => {
      typeRandomly(editor, Number(process.env.SEED ?? 31), Number(process.env.KEYS ?? 60), ['1', '7', ' ', '\n', 'a', 'x', 'OnRemove', 'g_handlers', ';', '}']);
      expect(editor.relints).toBeGreaterThan(0);
    });
  });
});
