/**
 * waitsOnParameter: whether a function of the module waits on the handle given in one parameter
 * (engine/model/parameter-waits.ts): a wait API given the parameter or a local copy, a module
 * function that does, through files and cycles; 'unknown' when the handle goes where the module
 * cannot see, or the function writes beyond its locals. Written by hand, C and C++, LF and CRLF.
 */
import { describe, expect, it } from 'vitest';
import { build, ROOT, useParser } from './model-harness.js';

const parser = useParser();

const HELPERS_C = [
  '#include <windows.h>',
  'static HANDLE g_child;',
  'void ContosoWait(HANDLE process) { WaitForSingleObject(process, INFINITE); CloseHandle(process); }',
  'void ContosoWaitCopy(DWORD ms, HANDLE process) { HANDLE h = process; WaitForSingleObjectEx(h, ms, FALSE); }',
  'void ContosoPump(HANDLE process) { while (MsgWaitForMultipleObjects(1, &process, FALSE, INFINITE, QS_ALLINPUT) != WAIT_OBJECT_0) { } }',
  'void ContosoThrough(HANDLE process) { ContosoWait(process); }',
  'void ContosoClose(HANDLE process) { DWORD code; GetExitCodeProcess(process, &code); CloseHandle(process); }',
  'void ContosoCloseThrough(HANDLE process) { ContosoClose(process); }',
  'void ContosoKeep(HANDLE process) { g_child = process; }',
  'void ContosoElsewhere(HANDLE process) { VendorLibraryWait(process); }',
  'void ContosoOther(HANDLE event, HANDLE process) { WaitForSingleObject(event, INFINITE); CloseHandle(process); }',
  'void ContosoPing(HANDLE process) { ContosoPong(process); }',
  'void ContosoPong(HANDLE process) { if (process) ContosoPing(process); }',
  'void ContosoPingWait(HANDLE process) { ContosoPongWait(process); }',
  'void ContosoPongWait(HANDLE process) { ContosoPingWait(process); WaitForSingleObject(process, 1000); }',
  '',
].join('\n');

const HELPERS_CPP = [
  '#include <windows.h>',
  'struct ContosoChild { static void Join(HANDLE process) { ::WaitForSingleObject(process, INFINITE); } };',
  'void ContosoJoin(HANDLE process) { ContosoWaitCopy(5000, process); }',
  '',
].join('\n');

for (const eol of ['\n', '\r\n']) {
  describe(`waitsOnParameter (${eol === '\n' ? 'LF' : 'CRLF'})`, () => {
    const b = () => build(parser(), { 'helpers.c': HELPERS_C.replace(/\n/g, eol), 'child.cpp': HELPERS_CPP.replace(/\n/g, eol) });
    const ask = (name: string, index: number, file = 'helpers.c') => b().model.waitsOnParameter(name, ROOT + file, index);

    it('a wait API given the parameter or a local copy as its handle', () => {
      expect(ask('ContosoWait', 0)).toBe('waits');
      expect(ask('ContosoWaitCopy', 1)).toBe('waits');
    });

    it('through module functions, in another file, and C++ static members', () => {
      expect(ask('ContosoThrough', 0)).toBe('waits');
      expect(ask('ContosoJoin', 0, 'child.cpp')).toBe('waits');
      expect(ask('Join', 0, 'child.cpp')).toBe('waits');
    });

    it('only handle uses that do not wait: none', () => {
      expect(ask('ContosoClose', 0)).toBe('none');
      expect(ask('ContosoCloseThrough', 0)).toBe('none');
      expect(ask('ContosoOther', 0)).toBe('waits');
    });

    it('kept in a global, or handed to a function the module does not define: unknown', () => {
      expect(ask('ContosoKeep', 0)).toBe('unknown');
      expect(ask('ContosoElsewhere', 0)).toBe('unknown');
    });

    it('a wait in the function that the summaries do not trace to the parameter: unknown', () => {
      // its address (&process) is not followed
      expect(ask('ContosoPump', 0)).toBe('unknown');
      // another parameter is waited on; this one may be too, through what is not followed
      expect(ask('ContosoOther', 1)).toBe('unknown');
      // the first parameter of ContosoWaitCopy is the timeout, not a handle
      expect(ask('ContosoWaitCopy', 0)).toBe('unknown');
      expect(ask('ContosoJoin', 0, 'child.cpp')).toBe('waits');
    });

    it('cycles end; a wait on the cycle counts', () => {
      expect(ask('ContosoPing', 0)).toBe('none');
      expect(ask('ContosoPingWait', 0)).toBe('waits');
      expect(ask('ContosoPongWait', 0)).toBe('waits');
    });

    it('undefined for a name the module does not define', () => {
      expect(ask('WaitForSingleObject', 0)).toBeUndefined();
      expect(ask('VendorLibraryWait', 0)).toBeUndefined();
    });
  });
}
