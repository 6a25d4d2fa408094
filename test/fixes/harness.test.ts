/**
 * The acceptance harness itself (test/support/fix-acceptance.ts, fix-application.ts): how it
 * applies an edit alone, moves a position through edits and counts new findings, and that each of
 * its checks fails on an edit that breaks it.
 */
import { describe, expect, it } from 'vitest';
import type { Fix } from '../../engine/linter/types.js';
import { type AcceptanceModule, type EditCase, FixAcceptance } from '../support/fix-acceptance.js';
import { applyEditList, applyFixAlone, lineEndingsOf, longWrittenLines, mapOffset, newFindings, ownEdits } from '../support/fix-application.js';

describe('applying one edit alone', () => {
  it('applies sorted edits, touching ones too, and refuses overlapping ones', () => {
    expect(applyEditList('abcdef', [{ range: [4, 5], text: 'E' }, { range: [1, 2], text: 'BB' }, { range: [2, 2], text: '+' }])).toBe('aBB+cdEf');
    expect(() => applyEditList('abcdef', [{ range: [1, 3], text: '' }, { range: [2, 4], text: '' }])).toThrow(/overlaps/);
  });

  it('applies the edits in other files with those of the reported file, and refuses a file outside the module', () => {
    const texts = new Map([
      ['/m/a.c', 'int a;\n'],
      ['/m/b.c', 'int b;\n'],
    ]);
    const fix: Fix = { range: [4, 5], text: 'x', otherFiles: [{ filePath: '/m/b.c', edits: [{ range: [0, 0], text: 'static ' }] }] };
    expect([...applyFixAlone(texts, '/m/a.c', fix)]).toEqual([
      ['/m/a.c', 'int x;\n'],
      ['/m/b.c', 'static int b;\n'],
    ]);
    const onlyOther: Fix = { range: [0, 0], text: '', otherFiles: [{ filePath: '/m/b.c', edits: [{ range: [4, 5], text: 'y' }] }] };
    expect(ownEdits(onlyOther)).toEqual([]);
    expect(applyFixAlone(texts, '/m/a.c', onlyOther).get('/m/a.c')).toBe('int a;\n');
    expect(() => applyFixAlone(texts, '/m/a.c', { range: [0, 0], text: '', otherFiles: [{ filePath: '/m/c.c', edits: [] }] })).toThrow(/not a file of the module/);
  });

  it('moves an offset by the edits before it, an insertion at it included; inside a replacement, to its start', () => {
    const edits = [
      { range: [2, 4] as const, text: 'XYZ' },
      { range: [10, 10] as const, text: '--' },
    ];
    expect(mapOffset(1, edits)).toBe(1);
    expect(mapOffset(3, edits)).toBe(2);
    expect(mapOffset(6, edits)).toBe(7);
    expect(mapOffset(10, edits)).toBe(13);
  });

  it('counts findings as a multiset', () => {
    expect(newFindings(['a', 'a', 'b'], ['a', 'b', 'a'])).toEqual([]);
    expect(newFindings(['a', 'b'], ['a', 'a', 'c'])).toEqual(['a', 'c']);
  });
});

const harness = await FixAcceptance.create();
const CODE = `#include <windows.h>
#include <setupapi.h>

__declspec(dllexport) DWORD CALLBACK
ContosoProbeCoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet,
                        PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)
{
    UNREFERENCED_PARAMETER(DeviceInfoSet);
    UNREFERENCED_PARAMETER(DeviceInfoData);
    UNREFERENCED_PARAMETER(Context);

    if (InstallFunction == DIF_REMOVE) {
        return NO_ERROR;
    }
    return ERROR_DI_DO_DEFAULT;
}
`;
const module: AcceptanceModule = { name: 'probe', root: '/virtual/probe', files: [{ filePath: '/virtual/probe/probe.c', text: CODE }] };
const [real] = harness.editCases(module);
const at = CODE.indexOf('ERROR_DI_DO_DEFAULT;');
const withFix = (fix: Fix): EditCase => ({ ...real, fix });

