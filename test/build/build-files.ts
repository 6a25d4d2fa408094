/**
 * Hand-written build files for the build index and module tests (made-up Contoso names): a DLL
 * project (.vcxproj) with two DynamicLibrary configurations, a tool's Application project, a WDK
 * `sources` file of a DLL, and a temporary tree to write them in. `eol` writes them LF or CRLF.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

export const EOLS = [
  ['LF', '\n'],
  ['CRLF', '\r\n'],
] as const;

/** A folder written by the test, removed after it; `files` relative names to text. */
export function useTrees(): (files: Record<string, string>) => string {
  let dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    dirs = [];
  });
  return (files) => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'cil-build-')));
    dirs.push(root);
    for (const [name, text] of Object.entries(files)) {
      const p = join(root, name);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
    }
    return root;
  };
}

export interface ProjectParts {
  /** ClCompile items, as written (`src\ContosoCi.c`). */
  sources: string[];
  headers?: string[];
  includeDirs?: string;
  def?: string;
  type?: string;
  imports?: string[];
}

/** A .vcxproj with Debug|x64 and Release|x64, both of `type` (DynamicLibrary by default). */
export function vcxproj(parts: ProjectParts, eol: string): string {
  const type = parts.type ?? 'DynamicLibrary';
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<Project DefaultTargets="Build" ToolsVersion="15.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">',
    '  <ItemGroup Label="ProjectConfigurations">',
    '    <ProjectConfiguration Include="Debug|x64"><Configuration>Debug</Configuration><Platform>x64</Platform></ProjectConfiguration>',
    '    <ProjectConfiguration Include="Release|x64"><Configuration>Release</Configuration><Platform>x64</Platform></ProjectConfiguration>',
    '  </ItemGroup>',
    `  <PropertyGroup Label="Configuration"><ConfigurationType>${type}</ConfigurationType></PropertyGroup>`,
    ...(parts.imports ?? []).map((p) => `  <Import Project="${p}" />`),
    '  <ItemDefinitionGroup>',
    `    <ClCompile><AdditionalIncludeDirectories>${parts.includeDirs ?? ''};%(AdditionalIncludeDirectories)</AdditionalIncludeDirectories></ClCompile>`,
    ...(parts.def ? [`    <Link><ModuleDefinitionFile>${parts.def}</ModuleDefinitionFile></Link>`] : []),
    '  </ItemDefinitionGroup>',
    '  <ItemGroup>',
    ...parts.sources.map((s) => `    <ClCompile Include="${s}" />`),
    ...(parts.headers ?? []).map((h) => `    <ClInclude Include="${h}" />`),
    '  </ItemGroup>',
    '</Project>',
    '',
  ].join(eol);
}

/** A WDK `sources` file of a DLL. */
export function sourcesFile(parts: { sources: string[]; includes?: string; def?: string; type?: string }, eol: string): string {
  return [
    'TARGETNAME=ContosoCi',
    `TARGETTYPE=${parts.type ?? 'DYNLINK'}`,
    ...(parts.def ? [`DLLDEF=${parts.def}`] : []),
    ...(parts.includes ? [`INCLUDES=${parts.includes}`] : []),
    `SOURCES=${parts.sources.join(` \\${eol}        `)}`,
    '',
  ].join(eol);
}
