import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { applyFixes } from '../../../engine/linter/apply-fixes.js';
import { mergeFixes } from '../../../engine/linter/fixer.js';
import { finishInstallScaffold } from '../../../rules/support/finish-install.js';
import { CppParser } from '../../../engine/parsing/cpp-parser.js';
import { SourceCode } from '../../../engine/linter/source-code.js';
import { hasMingw, mingwSyntaxCheck } from '../../support/mingw.js';

const DOMAIN = join(__dirname, '../../fixtures/domain/finish-install-example');

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser.delete());

/** Runs the scaffold on `code`, moving the statement that starts with `moveText`, and returns the new text. */
function scaffold(code: string, moveText: string | null, kind: 'coinstaller' | 'class-installer' = 'coinstaller'): string | null {
  const tree = parser.parse(code);
  try {
    const sourceCode = new SourceCode(code, tree);
    const fns = tree.rootNode.descendantsOfType('function_definition').filter((f): f is Node => f !== null);
    const entryPoint = fns.find((f) => /DI_FUNCTION|UINT/.test(f.text.split('{')[0]))!;
    const move =
      moveText === null
        ? undefined
        : tree.rootNode.descendantsOfType('expression_statement').find((s) => s?.text.startsWith(moveText)) ?? undefined;
    const edits = finishInstallScaffold({ sourceCode, entryPoint, kind, move, isDefined: () => false });
    if (!edits) return null;
    return applyFixes(code, [mergeFixes(edits, code)!]).output;
  } finally {
    tree.delete();
  }
}

