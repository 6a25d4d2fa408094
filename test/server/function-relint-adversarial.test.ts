/**
 * Adversarial review of the one-function relint (engine/incremental/function-relint.ts): edits chosen to
 * make the fast path differ from a lint from scratch. The harness is test/server/support/relint-editor.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinRules } from '../../rules/index.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { differingRegion } from '../../engine/text/text-shift.js';
import { isFixNeutralEdit } from '../../engine/incremental/fix-neutral-edit.js';
import { pick, randomInt, seededRandom } from '../support/mutate.js';
import { Editor, finishBranchModule, insideBodies, relintService, relintWorld, typeRandomly, type RelintWorld } from './support/relint-editor.js';
import { tempWorkspace } from './support/workspace.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/contoso-coinstaller');

let world: RelintWorld;
beforeAll(async () => {
  world = await relintWorld();
});
afterAll(() => world.dispose());

/**
 * Adversarial review of the one-function relint: edits chosen to make the fast path differ from a
 * lint from scratch (every version of every open file is compared by the Editor). Where a case
 * states how many keystrokes were relinted, that is what makes the case bite: the fast path ran.
 */
describe('adversarial keystrokes against a lint from scratch', { timeout: 60_000 }, () => {
  const CONFIG = { 'coinstaller-lint.json': '{ "extends": "all" }\n' };

  /** Opens `files` of a workspace made of `sources`, runs `body`, cleans up. */
  function editing(sources: Record<string, string>, open: readonly string[], body: (editor: Editor, path: (rel: string) => string) => void): void {
    const ws = tempWorkspace({ ...CONFIG, ...sources });
    const editor = new Editor(world, ws, open.map((f) => ws.path(f)));
    try {
      body(editor, (rel) => ws.path(rel));
    } finally {
      editor.dispose();
      ws.remove();
    }
  }

  /** Types `text` one character at a time at `at` (UTF-16 units; a surrogate pair goes whole). */
  function typeChars(editor: Editor, file: string, at: number, text: string): void {
    for (const ch of text) {
      editor.type(file, at, 0, ch);
      at += ch.length;
    }
  }

  it('a line feed deleted at the end of a // comment comments out the statement that set the flag', () => {
    const source = finishBranchModule(['    // note', '    params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;']);
    editing({ 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf('// note') + '// note'.length;
      editor.type(file, at, 1, '');
      editor.type(file, at, 0, '\n');
    });
  });

  it('a line feed typed into a // comment brings the statement that sets the flag into the code', () => {
    const source = finishBranchModule(['    // note params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;']);
    editing({ 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf('// note ') + '// note '.length;
      editor.type(file, at, 0, '\n');
      editor.type(file, at, 1, '');
    });
  });

  /** A small co-installer: `before` goes between the includes and Prompt, `helper` is Work's body, `after` follows the entry point. */
  const scenario = (helper: readonly string[], opts: { before?: readonly string[]; after?: readonly string[]; eol?: string } = {}) =>
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

  const WORK = ['    DWORD value = 0;', '    value = 3 + 4;', '    /* note */', '    return value;'];

  it('CRLF: line breaks typed and deleted in a helper before another function\'s findings', () => {
    const source = scenario(WORK, { eol: '\r\n' });
    editing({ 'co.c': source }, ['co.c'], (editor, path) => {
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
    editing({ 'co.c': source }, ['co.c'], (editor, path) => {
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
    editing({ 'co.c': source }, ['co.c'], (editor, path) => {
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

  it('static locals typed and deleted before the statics of a later function', () => {
    const source = scenario(WORK);
    editing({ 'co.c': source }, ['co.c'], (editor, path) => {
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
    editing({ 'co.cpp': source }, ['co.cpp'], (editor, path) => {
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
      editing({ [name]: source.replace('    /* note */', '    Wrapped();\n    Named_one();') }, [name], (editor, path) => {
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
    editing({ 'co.cpp': cpp }, ['co.cpp'], (editor, path) => {
      const file = path('co.cpp');
      const at = cpp.indexOf('Old(2)') + 4;
      editor.type(file, at, 0, '4');
      editor.type(file, at, 1, '');
    });
  });

  for (const eol of ['\n', '\r\n']) it(`the whole content of a body deleted and typed back, edits at the first and last character inside the braces (${JSON.stringify(eol)})`, () => {
    const source = scenario(WORK, { eol });
    editing({ 'co.c': source }, ['co.c'], (editor, path) => {
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

  it('the entry point typed into: case labels, the dispatch and numbers in a case', () => {
    const source = scenario(WORK);
    editing({ 'co.c': source }, ['co.c'], (editor, path) => {
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
    editing({ 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf('value = 3') + 'value = 3'.length;
      editor.type(file, at, 0, '1');
      editor.type(file, at, 1, '');
      expect(editor.relints).toBe(0);
    });
  });

  it('very long lines: edits at and around the 16, 256 and 4096 code unit blocks of the text comparison', () => {
    const long = 'x'.repeat(9000);
    const source = scenario([`    LPCWSTR text = L"${long}";`, '    DWORD value = 1;', `    /* ${long} */`, '    return value + (text[0] == 0);']);
    editing({ 'co.c': source }, ['co.c'], (editor, path) => {
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
    editing({ 'co.c': shared }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = shared.indexOf('return value; }');
      editor.type(file, at, 0, '\t');
      editor.type(file, at, 1, '');
      // a digit typed on that line is fix-neutral still: it indents nothing
      editor.type(file, at + 'return value'.length, 0, ' + 1');
      editor.type(file, at + 'return value + 1'.length, 0, '2');
    });
  });

  it('the example module, both files open: blanks and line feeds typed at the top of every function of each', () => {
    const files: Record<string, string> = {};
    for (const name of ['coinstaller.c', 'contoso.h', 'contoso.def', 'maintenance.c', 'settings.c', 'ui.c', 'updater.c']) files[name] = readFileSync(join(EXAMPLE, name), 'utf8');
    editing(files, ['coinstaller.c', 'ui.c'], (editor, path) => {
      for (const name of ['coinstaller.c', 'ui.c']) {
        const file = path(name);
        const bodies = () => {
          const tree = world.parser.parse(editor.texts.get(file)!);
          try {
            return tree.rootNode.children.flatMap((c) => (c?.type === 'function_definition' && c.childForFieldName('body') ? [c.childForFieldName('body')!.startIndex + 1] : []));
          } finally {
            tree.delete();
          }
        };
        for (let i = 0; i < bodies().length; i++) {
          const at = bodies()[i];
          editor.type(file, at, 0, '\n');
          editor.type(file, at, 0, ' ');
          editor.type(file, at, 2, '');
        }
      }
      expect(editor.relints).toBeGreaterThan(4);
    });
  });

  it('a rule that throws on a number typed in one function, and one listening to Program and to nodes', () => {
    const meta: RuleModule['meta'] = { type: 'problem', docs: { description: 't', guideline: 't', url: 'file:///x', recommended: true }, messages: { m: 'number {{n}}' }, schema: [] };
    // reports every number; throws on 13
    const numbers: RuleModule = {
      meta,
      create: (context) => ({
        number_literal(node) {
          if (node.text === '13') throw new Error('thirteen');
          context.report({ node, messageId: 'm', data: { n: node.text } });
        },
      }),
    };
    // counts the numbers of the file in Program and reports each with the count seen so far
    const counting: RuleModule = {
      meta,
      create: (context) => {
        let seen = 0;
        return {
          Program() {
            seen = 0;
          },
          number_literal(node) {
            seen++;
            context.report({ node, messageId: 'm', data: { n: String(seen) } });
          },
        };
      },
    };
    const rules = new Map<string, RuleModule>([...builtinRules, ['test-numbers', numbers], ['test-counting', counting]]);
    const source = scenario(WORK);
    const ws = tempWorkspace({ 'coinstaller-lint.json': '{ "extends": "all", "rules": { "test-numbers": "error", "test-counting": "error" } }\n', 'co.c': source });
    const editor = new Editor(world, ws, [ws.path('co.c')], rules);
    try {
      const file = ws.path('co.c');
      expect(editor.messagesOf(file).some((m) => m.ruleId === 'test-numbers')).toBe(true);
      const at = source.indexOf('value = 3 + 4;') + 'value = '.length;
      editor.type(file, at, 1, '13');
      // another function typed into while the rule fails
      const sleep = editor.texts.get(file)!.indexOf('Sleep(10)') + 'Sleep(1'.length;
      editor.type(file, sleep, 0, '5');
      editor.type(file, at, 2, '3');
      editor.type(file, editor.texts.get(file)!.indexOf('Sleep(150)') + 'Sleep(1'.length, 1, '');
      expect(editor.messagesOf(file).some((m) => m.fatal)).toBe(false);
    } finally {
      editor.dispose();
      ws.remove();
    }
  });

  it('at equal ranges, messages keep the order of a lint of the whole file: the walk\'s, then Program:exit\'s', () => {
    const meta: RuleModule['meta'] = { type: 'problem', docs: { description: 't', guideline: 't', url: 'file:///x', recommended: true }, messages: { m: '{{who}} saw {{n}}' }, schema: [] };
    // the same number reported from the walk and from Program:exit
    const walking: RuleModule = { meta, create: (context) => ({ number_literal: (node) => context.report({ node, messageId: 'm', data: { who: 'walk', n: node.text } }) }) };
    const atExit: RuleModule = {
      meta,
      create: (context) => ({
        'Program:exit'(root) {
          for (const node of root.descendantsOfType('number_literal')) if (node) context.report({ node, messageId: 'm', data: { who: 'exit', n: node.text } });
        },
      }),
    };
    // Program:exit listed first: a lint of the whole file still puts the walk's message first
    const rules = new Map<string, RuleModule>([...builtinRules, ['test-exit', atExit], ['test-walk', walking]]);
    const source = scenario(WORK);
    const ws = tempWorkspace({ 'coinstaller-lint.json': '{ "extends": "all", "rules": { "test-exit": "error", "test-walk": "error" } }\n', 'co.c': source });
    const editor = new Editor(world, ws, [ws.path('co.c')], rules);
    try {
      const file = ws.path('co.c');
      const at = source.indexOf('value = 3 + 4;') + 'value = '.length;
      editor.type(file, at, 0, '1');
      editor.type(file, at, 1, '');
      expect(editor.relints).toBe(2);
      const numbers = editor.messagesOf(file).filter((m) => m.ruleId === 'test-walk' || m.ruleId === 'test-exit');
      expect(numbers.length).toBeGreaterThan(4);
      for (let i = 0; i + 1 < numbers.length; i += 2) expect([numbers[i].ruleId, numbers[i + 1].ruleId]).toEqual(['test-walk', 'test-exit']);
    } finally {
      editor.dispose();
      ws.remove();
    }
  });

  it('a space typed between a non-ASCII letter and the flag splits one identifier in two', () => {
    const source = finishBranchModule(['    params.FlagsEx |= \u00e9DI_FLAGSEX_FINISHINSTALL_ACTION;']);
    editing({ 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf('\u00e9DI_') + 1;
      editor.type(file, at, 0, ' ');
      editor.type(file, at, 1, '');
    });
  });

  it('digits typed into an #if around the statement that sets the flag', () => {
    const source = finishBranchModule(['#if 1', '    params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;', '#endif']);
    editing({ 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf('#if 1') + '#if '.length;
      for (const [removed, digit] of [[1, '0'], [0, '0'], [0, '1'], [3, '0'], [1, '2'], [1, '1']] as const) editor.type(file, at, removed, digit);
    });
  });

  // relintedFunction and shiftedOverCommentEdit (engine/incremental/function-relint.ts,
  // comment-edit-shift.ts) check the new text's size against maxFileSize as the full lint does
  for (const [where, anchor] of [
    ['code (the one-function relint)', 'value = 3'],
    ['a comment (results moved over it)', '/* note'],
  ] as const) {
    it(`a keystroke in ${where} that takes the file over coinstallerLint.maxFileSize gives the notice a full lint gives`, () => {
      const source = scenario(WORK);
      const ws = tempWorkspace({ ...CONFIG, 'co.c': source });
      const file = ws.path('co.c');
      const { lint, dispose } = relintService(world, ws, builtinRules, Buffer.byteLength(source, 'utf8'));
      try {
        lint.open(file, source, 1);
        expect(lint.lint(file).notice).toBeUndefined();
        expect(lint.lint(file).messages.length).toBeGreaterThan(0);
        const at = source.indexOf(anchor) + anchor.length;
        lint.update(file, [{ range: [at, at], text: '1' }], 2);
        const over = lint.lint(file);
        expect(over.notice?.message ?? '').toMatch(/maxFileSize/);
        expect(over.messages).toEqual([]);
      } finally {
        dispose();
        ws.remove();
      }
    });
  }

  it('keystrokes no lint saw in between: in two functions, in one function, and undone', () => {
    const source = scenario(WORK);
    editing({ 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const work = () => editor.texts.get(file)!.indexOf('value = 3') + 'value = 3'.length;
      const sleep = () => editor.texts.get(file)!.indexOf('Sleep(10)') + 'Sleep(1'.length;
      editor.typeUnseen(file, work(), 0, '1');
      editor.typeUnseen(file, sleep(), 0, '2');
      editor.check('a digit in Work and one in the entry point');
      editor.typeUnseen(file, work(), 0, '5');
      editor.typeUnseen(file, work() - 3, 0, ' ');
      editor.typeUnseen(file, work(), 0, '\n');
      editor.check('three keystrokes in Work');
      const relints = editor.relints;
      editor.typeUnseen(file, work(), 0, '9');
      editor.typeUnseen(file, work(), 1, '');
      editor.check('a digit typed and deleted');
      // a keystroke in Work and one in the comment of Prompt's neighbour: one region over both
      editor.typeUnseen(file, work(), 0, '4');
      editor.typeUnseen(file, editor.texts.get(file)!.indexOf('/* note') + 3, 0, 'x');
      editor.check('a digit in code and a letter in a comment');
      expect(editor.relints, 'the keystrokes in Work alone were relinted').toBeGreaterThan(relints - 1);
    });
  });

  it('random blanks, line feeds, digits, slashes and stars in a module whose fixes read other functions', () => {
    const source = finishBranchModule([
      '    // note 1',
      '    params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION; /* 2 */',
      '    int v = 4 / *p * 3;',
      '#if 1',
      '    v += 10;',
      '#endif',
    ]).replace('    MessageBoxW(NULL, L"Hi", L"Vendor", MB_OK);', '    int n = 2 * 3;\n    // show it\n    MessageBoxW(NULL, L"Hi", L"Vendor", MB_OK); n = n / 2;');
    editing({ 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const random = seededRandom(Number(process.env.SEED ?? 3));
      const keys = Number(process.env.KEYS ?? 60);
      for (let k = 0; k < keys; k++) {
        const text = editor.texts.get(file)!;
        const spots = insideBodies(world.parser, text);
        if (spots.length === 0) break;
        const at = spots[randomInt(random, spots.length)];
        if (randomInt(random, 3) === 0) editor.type(file, at, 1, '');
        else editor.type(file, at, 0, pick(random, ['\n', ' ', '\t', '1', '0', '/', '*', '\n', ' ']));
      }
      expect(editor.relints).toBeGreaterThan(0);
    });
  });

  it('the example module with its INF, DEF and header open beside the C files', () => {
    const files: Record<string, string> = {};
    for (const name of ['coinstaller.c', 'contoso.h', 'contoso.def', 'contoso.inf', 'maintenance.c', 'settings.c', 'ui.c', 'updater.c']) files[name] = readFileSync(join(EXAMPLE, name), 'utf8');
    editing(files, ['coinstaller.c', 'contoso.inf', 'contoso.def', 'contoso.h', 'ui.c'], (editor, path) => {
      typeRandomly(editor, Number(process.env.SEED ?? 21), Number(process.env.KEYS ?? 40), ['1', '7', ' ', '\n', 'a', 'Sleep(1);']);
      expect(editor.checked).toBeGreaterThan(40);
    });
  });

  it('a line feed typed into a string turns the rest of the line, the flag included, into a string', () => {
    const source = finishBranchModule(['    const char *s = "x"; params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION; s = "y";']);
    editing({ 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf('"x"') + 1;
      editor.type(file, at, 0, '\n');
      editor.type(file, at, 1, '');
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
    editing({ 'co.c': source }, ['co.c'], (editor) => {
      typeRandomly(editor, Number(process.env.SEED ?? 31), Number(process.env.KEYS ?? 60), ['1', '7', ' ', '\n', 'a', 'x', 'OnRemove', 'g_handlers', ';', '}']);
      expect(editor.relints).toBeGreaterThan(0);
    });
  });

  it('the space of a character literal deleted before the statement that sets the flag', () => {
    const source = finishBranchModule(["    char c = ' '; params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION; c = 'x';"]);
    editing({ 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf("' '") + 1;
      editor.type(file, at, 1, '');
      editor.type(file, at, 0, ' ');
      editor.type(file, at, 0, '\t');
      // a digit in the character literal, then deleted
      editor.type(file, at, 2, '1');
      editor.type(file, at, 1, '');
    });
  });

  it('a space deleted between a backslash and a double quote escapes the quote: the string runs over the flag', () => {
    const source = finishBranchModule(['    const char *s = "a\\ "; params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION; s = "b";']);
    editing({ 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf('"a\\ "') + 3;
      editor.type(file, at, 1, '');
      editor.type(file, at, 0, ' ');
    });
  });

  it('a space deleted between / and * opens a comment over the statement that set the flag', () => {
    const source = finishBranchModule(['    int v = 4 / *p; params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION; /* x */ ;']);
    editing({ 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf('4 / *p') + '4 /'.length;
      editor.type(file, at, 1, '');
      editor.type(file, at, 0, ' ');
    });
  });
});

describe('isFixNeutralEdit and comment boundaries', () => {
  const neutral = (before: string, after: string) => isFixNeutralEdit(before, after, differingRegion(before, after));
  it('refuses a line feed on a line with a // comment, a directive or a backslash', () => {
    expect(neutral('f(); // a\ng();', 'f(); // a g();'), 'joined into the comment').toBe(false);
    expect(neutral('f(); // a g();', 'f(); // a\ng();'), 'split out of the comment').toBe(false);
    expect(neutral('#define A 1\nint b;', '#define A 1 int b;')).toBe(false);
    expect(neutral('#define A(x) x \\\n + 1', '#define A(x) x \\\n\n + 1')).toBe(false);
    expect(neutral('f();\ng();', 'f();\n\ng();'), 'plain code lines').toBe(true);
  });
  it('refuses blanks or digits that split or join /*, */ or //', () => {
    expect(neutral('x = 4 / *p;', 'x = 4 /*p;')).toBe(false);
    expect(neutral('x = 4 /*p;', 'x = 4 / *p;')).toBe(false);
    expect(neutral('x = 4 /1*p;', 'x = 4 /*p;')).toBe(false);
    expect(neutral('a / /b', 'a //b')).toBe(false);
    expect(neutral('a * /b', 'a */b')).toBe(false);
    expect(neutral('x = 4 / p;', 'x = 4 /  p;'), 'a division is no comment').toBe(true);
  });
  it('refuses blanks or digits next to a single quote', () => {
    expect(neutral("c = ' ';", "c = '';")).toBe(false);
    expect(neutral("c = '1';", "c = '';")).toBe(false);
    expect(neutral("c = '';", "c = '\t';")).toBe(false);
    expect(neutral('s = "a\\ ";', 's = "a\\";'), 'an escaped double quote').toBe(false);
    expect(neutral('s = "a" ;', 's = "a";'), 'next to a double quote').toBe(false);
    expect(neutral('s = "a b";', 's = "a  b";'), 'inside a string, away from its quotes').toBe(true);
  });
  it('reads non-ASCII characters and $ as parts of a word', () => {
    expect(neutral('x = \u00e9FLAG;', 'x = \u00e9 FLAG;')).toBe(false);
    expect(neutral('x = a$b;', 'x = a $b;')).toBe(false);
    expect(neutral('x = \u00e9;', 'x = \u00e91;')).toBe(false);
    expect(neutral('x = 1; /* \u00e9 */', 'x = 12; /* \u00e9 */')).toBe(true);
  });
});
