/**
 * no-state-in-dll on C++ state (docs/rules/no-state-in-dll.md, "C++"): static data members
 * written by their qualified name or from a method, function statics of methods and lambdas,
 * objects a singleton accessor returns (written through, or by a method of the module that writes
 * a member), and objects at namespace scope. Windows unloads the DLL after each DIF code
 * (installer-guidelines: "Saving device installation state"), so each of these loses its value.
 *
 * C++ only: C has no classes, references or methods. The C analogues, file-scope variables and
 * function statics written under a DIF code, are tested in no-state-in-dll.test.ts and
 * no-state-in-dll-shapes.test.ts. Every case runs with LF and CRLF line ends.
 */
import { describe } from 'vitest';
import rule from '../../rules/no-state-in-dll.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester, type ExpectedError, type InvalidCase, type ValidCase } from '../support/rule-tester.js';

const asModule: RuleModule = rule;
const tester = new RuleTester({ serviceProviders: [installerModelProvider] });

/** Lines 1-40: the classes, their statics and a singleton; the entry point's body line is line 44. */
const HEAD = [
  '#include <windows.h>', //                                                         1
  '#include <setupapi.h>',
  '#include <string>',
  '',
  'class ContosoState {', //                                                          5
  'public:',
  '    static DWORD s_Installs;',
  '    static std::wstring s_LastId;',
  '    static const DWORD s_Limit;',
  '    static constexpr DWORD s_Max = 3;', //                                        10
  '    void Bump();',
  '};',
  'DWORD ContosoState::s_Installs = 0;',
  'std::wstring ContosoState::s_LastId;',
  'const DWORD ContosoState::s_Limit = 4;', //                                       15
  'void ContosoState::Bump() { s_Installs++; }',
  '',
  'class Settings {',
  'public:',
  '    static Settings& Instance();', //                                             20
  '    static Settings* Shared();',
  '    int Mode() const { return mode; }',
  '    void SetMode(int m) { mode = m; }',
  '    void SetLevel(int l) { this->level = l; }',
  '    int mode;', //                                                                25
  '    int level;',
  '};',
  'Settings& Settings::Instance() { static Settings s; return s; }',
  'Settings* Settings::Shared() { static Settings *p = new Settings; return p; }',
  'namespace contoso { Settings g_settings; }', //                                   30
  '',
  'class Cache {',
  'public:',
  '    void Remember();',
  '    void Later();', //                                                            35
  '};',
  'void Cache::Remember() { static int calls; calls++; }',
  'void Cache::Later() { auto keep = [] { static int seen; seen = 1; }; keep(); }',
  '',
  'DWORD CALLBACK ContosoCoInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)', // 40
  '{',
  '    HKEY key = NULL; DWORD size = 4;',
  '    if (Fn == DIF_INSTALLDEVICE) {',
];
const TAIL = ['    }', '    return NO_ERROR;', '}', ''];
const BODY_LINE = HEAD.length + 1;

/** The entry point with `body` as line 44, under DIF_INSTALLDEVICE. */
const module = (body: string) => [...HEAD, body, ...TAIL];