describe('finish-install scaffolding', () => {
  it('turns the domain example before.c into after.c', () => {
    const before = readFileSync(join(DOMAIN, 'before.c'), 'utf8');
    const after = readFileSync(join(DOMAIN, 'after.c'), 'utf8');
    const out = scaffold(before, 'WarnAboutFirmware();')!;
    // The files differ only in their opening comment, which describes each file.
    const body = (t: string) => t.slice(t.indexOf('#include'));
    expect(body(out)).toBe(body(after));
  });

  it('keeps CRLF line endings', () => {
    const before = readFileSync(join(DOMAIN, 'before.c'), 'utf8').replace(/\n/g, '\r\n');
    const out = scaffold(before, 'WarnAboutFirmware();')!;
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(out).toContain('case DIF_FINISHINSTALL_ACTION:\r\n');
  });

  it('extends existing finish-install cases instead of adding new ones', () => {
    const code = [
      '#include <windows.h>',
      '#include <setupapi.h>',
      '#define DIF_FINISHINSTALL_ACTION 0x2A',
      '#define DI_FLAGSEX_FINISHINSTALL_ACTION 0x8L',
      'void Warn(void);',
      'void Log(void);',
      'DWORD CALLBACK Co(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)',
      '{',
      '    switch (f) {',
      '    case DIF_INSTALLDEVICE:',
      '        Warn();',
      '        break;',
      '    case DIF_NEWDEVICEWIZARD_FINISHINSTALL:',
      '        Log();',
      '        break;',
      '    case DIF_FINISHINSTALL_ACTION:',
      '        Log();',
      '        break;',
      '    }',
      '    return NO_ERROR;',
      '}',
      '',
    ].join('\n');
    const out = scaffold(code, 'Warn();')!;
    expect(out).toBe(
      [
        '#include <windows.h>',
        '#include <setupapi.h>',
        '#define DIF_FINISHINSTALL_ACTION 0x2A',
        '#define DI_FLAGSEX_FINISHINSTALL_ACTION 0x8L',
        'void Warn(void);',
        'void Log(void);',
        'DWORD CALLBACK Co(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)',
        '{',
        '    switch (f) {',
        '    case DIF_NEWDEVICEWIZARD_FINISHINSTALL:',
        '        {',
        '            /* Ask Windows for a finish-install action; set it here, and only when one is needed. */',
        '            SP_DEVINSTALL_PARAMS_W params;',
        '            params.cbSize = sizeof(params);',
        '            if (SetupDiGetDeviceInstallParamsW(s, d, &params)) {',
        '                params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;',
        '                SetupDiSetDeviceInstallParamsW(s, d, &params);',
        '            }',
        '        }',
        '        Log();',
        '        break;',
        '    case DIF_FINISHINSTALL_ACTION:',
        '        Warn();',
        '        Log();',
        '        break;',
        '    }',
        '    return NO_ERROR;',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('does not add a second request where a helper already sets the flag', () => {
    const code = [
      '#include <windows.h>',
      '#include <setupapi.h>',
      'static void Ask(SP_DEVINSTALL_PARAMS_W *p) { p->FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION; }',
      'DWORD CALLBACK Co(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)',
      '{',
      '    SP_DEVINSTALL_PARAMS_W p;',
      '    switch (f) {',
      '    case DIF_NEWDEVICEWIZARD_FINISHINSTALL:',
      '        Ask(&p);',
      '        break;',
      '    case DIF_INSTALLDEVICE:',
      '        MessageBoxW(NULL, L"x", L"y", MB_OK);',
      '        break;',
      '    default:',
      '        break;',
      '    }',
      '    return NO_ERROR;',
      '}',
      '',
    ].join('\n');
    const out = scaffold(code, 'MessageBoxW')!;
    expect(out.match(/SetupDiGetDeviceInstallParamsW/g)).toBeNull();
    expect(out).toContain('    case DIF_FINISHINSTALL_ACTION:\n        /* Interactive context');
    expect(out).toContain('        MessageBoxW(NULL, L"x", L"y", MB_OK);\n        break;\n    default:');
  });

  it('adds the cases at the end of the switch when the case before default falls through into it', () => {
    const code = [
      'DWORD CALLBACK Co(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)',
      '{',
      '    switch (f) {',
      '    case DIF_INSTALLDEVICE:',
      '        Warn();',
      '        Log();',
      '    default:',
      '        Count();',
      '    }',
      '    return NO_ERROR;',
      '}',
    ].join('\n');
    const out = scaffold(code, 'Warn();')!;
    const lines = out.split('\n');
    const at = lines.indexOf('    case DIF_INSTALLDEVICE:');
    // Log(); still falls into default, and Count() ends the old cases with a break added.
    expect(lines.slice(at, at + 6)).toEqual(['    case DIF_INSTALLDEVICE:', '        Log();', '    default:', '        Count();', '        break;', '    case DIF_NEWDEVICEWIZARD_FINISHINSTALL: {']);
  });

  it('handles if / else-if chains with early returns for the new codes', () => {
    const code = [
      'DWORD CALLBACK Ci(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d)',
      '{',
      '    if (f == DIF_INSTALLDEVICE) {',
      '        ShowError();',
      '    } else if (f == DIF_REMOVE) {',
      '        Cleanup();',
      '    }',
      '    return ERROR_DI_DO_DEFAULT;',
      '}',
    ].join('\n');
    const out = scaffold(code, 'ShowError();', 'class-installer')!;
    expect(out).toContain('    if (f == DIF_NEWDEVICEWIZARD_FINISHINSTALL) {\n');
    expect(out).toContain(
      // the comment wrapped at 80 columns (the file's lines all fit in 80); the emptied branch removed
      '    if (f == DIF_FINISHINSTALL_ACTION) {\n        /* Interactive context: UI is allowed here. A class installer returns\n         * ERROR_DI_DO_DEFAULT when done. */\n        ShowError();\n        return ERROR_DI_DO_DEFAULT;\n    }\n    if (f == DIF_REMOVE) {\n        Cleanup();',
    );
  });

  it('keeps the emptied case with its break when the default does something else (removing it would change what runs)', () => {
    const code = [
      'DWORD CALLBACK Co(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)',
      '{',
      '    switch (f) {',
      '    case DIF_INSTALLDEVICE:',
      '        Warn();',
      '        break;',
      '    default:',
      '        Count();',
      '        break;',
      '    }',
      '    return NO_ERROR;',
      '}',
    ].join('\n');
    const lines = scaffold(code, 'Warn();')!.split('\n');
    const at = lines.indexOf('    case DIF_INSTALLDEVICE:');
    expect(lines.slice(at, at + 3)).toEqual(['    case DIF_INSTALLDEVICE:', '        break;', '    case DIF_NEWDEVICEWIZARD_FINISHINSTALL: {']);
  });

  it('takes the comment lines directly above the moved statement with it, not one after a blank line', () => {
    const code = [
      'DWORD CALLBACK Co(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)',
      '{',
      '    switch (f) {',
      '    case DIF_INSTALLDEVICE:',
      '        /* Installation starts. */',
      '',
      '        /* Tell the user to calibrate. */',
      '        // (once per device)',
      '        Warn(); /* here for now */',
      '        Log();',
      '        break;',
      '    }',
      '    return NO_ERROR;',
      '}',
    ].join('\n');
    const out = scaffold(code, 'Warn();')!;
    expect(out).toContain('    case DIF_INSTALLDEVICE:\n        /* Installation starts. */\n\n        Log();\n        break;\n');
    expect(out).toContain('    case DIF_FINISHINSTALL_ACTION:\n        /* Interactive context: UI is allowed here. A co-installer returns NO_ERROR when done. */\n        /* Tell the user to calibrate. */\n        // (once per device)\n        Warn();\n        break;\n');
    expect(out).not.toContain('here for now');
  });

  it('guards only the constants the new code uses and the file does not use yet', () => {
    const code = [
      '#include <windows.h>',
      '#include <setupapi.h>',
      'DWORD CALLBACK Co(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)',
      '{',
      '    switch (f) {',
      '    case DIF_INSTALLDEVICE:',
      '        Warn();',
      '        Log();',
      '        break;',
      '    case DIF_FINISHINSTALL_ACTION:',
      '        Log();',
      '        break;',
      '    }',
      '    return NO_ERROR;',
      '}',
    ].join('\n');
    const out = scaffold(code, 'Warn();')!;
    // the file already compiles with DIF_FINISHINSTALL_ACTION: only the request's flag is new
    expect(out).not.toContain('#ifndef DIF_FINISHINSTALL_ACTION');
    expect(out).toContain('#include <setupapi.h>\n\n/* Older SDK headers lack the Windows Vista finish-install constants. */\n#ifndef DI_FLAGSEX_FINISHINSTALL_ACTION\n');
  });

  it('removes a case with the blank line after it, leaving no blank line at the top of the switch', () => {
    const code = [
      'DWORD CALLBACK Co(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)',
      '{',
      '    switch (f) {',
      '    case DIF_INSTALLDEVICE:',
      '        Warn();',
      '        break;',
      '',
      '    case DIF_REMOVE:',
      '        Log();',
      '        break;',
      '    }',
      '    return NO_ERROR;',
      '}',
    ].join('\n');
    expect(scaffold(code, 'Warn();')).toContain('    switch (f) {\n    case DIF_REMOVE:\n        Log();\n        break;\n    case DIF_NEWDEVICEWIZARD_FINISHINSTALL: {');
  });

  it('refuses to move the body of a bare if', () => {
    const code = 'DWORD CALLBACK Co(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)\n{\n    switch (f) {\n    case DIF_INSTALLDEVICE:\n        if (c) Warn();\n        break;\n    }\n    return 0;\n}\n';
    expect(scaffold(code, 'Warn();')).toBeNull();
  });

  it('moves a multi-line if statement out of a braced case, re-indented for its new place', () => {
    const code = [
      'DWORD CALLBACK Co(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)',
      '{',
      '    switch (f) {',
      '    case DIF_INSTALLDEVICE:',
      '        {',
      '            if (Ready()) {',
      '                Warn();',
      '            }',
      '        }',
      '        break;',
      '    case DIF_FINISHINSTALL_ACTION:',
      '        break;',
      '    }',
      '    return NO_ERROR;',
      '}',
    ].join('\n');
    const tree = parser.parse(code);
    try {
      const sourceCode = new SourceCode(code, tree);
      const entryPoint = tree.rootNode.descendantsOfType('function_definition')[0];
      const move = tree.rootNode.descendantsOfType('if_statement')[0];
      const edits = finishInstallScaffold({ sourceCode, entryPoint, kind: 'coinstaller', move, isDefined: () => true });
      const out = applyFixes(code, [mergeFixes(edits, code)!]).output;
      // Twelve spaces deep before, eight in the action case: every line moves four spaces left.
      expect(out).toContain('    case DIF_INSTALLDEVICE:\n        {\n        }\n        break;\n');
      expect(out).toContain('    case DIF_FINISHINSTALL_ACTION:\n        if (Ready()) {\n            Warn();\n        }\n        break;\n');
    } finally {
      tree.delete();
    }
  });

  it('refuses to move a statement holding a jump, and adds an empty action with a note when asked', () => {
    const code = 'DWORD CALLBACK Co(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)\n{\n    switch (f) {\n    case DIF_INSTALLDEVICE:\n        if (c) { Warn(); break; }\n        break;\n    }\n    return 0;\n}\n';
    const tree = parser.parse(code);
    try {
      const sourceCode = new SourceCode(code, tree);
      const entryPoint = tree.rootNode.descendantsOfType('function_definition')[0];
      const move = tree.rootNode.descendantsOfType('if_statement')[0];
      expect(finishInstallScaffold({ sourceCode, entryPoint, kind: 'coinstaller', move, isDefined: () => true })).toBeNull();
      const edits = finishInstallScaffold({ sourceCode, entryPoint, kind: 'coinstaller', isDefined: () => true, actionNote: 'Work goes here.' })!;
      const out = applyFixes(code, [mergeFixes(edits, code)!]).output;
      expect(out).toContain('    case DIF_FINISHINSTALL_ACTION:\n        /* Work goes here. */\n        break;\n    }\n    return 0;');
    } finally {
      tree.delete();
    }
  });

  it.skipIf(!hasMingw())('produces C that mingw-w64 compiles, for both shapes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scaffold-'));
    const before = readFileSync(join(DOMAIN, 'before.c'), 'utf8');
    const file = join(dir, 'after.c');
    writeFileSync(file, scaffold(before, 'WarnAboutFirmware();')!);
    expect(mingwSyntaxCheck(file)).toBe('');
    const chain = [
      '#include <windows.h>',
      '#include <setupapi.h>',
      'static void ShowError(void) { MessageBoxW(NULL, L"x", L"y", MB_OK); }',
      'DWORD CALLBACK Ci(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d)',
      '{',
      '    if (f == DIF_INSTALLDEVICE) {',
      '        ShowError();',
      '    }',
      '    return ERROR_DI_DO_DEFAULT;',
      '}',
      '',
    ].join('\n');
    const file2 = join(dir, 'chain.c');
    writeFileSync(file2, scaffold(chain, 'ShowError();', 'class-installer')!);
    expect(mingwSyntaxCheck(file2)).toBe('');
    void execFileSync;
  });
});
