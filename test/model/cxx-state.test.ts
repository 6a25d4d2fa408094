/**
 * C++ state in the model's globals (docs/architecture.md, Globals): a static data member is a
 * global named by its last name, with its class, read and written by its qualified name or from a
 * method; a singleton accessor (a reference or pointer result that returns a function static or a
 * global) makes each of its calls an access of that variable, a write when the result is written
 * through or a method of the module that writes a member is called on it. A function returning a
 * reference is a function of the module (`Settings& Instance()`). C++ only: the C analogues,
 * file-scope variables and function statics, are tested in globals.test.ts and
 * globals-arguments.test.ts. Every case runs with LF and CRLF line ends.
 */
import { describe, expect, it } from 'vitest';
import { build, ROOT, useParser } from './model-harness.js';

const parser = useParser();

const CODE = [
  'class ContosoState {',
  'public:',
  '    static DWORD s_Installs;',
  '    void Bump();',
  '};',
  'DWORD ContosoState::s_Installs = 0;',
  'namespace contoso { DWORD g_plain = 0; }',
  'void ContosoState::Bump() { s_Installs++; }',
  'class Settings {',
  'public:',
  '    static Settings& Instance();',
  '    int Mode() const { return mode; }',
  '    void SetMode(int m) { mode = m; }',
  '    void Touch() { this->level++; }',
  '    int mode;',
  '    int level;',
  '};',
  'Settings& Settings::Instance() { static Settings s; return s; }',
  'static Settings *s_instance;',
  'Settings* Current() { return s_instance; }',
  'Settings ByValue() { static Settings copy; return copy; }',
  'Settings g_obj;',
  'void Use()',
  '{',
  '    ContosoState::s_Installs = 2;',
  '    DWORD n = ContosoState::s_Installs;',
  '    contoso::g_plain = n;',
  '    Settings::Instance().mode = 1;',
  '    Settings::Instance().SetMode(2);',
  '    Settings::Instance().Touch();',
  '    n = Settings::Instance().Mode();',
  '    n = Settings::Instance().mode;',
  '    Current()->mode = 3;',
  '    ByValue().mode = 4;',
  '    g_obj.SetMode(5);',
  '    n = g_obj.Mode();',
  '    (g_obj).Touch();',
  '}',
  '',
];

describe.each([
  ['LF', '\n'],
  ['CRLF', '\r\n'],
])('C++ state in the globals (%s)', (_, eol) => {
  const files = { 'state.cpp': CODE.join(eol) };
  const file = ROOT + 'state.cpp';

  it('a static data member: its class, its writes by qualified name and from a method, its reads', () => {
    const b = build(parser(), files);
    const g = b.model.globalAt(file, b.at('state.cpp', 's_Installs = 0'))!;
    expect(g).toMatchObject({ name: 's_Installs', scope: 'file', isConst: false, className: 'ContosoState' });
    expect(b.model.accessesOf(g).map((a) => `${a.kind}@${a.range[0]}`)).toEqual([
      `write@${b.at('state.cpp', 's_Installs++')}`,
      `write@${b.at('state.cpp', 's_Installs = 2')}`,
      `read@${b.at('state.cpp', 's_Installs;', 1)}`,
    ]);
  });

  it('a variable in a namespace, written by its qualified name, has no class', () => {
    const b = build(parser(), files);
    const g = b.model.globalAt(file, b.at('state.cpp', 'g_plain = 0'))!;
    expect(g.className).toBeUndefined();
    expect(b.model.accessesOf(g).map((a) => a.kind)).toEqual(['write']);
  });

  it('calls of a reference accessor are accesses of its static: writes through it or by a method that writes a member', () => {
    const b = build(parser(), files);
    const s = b.model.globalAt(file, b.at('state.cpp', 's; return'))!;
    expect(s).toMatchObject({ name: 's', scope: 'static-local', functionName: 'Settings::Instance' });
    const at = (nth: number) => b.at('state.cpp', 'Instance()', nth);
    // occurrence 0 is the declaration in the class, 1 the definition
    expect(b.model.accessesOf(s).filter((a) => a.range[0] > b.at('state.cpp', 'void Use()')).map((a) => `${a.kind}@${a.range[0]}`)).toEqual([
      `write@${at(2)}`, // .mode = 1
      `write@${at(3)}`, // .SetMode(2): mode = m
      `write@${at(4)}`, // .Touch(): this->level++
      `read@${at(5)}`, // .Mode() const: reads
      `read@${at(6)}`, // .mode read
    ]);
    expect(b.model.globalAt(file, at(2))).toBe(s);
  });

  it('a pointer accessor of a file-scope pointer; a function returning a copy is no accessor', () => {
    const b = build(parser(), files);
    const p = b.model.globalAt(file, b.at('state.cpp', 's_instance;'))!;
    expect(b.model.accessesOf(p).map((a) => `${a.kind}@${a.range[0]}`)).toEqual([
      `read@${b.at('state.cpp', 's_instance; }')}`,
      `write@${b.at('state.cpp', 'Current()->')}`,
    ]);
    expect(b.model.globalAt(file, b.at('state.cpp', 'ByValue().mode'))).toBeUndefined();
  });

  it('a method of the module called on a global object writes it when it writes a member', () => {
    const b = build(parser(), files);
    const g = b.model.globalAt(file, b.at('state.cpp', 'g_obj;'))!;
    expect(b.model.accessesOf(g).map((a) => `${a.kind}@${a.range[0]}`)).toEqual([
      `write@${b.at('state.cpp', 'g_obj.SetMode')}`,
      `read@${b.at('state.cpp', 'g_obj.Mode')}`,
      `write@${b.at('state.cpp', 'g_obj).Touch')}`,
    ]);
  });

  it('a function whose result is a reference is a function of the module', () => {
    const b = build(parser(), files);
    // its static is a function static, not a file-scope variable
    expect(b.model.globalAt(file, b.at('state.cpp', 's; return'))).toMatchObject({ scope: 'static-local', functionName: 'Settings::Instance' });
    expect(b.model.accessesOf(b.model.globalAt(file, b.at('state.cpp', 's; return'))!).map((a) => `${a.kind}@${a.range[0]}`)).toContain(`read@${b.at('state.cpp', 's; }')}`);
  });
});
