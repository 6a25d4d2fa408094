/**
 * K&R definitions in the installer model (engine/parsing/knr-definitions.ts, summarize-header.ts):
 * an old-style definition `DWORD CALLBACK ContosoCo(f, s, d, c) DI_FUNCTION f; ... {` is a
 * function with its declared parameter types, so it is an entry point by signature
 * (docs/installer-facts.md#entry-points), its first parameter carries the DIF code, guards on it
 * narrow the code, and the calls inside are followed. The declarations are parameters, not
 * globals. Only C has K&R definitions (C++ never accepted them), so the modules are C files; LF
 * and CRLF. Expectations written by hand.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedFile } from '../../engine/linter/linter.js';
import { SourceCode } from '../../engine/linter/source-code.js';
import { summarizeFile } from '../../engine/model/file-summary.js';
import { wasmBindingOf } from '../../engine/model/summarize-cursor.js';
import { spliceTopLevelSummary } from '../../engine/model/summary-splice.js';
import { editedTopLevelFunction, topLevelOutline } from '../../engine/model/top-level-outline.js';
import { wasmModuleObject } from '../../engine/parsing/cpp-parser.js';
import { blankWindowsMacros } from '../../engine/parsing/macro-blanking.js';
import { differingRegion, unionShift } from '../../engine/text/text-shift.js';
import { build, chainLabels, ROOT, useParser } from './model-harness.js';

const parser = useParser();

const CO_INSTALLER = `#include <windows.h>
#include <setupapi.h>

static int g_Installs;

static void
ContosoShow(owner, text)
    HWND owner;
    LPCWSTR text;
{
    MessageBoxW(owner, text, L"Contoso", MB_OK);
}

static DWORD
ContosoHandle(code, set, dev)
    DI_FUNCTION code;     /* passed on from the entry point */
    HDEVINFO set;
    PSP_DEVINFO_DATA dev;
{
    if (code == DIF_REMOVE) ContosoShow(NULL, L"removing");
    return NO_ERROR;
}

DWORD CALLBACK
ContosoCo(f, s, d, c)
    DI_FUNCTION f;
    HDEVINFO s;
    PSP_DEVINFO_DATA d;
    PCOINSTALLER_CONTEXT_DATA c;
{
    switch (f) {
    case DIF_INSTALLDEVICE:
        g_Installs++;
        ContosoShow(NULL, L"installing");
        break;
    case DIF_FINISHINSTALL_ACTION:
        ContosoShow(NULL, L"finishing");
        break;
    }
    return ContosoHandle(f, s, d);
}
`;

const CLASS_INSTALLER = `DWORD
ContosoClass(fn, set, dev)
    UINT fn;
    HDEVINFO set;
    SP_DEVINFO_DATA *dev;
{
    if (fn != DIF_SELECTDEVICE) return ERROR_DI_DO_DEFAULT;
    ContosoPick(set, dev);
    return NO_ERROR;
}
`;

/** Old-style definitions that are not installers: the types do not fit, or are not declared (implicit int). */
const NOT_INSTALLERS = `DWORD
ContosoWrongTypes(a, b, c)
    int a;
    HDEVINFO b;
    PSP_DEVINFO_DATA c;
{
    return 0;
}

