/**
 * The macros a file is compiled with besides the build's own defines, for evaluating `#if` with a
 * configuration (engine/parsing/configuration-conditions.ts; docs/installer-facts.md#configurations).
 * Source: Microsoft C/C++ "Predefined macros" (https://learn.microsoft.com/cpp/preprocessor/predefined-macros).
 */

/** Defined by the compiler for every Windows target: `_WIN32` is 1, `_MSC_VER` is the toolset's version (not known here). */
export const ALWAYS_PREDEFINED: ReadonlyMap<string, string | null> = new Map([
  ['_WIN32', '1'],
  ['_MSC_VER', null],
  ['_MSC_FULL_VER', null],
]);

/** Per MSBuild platform (the part of `Release|x64` after the bar, any case): what the compiler defines for it. */
const PLATFORMS: Readonly<Record<string, ReadonlyMap<string, string>>> = {
  win32: new Map([['_M_IX86', '600']]),
  x86: new Map([['_M_IX86', '600']]),
  x64: new Map([
    ['_WIN64', '1'],
    ['_M_X64', '100'],
    ['_M_AMD64', '100'],
  ]),
  arm64: new Map([
    ['_WIN64', '1'],
    ['_M_ARM64', '1'],
  ]),
  arm: new Map([['_M_ARM', '7']]),
};

/** The platform macros: those of one platform are defined, those of the others are not. */
export const PLATFORM_MACROS: ReadonlySet<string> = new Set(Object.values(PLATFORMS).flatMap((m) => [...m.keys()]));

/** The macros the compiler defines for a configuration's platform; undefined for a platform it does not know. */
export function platformMacros(configurationName: string | null | undefined): ReadonlyMap<string, string> | undefined {
  const platform = configurationName?.split('|')[1]?.trim().toLowerCase();
  return platform === undefined ? undefined : PLATFORMS[platform];
}

/**
 * Names the build may define without saying so in the defines the tool reads: MSBuild properties
 * (CharacterSet: UNICODE/_UNICODE/_MBCS; the debug runtime: _DEBUG), the WDK's build environment
 * (DBG), the SDK headers (WINVER, NTDDI_VERSION, setupapi.h's DIF_ and SPDRP_ codes...). Names
 * that begin with `_` and a capital or with `__` are reserved for the compiler and its headers
 * (C17 7.1.3). None of them is taken as undefined when the build does not define it.
 */
const DEFINED_OUTSIDE_BUILD: ReadonlySet<string> = new Set(['DBG', 'NDEBUG', 'UNICODE', 'WINVER', 'NTDDI_VERSION', 'WIN32', 'WIN64', 'STRICT']);
const SDK_PREFIXES = /^(?:_[A-Z_]|DIF_|DI_|DICS_|DIGCF_|SPDRP_|SPSVCINST_|SPFILE|SPINT_|SP_|CM_|CR_|ERROR_|NTDDI_|WINAPI|WDK_|NTDDK)/;

export function mayBeDefinedOutsideBuild(name: string): boolean {
  return DEFINED_OUTSIDE_BUILD.has(name) || SDK_PREFIXES.test(name);
}
