/**
 * effectsOf: what a function or a macro of the module calls and whether it writes anything but
 * its own locals (engine/model/module-effects.ts), read from the summaries of every file.
 */
import { describe, expect, it } from 'vitest';
import { build, ROOT, useParser } from './model-harness.js';

const parser = useParser();

const TRACE_C = [
  '#include <windows.h>',
  'static int g_count;',
  'static char g_last[64];',
  '#if DBG',
  '#define CTRACE(s) OutputDebugStringA(s)',
  '#else',
  '#define CTRACE(s)',
  '#endif',
  '#if !DBG',
  '#define RTRACE(s)',
  '#else',
  '#define RTRACE(s) Emit(s)',
  '#endif',
  '#define CLEAR(c) ((c)->PrivateData = NULL)',
  '#define BUMP() (++g_count)',
  '#define SAME(a, b) ((a) == (b) || (a) <= (b))',
  '#define NOTE CTRACE',
  'void Emit(const char *s) { char buf[64]; lstrcpynA(buf, s, 64); OutputDebugStringA(buf); }',
  'void Count(void) { g_count++; }',
  'void Fill(PCOINSTALLER_CONTEXT_DATA c) { c->PrivateData = NULL; }',
  'void Store(int *p) { *p = 1; }',
  'void Slot(int *p) { p[2] += 1; }',
  'void Format(char *out, int n) { wsprintfA(out, "%d", n); }',
  'void FormatGlobal(int n) { wsprintfA(g_last, "%d", n); }',
  'void FormatLocal(int n) { char b[16]; wsprintfA(b, "%d", n); OutputDebugStringA(b); }',
  'void Keep(char *p) { p = NULL; CTRACE("k"); }',
  'void Remember(void) { static int calls; calls++; }',
  '',
].join('\n');

const OTHER_CPP = [
  'static void Hidden(void) { OutputDebugStringW(L"x"); }',
  'void Reset(int &n) { n = 0; }',
  'void ResetCopy(int n) { n = 0; }',
  'struct Tracer { static void Note(const wchar_t *s) { ::OutputDebugStringW(s); } };',
  '',
].join('\n');

describe('effectsOf', () => {
  const b = () => build(parser(), { 'trace.c': TRACE_C, 'other.cpp': OTHER_CPP });
  const fx = (name: string, file = 'trace.c') => {
    const e = b().model.effectsOf(name, ROOT + file);
    return e && { kind: e.kind, calls: [...e.calls], writes: e.writes };
  };

  it('a macro: the calls of every definition, empty ones included; no write', () => {
    expect(fx('CTRACE')).toEqual({ kind: 'macro', calls: ['OutputDebugStringA'], writes: false });
    // the release definition comes first: the debug one still counts
    expect(fx('RTRACE')).toEqual({ kind: 'macro', calls: ['Emit'], writes: false });
    expect(fx('NOTE')).toEqual({ kind: 'macro', calls: ['OutputDebugStringA'], writes: false });
  });

  it('a macro that assigns writes; comparisons are not assignments', () => {
    expect(fx('CLEAR')).toEqual({ kind: 'macro', calls: [], writes: true });
    expect(fx('BUMP')).toEqual({ kind: 'macro', calls: [], writes: true });
    expect(fx('SAME')).toEqual({ kind: 'macro', calls: [], writes: false });
  });

  it('a function that writes only its locals and its parameters themselves', () => {
    expect(fx('Emit')).toEqual({ kind: 'function', calls: ['lstrcpynA', 'OutputDebugStringA'], writes: false });
    expect(fx('FormatLocal')).toEqual({ kind: 'function', calls: ['wsprintfA', 'OutputDebugStringA'], writes: false });
    expect(fx('Keep')).toEqual({ kind: 'function', calls: ['CTRACE'], writes: false });
    expect(fx('ResetCopy', 'other.cpp')).toEqual({ kind: 'function', calls: [], writes: false });
  });

  it('a function that writes a global, a static, or through a parameter', () => {
    for (const name of ['Count', 'Fill', 'Store', 'Slot', 'Format', 'FormatGlobal', 'Remember']) {
      expect(fx(name)?.writes, name).toBe(true);
    }
    expect(fx('Reset', 'other.cpp')?.writes, 'a C++ reference parameter').toBe(true);
  });

  it('a static function is known in its own file only; C++ members by their own name', () => {
    expect(fx('Hidden')).toBeUndefined();
    expect(fx('Hidden', 'other.cpp')).toEqual({ kind: 'function', calls: ['OutputDebugStringW'], writes: false });
    expect(fx('Note', 'other.cpp')).toEqual({ kind: 'function', calls: ['OutputDebugStringW'], writes: false });
  });

  it('names the module does not define', () => {
    expect(fx('OutputDebugStringA')).toBeUndefined();
    expect(fx('g_count')).toBeUndefined();
  });
});
