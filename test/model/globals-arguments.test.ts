/**
 * The model's read or write of a global handed to a call: by the direction of the parameter, from
 * the module's own declarations (any file of the module, a header included) and the Windows API
 * table. C and C++, LF and CRLF.
 */
import { describe, expect, it } from 'vitest';
import { build, ROOT, useParser } from './model-harness.js';

const parser = useParser();

const SOURCE = [
  'static DWORD g_Mode;', // 0
  'static WCHAR g_Name[32];',
  'static HANDLE g_Handle;',
  'static struct { DWORD a; } g_Pair;',
  'void Fill(DWORD *out);',
  'void Read(const DWORD *in);',
  'void Take(_In_ DWORD *in);',
  'void Give(IN OUT WCHAR *text);',
  'void Use(DWORD *unknown);',
  'void f(HKEY k)',
  '{',
  '    Fill(&g_Mode);', // write: nothing says it only reads
  '    Read(&g_Mode);', // read: const pointee
  '    Take((DWORD *)&g_Mode);', // read: _In_
  '    RegSetValueExW(k, L"m", 0, REG_DWORD, (const BYTE *)&g_Mode, 4);', // read: the API table
  '    RegQueryValueExW(k, L"m", NULL, NULL, (PBYTE) & g_Mode, NULL);', // write: the table, and a cast read as an and
  '    Give(g_Name);', // write: IN OUT, an array
  '    Use(g_Name);', // read: nothing known, passed itself
  '    lstrcpyW(g_Name, L"x");', // write: the table
  '    lstrcmpW(g_Name, L"x");', // read: the table
  '    Give((WCHAR *)g_Handle);', // read: not an array (writes what it points to)
  '    ZeroMemory(&g_Pair.a, 4);', // write: part of g_Pair
  '    ::Read(&g_Mode);', // read: the last name of a qualified callee
  '}',
  '',
].join('\n');

describe.each([
  ['C, LF', 'a.c', (t: string) => t],
  ['C++, CRLF', 'a.cpp', (t: string) => t.replace(/\n/g, '\r\n')],
] as const)('accesses through calls (%s)', (_name, file, eol) => {
  it('reads and writes by the parameter handed to', () => {
    const text = eol(file === 'a.c' ? SOURCE.replace('    ::Read(&g_Mode);\n', '').replace('    ::Read(&g_Mode);\r\n', '') : SOURCE);
    const b = build(parser(), { [file]: text });
    const kinds = (global: string) => {
      const g = b.model.globalAt(ROOT + file, b.at(file, global))!;
      return b.model.accessesOf(g).map((a) => `${text.slice(a.range[0], a.range[1])}:${a.kind}`);
    };
    expect(kinds('g_Mode')).toEqual([
      'g_Mode:write',
      'g_Mode:read',
      'g_Mode:read',
      'g_Mode:read',
      'g_Mode:write',
      ...(file === 'a.c' ? [] : ['g_Mode:read']),
    ]);
    expect(kinds('g_Name')).toEqual(['g_Name:write', 'g_Name:read', 'g_Name:write', 'g_Name:read']);
    expect(kinds('g_Handle')).toEqual(['g_Handle:read']);
    expect(kinds('g_Pair')).toEqual(['g_Pair:write']);
  });

  it('a prototype in another file of the module decides; a declaration that writes wins over one that reads', () => {
    const b = build(parser(), {
      'contoso.h': eol('void Store(_In_ const DWORD *value);\nvoid Keep(_In_ DWORD *value);\n'),
      'more.h': eol('void Keep(_Inout_ DWORD *value);\n'),
      [file]: eol('static DWORD g_Mode;\nvoid f(void)\n{\n    Store(&g_Mode);\n    Keep(&g_Mode);\n}\n'),
    });
    const g = b.model.globalAt(ROOT + file, b.at(file, 'g_Mode'))!;
    expect(b.model.accessesOf(g).map((a) => a.kind)).toEqual(['read', 'write']);
  });
});