DWORD
ContosoUndeclared(a, b, c)
{
    return 0;
}
`;

const crlf = (s: string) => s.replace(/\n/g, '\r\n');

for (const [eol, convert] of [
  ['LF', (s: string) => s],
  ['CRLF', crlf],
] as const) {
  describe(`K&R definitions in the model (${eol})`, () => {
    it('a K&R co-installer is an entry point by signature, with its parameter names', () => {
      const b = build(parser(), { 'coinst.c': convert(CO_INSTALLER) });
      expect(b.model.entryPoints.map((e) => ({ name: e.name, kind: e.kind, via: [...e.via], params: e.params }))).toEqual([
        { name: 'ContosoCo', kind: 'co-installer', via: ['signature'], params: { dif: 'f', deviceInfoSet: 's', deviceInfoData: 'd', context: 'c' } },
      ]);
      expect(b.model.entryPoints[0].handledDifCodes).toEqual(['DIF_INSTALLDEVICE', 'DIF_FINISHINSTALL_ACTION', 'DIF_REMOVE']);
    });

    it('the switch on the first parameter narrows the code, and the calls inside are followed', () => {
      const b = build(parser(), { 'coinst.c': convert(CO_INSTALLER) });
      // ContosoShow runs under DIF_INSTALLDEVICE, DIF_FINISHINSTALL_ACTION (interactive) and, through ContosoHandle, DIF_REMOVE
      expect(b.codes('coinst.c', 'MessageBoxW')).toEqual(['DIF_FINISHINSTALL_ACTION/interactive', 'DIF_INSTALLDEVICE', 'DIF_REMOVE']);
      expect(chainLabels(b.contexts('coinst.c', 'MessageBoxW'), 'DIF_INSTALLDEVICE')).toEqual(['ContosoCo handles DIF_INSTALLDEVICE', 'calls ContosoShow()']);
      // the helper's K&R parameter `code` receives the DIF code: its test narrows to DIF_REMOVE
      expect(chainLabels(b.contexts('coinst.c', 'MessageBoxW'), 'DIF_REMOVE')).toEqual([
        'ContosoCo handles DIF_REMOVE',
        'calls ContosoHandle()',
        'calls ContosoShow()',
      ]);
      expect(b.codes('coinst.c', 'g_Installs++')).toEqual(['DIF_INSTALLDEVICE']);
    });

    it('the declarations are parameters, not globals; a real global stays one', () => {
      const b = build(parser(), { 'coinst.c': convert(CO_INSTALLER) });
      const file = `${ROOT}coinst.c`;
      expect(b.model.globalAt(file, b.at('coinst.c', 'f;'))).toBeUndefined();
      expect(b.model.globalAt(file, b.at('coinst.c', 'code;'))).toBeUndefined();
      expect(b.model.globalAt(file, b.at('coinst.c', 'g_Installs;'))?.name).toBe('g_Installs');
      expect(b.model.globalAt(file, b.at('coinst.c', 'g_Installs++'))?.name).toBe('g_Installs');
    });

    it('a K&R class installer (UINT, HDEVINFO, SP_DEVINFO_DATA *) is one too', () => {
      const b = build(parser(), { 'class.c': convert(CLASS_INSTALLER) });
      expect(b.model.entryPoints.map((e) => `${e.name}:${e.kind}:${e.params.dif}`)).toEqual(['ContosoClass:class-installer:fn']);
      // after `if (fn != DIF_SELECTDEVICE) return`, only DIF_SELECTDEVICE reaches the call (interactive for a class installer)
      expect(b.codes('class.c', 'ContosoPick')).toEqual(['DIF_SELECTDEVICE/interactive']);
    });

    it('old-style definitions whose types are not an installer\u2019s are not entry points', () => {
      const b = build(parser(), { 'other.c': convert(NOT_INSTALLERS) });
      expect(b.model.entryPoints).toEqual([]);
    });
  });
}

/**
 * The language server splices the summary of an edit inside one function body (summary-splice.ts):
 * for a K&R definition the spliced summary must be the summary of the whole new text, parameters
 * read from the declaration list included.
 */
describe('edits inside K&R bodies splice like a whole summary', () => {
  const edits = ['x', 'Call();', '\n'];
  for (const [eol, convert] of [
    ['LF', (s: string) => s],
    ['CRLF', crlf],
  ] as const) {
    it(`every edit at every 9th offset of the bodies (${eol})`, () => {
      const text = convert(CO_INSTALLER);
      const bodies = ['ContosoShow(owner', 'ContosoHandle(code', 'ContosoCo(f'].map((name) => {
        const open = text.indexOf('{', text.indexOf(name));
        return [open + 1, text.indexOf('\n}', open)] as const;
      });
      let spliced = 0;
      for (const [from, to] of bodies) {
        for (let at = from; at < to; at += 9) {
          for (const inserted of edits) {
            const next = text.slice(0, at) + inserted + text.slice(at);
            const before = parser().parse(text);
            const after = parser().parse(next);
            try {
              const binding = wasmBindingOf(wasmModuleObject());
              const file = (t: string, tree: typeof before): ParsedFile => ({ filePath: '/m/coinst.c', language: 'cpp', sourceCode: new SourceCode(t, tree) });
              const newFile = file(next, after);
              const region = unionShift(differingRegion(text, next), differingRegion(blankWindowsMacros(text), blankWindowsMacros(next)));
              const node = editedTopLevelFunction(topLevelOutline(before, binding), topLevelOutline(after, binding), after.rootNode, region.at, region.oldEnd, region.delta)?.node;
              if (!node) continue;
              const result = spliceTopLevelSummary(summarizeFile(file(text, before)), node, next, text, region.delta, newFile.sourceCode.lineIndex.lineStarts, binding);
              if (!result) continue;
              expect(result.summary, `${JSON.stringify(inserted)} at ${at}`).toStrictEqual(summarizeFile(newFile));
              expect(result.summary.functions.find((f) => f.name === 'ContosoCo')?.params.map((p) => p.name)).toEqual(['f', 's', 'd', 'c']);
              spliced++;
            } finally {
              before.delete();
              after.delete();
            }
          }
        }
      }
      expect(spliced).toBeGreaterThan(20);
    });
  }
});
