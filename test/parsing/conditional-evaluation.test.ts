/**
 * The evaluation of #if / #ifdef / #ifndef / #elif / #else with a configuration's defines
 * (engine/parsing/conditional-evaluation.ts, conditional-expression.ts, configuration-conditions.ts):
 * which branch bodies are dead, written by hand from the C preprocessor's rules. A condition that
 * cannot be evaluated keeps its branches live. LF and CRLF.
 */
import { describe, expect, it } from 'vitest';
import { blankRanges, inactiveRanges, type PreprocessorConditions } from '../../engine/parsing/conditional-evaluation.js';
import { evaluateCondition, type MacroState } from '../../engine/parsing/conditional-expression.js';
import { preprocessorConditions } from '../../engine/parsing/configuration-conditions.js';

const lookupOf =
  (defined: Record<string, string | null>, unknown: string[] = []) =>
  (name: string): MacroState =>
    name in defined ? (defined[name] === null ? 'defined' : { body: defined[name] }) : unknown.includes(name) ? 'unknown' : 'undefined';

describe('evaluateCondition', () => {
  const look = lookupOf({ LEVEL: '3', TWICE: 'LEVEL * 2', SUM: '1 + 2', EMPTY: '', FN: null }, ['MAYBE']);
  it.each([
    ['defined(LEVEL)', true],
    ['defined LEVEL', true],
    ['!defined(NOPE)', true],
    ['defined(NOPE) || LEVEL == 3', true],
    ['LEVEL > 2 && LEVEL < 4', true],
    ['TWICE == 6', true],
    ['SUM * 2 == 5', true], // expanded as text: 1 + 2 * 2
    ['(0x10 | 1) == 17 && 010 == 8 && 0b11 == 3', true],
    ['-1 < 0 && ~0 == -1 && 7 % 4 == 3 && 1 << 4 == 16 && 256 >> 4 == 16', true],
    ['LEVEL >= 4', false],
    ['10UL / 3 == 3 ? 0 : 1', false],
    ['0 && MAYBE > 3', false],
    ['1 || MAYBE > 3', true],
    ['FALSE', false],
    ['TRUE && LEVEL', true],
    ['NOPE > 3 || NOPE == 0', true], // a name known not to be defined is 0
  ])('%s is %s', (text, expected) => {
    expect(evaluateCondition(text, look)).toBe(expected);
  });
  it.each([
    ['MAYBE > 3'], // a macro whose definition is not known
    ['defined(MAYBE)'],
    ['FN(2) > 1'], // a function-like macro
    ['FN'],
    ['__has_include(<windows.h>)'],
    ["'a' == 97"],
    ['LEVEL / 0'],
    ['EMPTY'],
    ['LEVEL >'],
    ['MAYBE ? 1 : 0'],
    ['1 && MAYBE'],
  ])('%s is unknown', (text) => {
    expect(evaluateCondition(text, look)).toBeUndefined();
  });
  it('a macro that names itself stops', () => {
    expect(evaluateCondition('LOOP', lookupOf({ LOOP: 'LOOP + 1' }))).toBeUndefined();
  });
});

/** The conditions of a .c file built with these defines for the x64 platform. */
const x64 = (...defines: string[]): PreprocessorConditions => preprocessorConditions({ filePath: 'C:/src/contoso.c', configuration: 'Release|x64', defines })!;

/** The dead bodies of `lines` (joined with `eol`), each as the text it holds, trimmed. */
function deadBodies(lines: string[], conditions: PreprocessorConditions, eol = '\n'): string[] {
  const text = lines.join(eol);
  return inactiveRanges(text, conditions).map(([s, e]) => text.slice(s, e).trim());
}

