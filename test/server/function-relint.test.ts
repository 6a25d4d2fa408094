/**
 * Differential: keystrokes typed inside function bodies of open documents, each answered by the
 * lint session (which relints the one function when it can, function-relint.ts), give exactly the
 * messages of a lint of the module from scratch: ranges, lines and columns, text, related places,
 * fixes and suggestions. On the example module (two files open: the entry point and the UI file,
 * whose findings point into the other) and on a generated 800-line installer. The keystrokes that
 * keep the model's shape (digits, letters in strings and numbers, spaces) are relinted in one
 * function; the others (new calls, braces, guards) fall back to a full lint, and both must agree.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { differingRegion } from '../../engine/text/text-shift.js';
import { isFixNeutralEdit } from '../../engine/incremental/fix-neutral-edit.js';
import { Editor, finishBranchModule, installerWorkspace, relintWorld, TYPING, typeRandomly, type RelintWorld } from './support/relint-editor.js';
import { tempWorkspace } from './support/workspace.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/contoso-coinstaller');

let world: RelintWorld;
beforeAll(async () => {
  world = await relintWorld();
});
afterAll(() => world.dispose());

describe('keystrokes inside function bodies against a lint from scratch', { timeout: 120_000 }, () => {
  const keys = Number(process.env.KEYS ?? 60);
  const seed = (n: number) => Number(process.env.SEED ?? n);

  it('the example module, with the entry point and the UI file open', () => {
    const files: Record<string, string> = { 'coinstaller-lint.json': '{ "extends": "all" }\n' };
    for (const name of ['coinstaller.c', 'contoso.h', 'contoso.def', 'maintenance.c', 'settings.c', 'ui.c', 'updater.c']) files[name] = readFileSync(join(EXAMPLE, name), 'utf8');
    const ws = tempWorkspace(files);
    const editor = new Editor(world, ws, [ws.path('coinstaller.c'), ws.path('ui.c')]);
    try {
      typeRandomly(editor, seed(5), keys, TYPING);
      expect(editor.checked, 'versions compared in both open files').toBeGreaterThan(keys);
      expect(editor.relints, 'keystrokes answered by relinting one function').toBeGreaterThan(keys / 6);
    } finally {
      editor.dispose();
      ws.remove();
    }
  });

  it('a generated 800-line installer', () => {
    const ws = installerWorkspace(800);
    const editor = new Editor(world, ws, [ws.path('big.c')]);
    try {
      typeRandomly(editor, seed(9), keys, [...TYPING, 'Orphan();', 'NeedsDesktop();', 'return ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION;', 'Helper3(DeviceInfoSet, DeviceInfoData);']);
      expect(editor.relints).toBeGreaterThan(keys / 6);
    } finally {
      editor.dispose();
      ws.remove();
    }
  });

  it('a digit typed in a helper is relinted there; the findings of other functions, of every rule, are kept and moved', () => {
    const ws = installerWorkspace(400);
    const file = ws.path('big.c');
    const editor = new Editor(world, ws, [file]);
    try {
      const rules = new Set(editor.messagesOf(file).map((m) => m.ruleId));
      // kept: findings of rules listening to nodes (UI, DLL loads) and to Program only (the error code)
      expect([...rules].sort()).toEqual(expect.arrayContaining(['no-dll-load', 'no-interactive-windowstation-error', 'no-ui-outside-finish-install', 'unhandled-dif-return-code']));
      const text = editor.texts.get(file)!;
      const at = text.indexOf('value = params.Flags + 3;') + 'value = params.Flags + '.length;
      editor.type(file, at, 0, '9');
      editor.type(file, at, 1, '');
      editor.type(file, at, 0, '\n');
      expect(editor.relints).toBe(3);
    } finally {
      editor.dispose();
      ws.remove();
    }
  });

  it('a letter typed into a name the module does not know is relinted; into a call of a helper, it is a full lint', () => {
    const ws = installerWorkspace(400);
    const file = ws.path('big.c');
    const editor = new Editor(world, ws, [file]);
    try {
      let text = editor.texts.get(file)!;
      // `value` is a local: `xvalue` names nothing the module declares
      editor.type(file, text.indexOf('value = params.Flags + 3;'), 0, 'x');
      expect(editor.relints).toBe(1);
      text = editor.texts.get(file)!;
      // Helper3 -> Helper3x: the entry point no longer calls Helper3 (its findings change)
      editor.type(file, text.indexOf('Helper3(DeviceInfoSet, DeviceInfoData);') + 'Helper3'.length, 0, 'x');
      expect(editor.relints).toBe(1);
    } finally {
      editor.dispose();
      ws.remove();
    }
  });

  it('after keystrokes in a comment (results moved), a digit in code is still relinted in one function', () => {
    const ws = installerWorkspace(400);
    const file = ws.path('big.c');
    const editor = new Editor(world, ws, [file]);
    try {
      const comment = editor.texts.get(file)!.indexOf('keystrokes land in this comment') + 'keystrokes'.length;
      editor.type(file, comment, 0, ' and');
      editor.type(file, comment, 0, ' more');
      expect(editor.relints).toBe(0);
      const at = editor.texts.get(file)!.indexOf('value = params.Flags + 3;') + 'value = '.length;
      editor.type(file, at, 0, '7');
      expect(editor.relints).toBe(1);
      // a comment between two functions: the next keystroke in code lints the module
      const between = editor.texts.get(file)!.indexOf('static DWORD Helper5(');
      editor.type(file, between, 0, '/* between */\r\n');
      editor.type(file, editor.texts.get(file)!.indexOf('between */') + 'between'.length, 0, 'x');
      editor.type(file, at, 0, '8');
      expect(editor.relints).toBe(1);
      editor.type(file, at, 0, '9');
      expect(editor.relints).toBe(2);
    } finally {
      editor.dispose();
      ws.remove();
    }
  });

  it('a call that makes another function reachable is a full lint, and its finding appears', () => {
    const ws = installerWorkspace(400);
    const file = ws.path('big.c');
    const editor = new Editor(world, ws, [file]);
    try {
      const orphanUi = () => editor.messagesOf(file).filter((m) => m.ruleId === 'no-ui-outside-finish-install' && editor.texts.get(file)!.slice(m.range[0], m.range[1]) === 'MessageBoxW' && m.message.includes('CoInstaller') && m.range[0] < editor.texts.get(file)!.indexOf('static DWORD NeedsDesktop'));
      const before = orphanUi().length;
      const text = editor.texts.get(file)!;
      editor.type(file, text.indexOf('value ^= 0x5a;', text.indexOf('Helper3(')), 0, 'Orphan(); ');
      expect(orphanUi().length).toBe(before + 1);
      expect(editor.relints).toBe(0);
    } finally {
      editor.dispose();
      ws.remove();
    }
  });
});