/** 1-based column of the `nth` occurrence of `needle` in `line` (counted in the fixture, by hand-written needle). */
const columnOf = (line: string, needle: string, nth = 0) => {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = line.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not in ${line}`);
  return at + 1;
};

const CHAIN = ['ContosoCoInstaller handles DIF_INSTALLDEVICE'];
const context = { entryPoint: 'ContosoCoInstaller', difCode: 'DIF_INSTALLDEVICE' };

/** A write of `variable` reported at its `nth` occurrence in line `line` (text `lineText`); `related`: the chain, undefined not to check it. */
const written = (variable: string, scope: string, line: number, lineText: string, nth = 0, related: string[] | null = CHAIN): ExpectedError => {
  const column = columnOf(lineText, variable, nth);
  return { messageId: 'write', data: { variable, scope, ...context }, line, column, endLine: line, endColumn: column + variable.length, ...(related ? { related } : {}) };
};

/** A write through the object `accessor()` returns, reported at the accessor's name. */
const throughSingleton = (accessor: string, variable: string, body: string, method?: string): ExpectedError => {
  const name = accessor.slice(accessor.lastIndexOf(':') + 1);
  const column = columnOf(body, name);
  return {
    messageId: method ? 'singletonMethod' : 'singletonWrite',
    data: { accessor, variable, scope: 'static variable', ...context, ...(method ? { method } : {}) },
    line: BODY_LINE,
    column,
    endLine: BODY_LINE,
    endColumn: column + name.length,
    related: CHAIN,
  };
};

function cases(eol: string): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const tag = eol === '\n' ? 'LF' : 'CRLF';
  const text = (lines: string[]) => lines.join(eol);
  const filename = 'installer.cpp';
  const valid: ValidCase[] = [
    ['a const static member and a constexpr one, read', '        DWORD n = ContosoState::s_Limit + ContosoState::s_Max;'],
    ['a static member only read', '        DWORD n = ContosoState::s_Installs; size = n;'],
    ['a local object written, and a method that writes a member called on it', '        Settings local; local.mode = 1; local.SetMode(2);'],
    ['members of an object on the heap, through a local pointer', '        Settings *heap = new Settings; heap->mode = 3; delete heap;'],
    ['a singleton only read, by a member and by a const method', '        int m = Settings::Instance().mode + Settings::Instance().Mode();'],
    ['a method that writes no member called on a singleton', '        int m = Settings::Shared()->Mode();'],
    ['a const local static', '        static const int kSteps = 3; size = kSteps;'],
    ['a const method called on an object at namespace scope', '        size = contoso::g_settings.Mode();'],
    ['a static member whose address goes to a parameter that only reads', '        RegSetValueExW(key, L"n", 0, REG_DWORD, (const BYTE *)&ContosoState::s_Installs, sizeof(DWORD));'],
  ].map(([name, body]) => ({ name: `${tag}: ${name}`, code: text(module(body)), filename }));
  valid.push({
    name: `${tag}: statics and a singleton written from DllMain only`,
    code: text([
      ...HEAD.slice(0, 39),
      'BOOL WINAPI DllMain(HINSTANCE Instance, DWORD Reason, LPVOID Reserved)',
      '{',
      '    ContosoState::s_Installs = 0;',
      '    Settings::Instance().mode = 0;',
      '    contoso::g_settings.SetMode(0);',
      '    return TRUE;',
      '}',
      '',
    ]),
    filename,
  });

  const invalid: InvalidCase[] = [];
  const add = (name: string, body: string, errors: ExpectedError[]) => invalid.push({ name: `${tag}: ${name}`, code: text(module(body)), filename, errors });
  {
    const body = '        ContosoState::s_Installs++;';
    add('a static member incremented by its qualified name', body, [written('s_Installs', 'static data member', BODY_LINE, body)]);
  }
  {
    const body = '        ContosoState::s_LastId = L"CONTOSO\\\\0001";';
    add('a std::wstring static member assigned', body, [written('s_LastId', 'static data member', BODY_LINE, body)]);
  }
  {
    const body = '        (ContosoState::s_Installs) += 2;';
    add('a parenthesized qualified name', body, [written('s_Installs', 'static data member', BODY_LINE, body)]);
  }
  {
    const body = '        ContosoState state; state.Bump();';
    add('a method writing a static member by its plain name', body, [written('s_Installs', 'static data member', 16, HEAD[15], 0, [...CHAIN, 'calls Bump()'])]);
  }
  {
    const body = '        RegQueryValueExW(key, L"n", NULL, NULL, (LPBYTE)&ContosoState::s_Installs, &size);';
    const column = columnOf(body, 's_Installs');
    add('a static member whose address goes to an output parameter', body, [
      {
        messageId: 'addressPassed',
        data: { variable: 's_Installs', callee: 'RegQueryValueExW', scope: 'static data member', ...context },
        line: BODY_LINE,
        column,
        endColumn: column + 's_Installs'.length,
      },
    ]);
  }
  {
    const body = '        Cache cache; cache.Remember();';
    add('a function static of a method', body, [written('calls', 'static variable', 37, HEAD[36], 1, [...CHAIN, 'calls Remember()'])]);
  }
  {
    const body = '        Cache cache; cache.Later();';
    add('a function static of a lambda in a method', body, [written('seen', 'static variable', 38, HEAD[37], 1, null)]);
  }
  {
    const body = '        Settings::Instance().mode = 2;';
    add('a member of the singleton a reference accessor returns', body, [throughSingleton('Settings::Instance', 's in Settings::Instance()', body)]);
  }
  {
    const body = '        Settings::Instance().SetMode(2);';
    add('a method of the singleton that writes a member by its name', body, [throughSingleton('Settings::Instance', 's in Settings::Instance()', body, 'SetMode')]);
  }
  {
    const body = '        Settings::Instance().SetLevel(2);';
    add('a method of the singleton that writes a member through this', body, [throughSingleton('Settings::Instance', 's in Settings::Instance()', body, 'SetLevel')]);
  }
  {
    const body = '        Settings::Shared()->mode = 3;';
    add('a member of the singleton a pointer accessor returns', body, [throughSingleton('Settings::Shared', 'p in Settings::Shared()', body)]);
  }
  {
    const body = '        contoso::g_settings.mode = 1;';
    add('a member of an object at namespace scope', body, [written('g_settings', 'file-scope variable', BODY_LINE, body)]);
  }
  const byMethod = (variable: string, scope: string, method: string, body: string): ExpectedError => {
    const column = columnOf(body, variable, 1);
    return { messageId: 'method', data: { variable, scope, method, ...context }, line: BODY_LINE, column, endColumn: column + variable.length, related: CHAIN };
  };
  {
    const body = '        contoso::g_settings.SetMode(1); contoso::g_settings.SetLevel(2);';
    add('methods that write a member, called on an object at namespace scope', body, [
      { ...byMethod('g_settings', 'file-scope variable', 'SetMode', body), column: columnOf(body, 'g_settings'), endColumn: columnOf(body, 'g_settings') + 10 },
      byMethod('g_settings', 'file-scope variable', 'SetLevel', body),
    ]);
  }
  {
    const body = '        static Settings s_local; s_local.SetMode(3);';
    add('a method that writes a member, called on a function static', body, [byMethod('s_local', 'static variable', 'SetMode', body)]);
  }
  return { valid, invalid };
}

describe('no-state-in-dll: C++ state (installer model)', () => {
  for (const eol of ['\n', '\r\n']) {
    tester.run('no-state-in-dll', asModule, cases(eol));
  }
});