for (const eol of ['\n', '\r\n']) {
  describe(`inactive branches (${eol === '\n' ? 'LF' : 'CRLF'})`, () => {
    it('#ifdef of a name the configuration does not define: the body is dead, the #else live', () => {
      const lines = ['#ifdef CONTOSO_VERBOSE', 'verbose();', '#else', 'quiet();', '#endif'];
      expect(deadBodies(lines, x64(), eol)).toEqual(['verbose();']);
      expect(deadBodies(lines, x64('CONTOSO_VERBOSE'), eol)).toEqual(['quiet();']);
    });
    it('#ifndef, #elif chains, and a taken branch ends the group', () => {
      const lines = ['#ifndef CONTOSO_LEVEL', 'none();', '#elif CONTOSO_LEVEL > 2', 'high();', '#elif CONTOSO_LEVEL > 0', 'low();', '#else', 'zero();', '#endif'];
      expect(deadBodies(lines, x64('CONTOSO_LEVEL=3'), eol)).toEqual(['none();', 'low();', 'zero();']);
      expect(deadBodies(lines, x64('CONTOSO_LEVEL=1'), eol)).toEqual(['none();', 'high();', 'zero();']);
      expect(deadBodies(lines, x64(), eol)).toEqual(['high();', 'low();', 'zero();']);
    });
    it('an unknown condition keeps its branch and the later ones live; a later false one is still dead', () => {
      const lines = ['#if WINVER >= 0x0600', 'vista();', '#elif 0', 'never();', '#else', 'older();', '#endif'];
      expect(deadBodies(lines, x64(), eol)).toEqual(['never();']);
    });
    it('nested groups: a dead outer body holds the inner directives', () => {
      const lines = ['#ifdef CONTOSO_UI', '#if 1', 'ui();', '#endif', '#else', '#ifdef CONTOSO_LOG', 'log();', '#else', 'nolog();', '#endif', '#endif'];
      expect(deadBodies(lines, x64('CONTOSO_LOG'), eol)).toEqual([`#if 1${eol}ui();${eol}#endif`, 'nolog();']);
    });
    it('the platform: _WIN64 and _M_X64 for x64, _M_IX86 for Win32; _WIN32 for both', () => {
      const lines = ['#if defined(_WIN64) && _M_X64 == 100', 'sixtyfour();', '#elif defined(_M_IX86)', 'thirtytwo();', '#endif', '#ifndef _WIN32', 'notwindows();', '#endif'];
      expect(deadBodies(lines, x64(), eol)).toEqual(['thirtytwo();', 'notwindows();']);
      const win32 = preprocessorConditions({ filePath: 'C:/src/contoso.c', configuration: 'Debug|Win32', defines: [] })!;
      expect(deadBodies(lines, win32, eol)).toEqual(['sixtyfour();', 'notwindows();']);
      const anyPlatform = preprocessorConditions({ filePath: 'C:/src/contoso.c', defines: [] })!;
      expect(deadBodies(lines, anyPlatform, eol)).toEqual(['notwindows();']);
    });
    it('the file\'s own #define and #undef count from where they are, in live code only', () => {
      const lines = [
        '#ifndef CONTOSO_H', // an include guard: the file defines it after
        '#define CONTOSO_H',
        '#define CONTOSO_RETRIES 2',
        '#endif',
        '#if CONTOSO_RETRIES > 1',
        'retry();',
        '#endif',
        '#ifdef CONTOSO_DEBUGGING',
        '#define CONTOSO_TRACE 1',
        '#endif',
        '#ifdef CONTOSO_TRACE',
        'trace();',
        '#endif',
        '#undef CONTOSO_RETRIES',
        '#ifdef CONTOSO_RETRIES',
        'still();',
        '#endif',
      ];
      expect(deadBodies(lines, x64(), eol)).toEqual(['#define CONTOSO_TRACE 1', 'trace();', 'still();']);
    });
    it('a #define in a branch that may not be taken leaves the name unknown', () => {
      const lines = ['#if WINVER > 0x0501', '#define CONTOSO_NEW 1', '#endif', '#ifdef CONTOSO_NEW', 'newer();', '#endif'];
      expect(deadBodies(lines, x64(), eol)).toEqual([]);
    });
    it('names the build or the Windows headers may define are unknown unless the build defines them', () => {
      const lines = ['#ifdef _DEBUG', 'debug();', '#endif', '#if DBG', 'checked();', '#endif', '#ifdef DIF_FINISHINSTALL_ACTION', 'finish();', '#endif', '#ifdef UNICODE', 'wide();', '#endif'];
      expect(deadBodies(lines, x64(), eol)).toEqual([]);
      expect(deadBodies(lines, x64('DBG=0'), eol)).toEqual(['checked();']);
    });
    it('a name another file of the module #defines is unknown; one only this file defines is read in order', () => {
      const lines = ['#ifdef CONTOSO_SHARED', 'shared();', '#endif', '#ifdef CONTOSO_MINE', 'mine();', '#endif', '#define CONTOSO_MINE'];
      const conditions = preprocessorConditions({
        filePath: 'C:/src/contoso.c',
        defines: [],
        moduleMacroNames: new Map([
          ['CONTOSO_SHARED', 1],
          ['CONTOSO_MINE', 1],
        ]),
        ownMacroNames: new Set(['CONTOSO_MINE']),
      })!;
      expect(deadBodies(lines, conditions, eol)).toEqual(['mine();']);
    });
    it('__cplusplus: undefined in a .c file, defined in a .cpp file, unknown in a header', () => {
      const lines = ['#ifdef __cplusplus', 'extern "C" {', '#endif'];
      const of = (filePath: string) => preprocessorConditions({ filePath, defines: [] })!;
      expect(deadBodies(lines, of('a.c'), eol)).toEqual(['extern "C" {']);
      expect(deadBodies(lines, of('a.cpp'), eol)).toEqual([]);
      expect(deadBodies(lines, of('a.h'), eol)).toEqual([]);
    });
    it('directives in comments and strings are not directives; comments on directive lines are ignored', () => {
      const lines = ['/*', '#ifdef CONTOSO_NONE', '*/', 'const char *s = "\\', '#if 0";', '#if 0 /* off */ // really', 'off();', '#endif // 0'];
      expect(deadBodies(lines, x64(), eol)).toEqual(['off();']);
    });
    it('blanking keeps offsets, line ends and directive lines', () => {
      const call = '  MessageBoxW(NULL, L"x", L"y", MB_OK);';
      const text = ['#ifdef CONTOSO_VERBOSE', call, '#endif', 'done();'].join(eol);
      const blanked = blankRanges(text, inactiveRanges(text, x64()));
      expect(blanked.length).toBe(text.length);
      expect(blanked.split(eol)).toEqual(['#ifdef CONTOSO_VERBOSE', ' '.repeat(call.length), '#endif', 'done();']);
    });
  });
}