describe('isFixNeutralEdit', () => {
  const neutral = (before: string, after: string) => isFixNeutralEdit(before, after, differingRegion(before, after));
  it('accepts digits in a number, spaces, tabs, and line feeds in a file without carriage returns', () => {
    expect(neutral('x = 12;', 'x = 123;')).toBe(true);
    expect(neutral('x = 12;', 'x = 2;')).toBe(true);
    expect(neutral('x = 0x5a;', 'x = 0x55a;')).toBe(true);
    expect(neutral('f(a, b);', 'f(a,  b);')).toBe(true);
    expect(neutral('f();\ng();', 'f();\n\ng();')).toBe(true);
  });
  it('refuses anything that touches a word, a directive, a string, a comment or a carriage return', () => {
    expect(neutral('x = y;', 'x = y1;'), 'a digit ending a name').toBe(false);
    expect(neutral('x = y;', 'x = 1y;'), 'a digit before a name').toBe(false);
    expect(neutral('Helper1();', 'Helper 1();'), 'a space splitting a name').toBe(false);
    expect(neutral('x = 1;', 'x = 1a;')).toBe(false);
    expect(neutral('f();', 'f(); /* DI_FLAGSEX_FINISHINSTALL_ACTION */')).toBe(false);
    expect(neutral('f();\r\ng();', 'f();\r\n\r\ng();'), 'a CRLF file').toBe(false);
    expect(neutral('f(1);\r\ng();', 'f(12);\r\ng();'), 'digits in a CRLF file are fine').toBe(true);
    expect(neutral('a b', 'ab'), 'joining two words').toBe(false);
    expect(neutral('#if 1', '#if 12')).toBe(true);
    expect(neutral('a;', 'a;#')).toBe(false);
  });
});

describe('fixes planned from other functions follow edits there', { timeout: 60_000 }, () => {
  // (finishBranchModule: whether RequestAction sets the flag decides what Prompt's suggestion adds)
  const MODULE = finishBranchModule(['    /* note */']);

  it('a flag named in a comment of the helper requests nothing; set in its code, the suggestion no longer adds the request', () => {
    const ws = tempWorkspace({ 'coinstaller-lint.json': '{ "extends": "all" }\n', 'co.c': MODULE });
    const file = ws.path('co.c');
    const editor = new Editor(world, ws, [file]);
    try {
      const addsRequest = () =>
        editor
          .messagesOf(file)
          .filter((m) => m.ruleId === 'no-ui-outside-finish-install')
          .some((m) => [m.fix, ...(m.suggestions ?? []).map((x) => x.fix)].some((f) => f && (f.edits ?? [f]).some((e) => e.text.includes('FlagsEx |='))));
      expect(addsRequest()).toBe(true);
      const note = editor.texts.get(file)!.indexOf('note */');
      editor.type(file, note, 0, 'DI_FLAGSEX_FINISHINSTALL_ACTION ');
      expect(addsRequest(), 'a comment sets no flag').toBe(true);
      const call = editor.texts.get(file)!.indexOf('    SetupDiGetDeviceInstallParamsW(DeviceInfoSet');
      editor.type(file, call, 0, '    params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;\n');
      expect(addsRequest(), 'the helper sets the flag').toBe(false);
      // typed one character at a time, each version compared with a lint from scratch
      const end = editor.texts.get(file)!.indexOf('    SetupDiGetDeviceInstallParamsW(DeviceInfoSet');
      editor.type(file, end - '    params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;\n'.length, '    params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;\n'.length, '');
      const typed = '    flags |= DI_FLAGSEX_FINISHINSTALL_ACTION;\n';
      for (let i = 0; i < typed.length; i++) editor.type(file, end - '    params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;\n'.length + i, 0, typed[i]);
    } finally {
      editor.dispose();
      ws.remove();
    }
  });
});

