/**
 * Directives inside a switch on the DIF code: a case keeps its DIF code from its label to the next
 * label, across `#if`/`#ifdef`/`#else`/`#endif` (engine/syntax/switch-cases.ts, docs/architecture.md
 * Guards). Expectations written from the C preprocessor's reading of each fixture.
 */
import { describe, expect, it } from 'vitest';
import { build, useParser } from './model-harness.js';

const parser = useParser();
const CO = 'DWORD CALLBACK CoInst(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)';
const crlf = (text: string) => text.replace(/\n/g, '\r\n');

const SWITCH = `${CO}
{
    switch (Fn) {
    case DIF_FINISHINSTALL_ACTION:
#ifdef CONTOSO_VERBOSE
        Verbose();
#endif
        AfterVerbose();
        break;
    case DIF_INSTALLDEVICE:
        BeforeDbg();
#if DBG
        InDbg();
#else
        InRelease();
#endif
        AfterDbg();
        break;
#if (WINVER >= 0x0600)
    case DIF_NEWDEVICEWIZARD_FINISHINSTALL:
        InWinver();
#endif
        AfterWinver();
        break;
#if 0
    case DIF_REMOVE:
        Dead();
        break;
#endif
    default:
        Other();
        break;
    }
    After();
    return NO_ERROR;
}
`;

const variants: [string, string, string][] = [
  ['C, LF', 'a.c', SWITCH],
  ['C, CRLF', 'a.c', crlf(SWITCH)],
  ['C++, LF', 'a.cpp', SWITCH],
  ['C++, CRLF', 'a.cpp', crlf(SWITCH)],
];

describe.each(variants)('a case keeps its DIF code across directives (%s)', (_name, file, text) => {
  it('inside an #ifdef block of the finish-install action, and after its #endif: interactive', () => {
    const b = build(parser(), { [file]: text });
    expect(b.codes(file, 'Verbose()')).toEqual(['DIF_FINISHINSTALL_ACTION/interactive']);
    expect(b.codes(file, 'AfterVerbose()')).toEqual(['DIF_FINISHINSTALL_ACTION/interactive']);
  });
  it('both branches of #if/#else and the code after #endif: the case\'s code, not every code', () => {
    const b = build(parser(), { [file]: text });
    for (const call of ['BeforeDbg()', 'InDbg()', 'InRelease()', 'AfterDbg()']) expect(b.codes(file, call), call).toEqual(['DIF_INSTALLDEVICE']);
  });
  it('a label inside #if: its code inside the block and after #endif', () => {
    const b = build(parser(), { [file]: text });
    expect(b.codes(file, 'InWinver()')).toEqual(['DIF_NEWDEVICEWIZARD_FINISHINSTALL']);
    expect(b.codes(file, 'AfterWinver()')).toEqual(['DIF_NEWDEVICEWIZARD_FINISHINSTALL']);
  });
  it('default: every code but the live labels (a label in #if 0 is no label)', () => {
    const [c] = build(parser(), { [file]: text }).contexts(file, 'Other()');
    expect(c.difCode).toBe('any other DIF code');
    expect(c.otherThan).toEqual(['DIF_FINISHINSTALL_ACTION', 'DIF_INSTALLDEVICE', 'DIF_NEWDEVICEWIZARD_FINISHINSTALL']);
  });
  it('after the switch: every code', () => {
    expect(build(parser(), { [file]: text }).codes(file, 'After()')).toEqual(['any DIF code']);
  });
});

describe('fall-through across directives', () => {
  it('#if/#else that both leave end the case; an #ifdef without #else does not', () => {
    const text = `${CO}
{
    switch (Fn) {
    case DIF_REMOVE:
#if CONTOSO_QUIET
        break;
#else
        return NO_ERROR;
#endif
    case DIF_INSTALLDEVICE:
        Install();
#ifdef CONTOSO_EARLY
        break;
#endif
    case DIF_PROPERTYCHANGE:
        Change();
        break;
    }
    return NO_ERROR;
}
`;
    const b = build(parser(), { 'a.c': text });
    expect(b.codes('a.c', 'Install()')).toEqual(['DIF_INSTALLDEVICE']);
    expect(b.codes('a.c', 'Change()')).toEqual(['DIF_INSTALLDEVICE', 'DIF_PROPERTYCHANGE']);
  });
  it('labels on both sides of #else: the code after #endif runs under either', () => {
    const text = `${CO}
{
    switch (Fn) {
#ifdef CONTOSO_VISTA
    case DIF_FINISHINSTALL_ACTION:
#else
    case DIF_NEWDEVICEWIZARD_FINISHINSTALL:
#endif
        Finish();
        break;
    }
    return NO_ERROR;
}
`;
    expect(build(parser(), { 'a.c': text }).codes('a.c', 'Finish()')).toEqual(['DIF_FINISHINSTALL_ACTION/interactive', 'DIF_NEWDEVICEWIZARD_FINISHINSTALL']);
  });
});

describe('an early exit in a case, across directives', () => {
  it('the rest of the case after `if (...) break;` ends at the next label, not at the directive or the switch', () => {
    const text = `${CO}
{
    switch (Fn) {
    case DIF_NEWDEVICEWIZARD_FINISHINSTALL:
#ifdef CONTOSO_TRACE
        Trace();
#endif
        if (!Ctx->PostProcessing) return ERROR_DI_POSTPROCESSING_REQUIRED;
#ifdef CONTOSO_TRACE
        Trace();
#endif
        Post();
        break;
    case DIF_INSTALLDEVICE:
        Install();
        break;
    }
    return NO_ERROR;
}
`;
    const b = build(parser(), { 'a.c': text });
    expect(b.codes('a.c', 'Post()')).toEqual(['DIF_NEWDEVICEWIZARD_FINISHINSTALL/post']);
    expect(b.codes('a.c', 'Install()')).toEqual(['DIF_INSTALLDEVICE']);
  });
});

describe.each(variants.map(([name, file]) => [name, file] as const))('an entry point with #ifdef in its parameter list (%s)', (name, file) => {
  const eol = name.endsWith('CRLF') ? crlf : (t: string) => t;
  it('is an entry point, of the first branch\'s shape, and its cases keep their codes', () => {
    const text = eol(`DWORD CALLBACK ContosoCo(
#ifdef CONTOSO_UINT_DIF
    UINT Fn,
#else
    DI_FUNCTION Fn,
#endif
    HDEVINFO Set, PSP_DEVINFO_DATA Dev
#if CONTOSO_COINSTALLER
    , PCOINSTALLER_CONTEXT_DATA Ctx
#endif
    )
{
    switch (Fn) {
    case DIF_INSTALLDEVICE:
        Install();
        break;
    }
    return NO_ERROR;
}
`);
    const b = build(parser(), { [file]: text });
    expect(b.model.entryPoints.map((e) => [e.name, e.kind, e.params.dif, e.params.context])).toEqual([['ContosoCo', 'co-installer', 'Fn', 'Ctx']]);
    expect(b.codes(file, 'Install()')).toEqual(['DIF_INSTALLDEVICE']);
  });
});