describe('preprocessorConditions', () => {
  it('nothing to evaluate without a build configuration and without settings.defines', () => {
    expect(preprocessorConditions({ filePath: 'a.c' })).toBeUndefined();
    expect(preprocessorConditions({ filePath: 'a.c', configuration: 'Release|x64' })).toBeUndefined();
  });
  it('reads a build configuration: NAME, NAME=VALUE, the runtime; an entry it could not expand defines a value not known', () => {
    const item = (value: string, unresolved?: boolean) => ({ value, file: 'C:/src/contoso.vcxproj', range: [0, 0] as [number, number], unresolved });
    const c = preprocessorConditions({
      filePath: 'C:/src/contoso.c',
      configuration: 'Release|x64',
      build: { name: 'Release|x64', sources: [], headers: [], includeDirs: [], libraries: [], delayLoad: [], defines: [item('CONTOSO_VERBOSE'), item('CONTOSO_LEVEL=2'), item('CONTOSO_PATH=$(OutDir)', true)], runtime: 'static' },
    })!;
    expect(c.defined.get('CONTOSO_VERBOSE')).toEqual({ body: '1' });
    expect(c.defined.get('CONTOSO_LEVEL')).toEqual({ body: '2' });
    expect(c.defined.get('CONTOSO_PATH')).toBe('defined');
    expect(c.defined.get('_WIN64')).toEqual({ body: '1' });
    expect(c.mayBeDefined('_DLL')).toBe(false); // /MT
    expect(c.mayBeDefined('_DEBUG')).toBe(true);
  });
  it('keys differ when the defines differ', () => {
    expect(x64('A').key).not.toBe(x64('B').key);
    expect(x64('A').key).toBe(x64('A').key);
  });
});