describe('each check fails on an edit that breaks it', () => {
  it('the probe module has one fix: ERROR_DI_DO_DEFAULT becomes NO_ERROR, and it passes', async () => {
    expect(real).toMatchObject({ ruleId: 'unhandled-dif-return-code', kind: 'fix', fix: { range: [at, at + 'ERROR_DI_DO_DEFAULT'.length], text: 'NO_ERROR' } });
    expect(await harness.check(module, real)).toEqual([]);
  });

  it.skipIf(!harness.mingw.c)('1: an edit that does not compile', async () => {
    const problems = await harness.check(module, withFix({ range: [at, at + 'ERROR_DI_DO_DEFAULT'.length], text: 'NO_ERROR_AT_ALL' }));
    expect(problems).toEqual([expect.stringMatching(/^probe\.c does not compile after the edit:\n.*NO_ERROR_AT_ALL/s)]);
  });

  it('2: an edit that leaves the finding where it was (moved by the edit)', async () => {
    const problems = await harness.check(module, withFix({ range: [at, at], text: '/* reviewed */ ' }));
    expect(problems).toContainEqual(expect.stringMatching(/^unhandled-dif-return-code is still reported where the finding moved to \(15:27\)/));
    // still there, it is also one finding more than the findings before less the fixed one
    expect(problems).toContainEqual(expect.stringMatching(/^new finding: unhandled-dif-return-code \| probe\.c \| Co-installer ContosoProbeCoInstaller returns ERROR_DI_DO_DEFAULT for the DIF codes it does not handle/));
  });

  it('3: an edit that fixes the finding and makes another', async () => {
    const body = CODE.indexOf('    if (InstallFunction');
    const fix: Fix = { range: [body, at + 'ERROR_DI_DO_DEFAULT'.length], text: '    MessageBoxW(NULL, L"Installed.", L"Contoso", MB_OK);\n    return NO_ERROR' };
    const problems = await harness.check(module, withFix({ ...fix, edits: [fix] }));
    expect(problems).toEqual([expect.stringMatching(/^new finding: no-ui-outside-finish-install \| probe\.c \| MessageBoxW shows user interface/)]);
  });

  it('4: an edit after which the rule offers a fix it did not offer before', async () => {
    const start = at - 'return '.length;
    const fix: Fix = { range: [start, at + 'ERROR_DI_DO_DEFAULT'.length], text: 'if (InstallFunction == DIF_INSTALLDEVICE) {\n        return ERROR_DI_DO_DEFAULT;\n    }\n    return NO_ERROR' };
    const problems = await harness.check(module, withFix(fix));
    expect(problems).not.toContainEqual(expect.stringMatching(/compile/));
    expect(problems).toContainEqual(expect.stringMatching(/^after the edit, a new fix is offered: unhandled-dif-return-code \| probe\.c \| Co-installer ContosoProbeCoInstaller returns ERROR_DI_DO_DEFAULT for DIF_INSTALLDEVICE/));
  });
});

describe('the file style checks', () => {
  it('tells the line endings of a text', () => {
    expect([lineEndingsOf('a\r\nb\r\n'), lineEndingsOf('a\nb'), lineEndingsOf('a\r\nb\n'), lineEndingsOf('a\rb'), lineEndingsOf('ab')]).toEqual(['CRLF', 'LF', 'mixed', 'mixed', 'none']);
  });

  it('finds the wide lines an edit writes, not those it moves', () => {
    const long = `    x = ${'1 + '.repeat(30)}1;`;
    expect(longWrittenLines(`${long}\n`, `{\n    ${long}\n}\n`, 100)).toEqual([]);
    expect(longWrittenLines('a\n', `a\n\t\t${'y'.repeat(95)}\n`, 100)).toEqual([`\t\t${'y'.repeat(95)}`]);
  });

  it('a CRLF module: an edit that writes a bare LF, or a line too wide, is a problem', async () => {
    const crlf: AcceptanceModule = { ...module, files: [{ filePath: '/virtual/probe/probe.c', text: CODE.replace(/\n/g, '\r\n') }] };
    const [fix] = harness.editCases(crlf);
    const start = CODE.replace(/\n/g, '\r\n').indexOf('ERROR_DI_DO_DEFAULT;');
    const range = [start, start + 'ERROR_DI_DO_DEFAULT'.length] as const;
    expect(await harness.check(crlf, { ...fix, fix: { range, text: 'NO_ERROR;\n    /* done */' } })).toEqual(['probe.c: the edit mixes line endings into a CRLF file']);
    const wide = `NO_ERROR /* ${'reviewed '.repeat(10)}*/`;
    expect(await harness.check(crlf, { ...fix, fix: { range, text: wide } })).toEqual([`probe.c: the edit writes a line wider than 100 columns: return ${wide};`]);
  });
});
