/**
 * The build index (engine/build/build-index.ts): which DLL project and configuration compile a
 * file, found in the folders module discovery looks in; each build file read once per content;
 * nothing read outside the workspace. Build files written LF and CRLF.
 */
import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { chosenConfiguration, createBuildIndex } from '../../engine/build/build-index.js';
import { workspaceReader } from '../../engine/build/workspace-files.js';
import { EOLS, sourcesFile, useTrees, vcxproj } from './build-files.js';
import { countingReadBuildFile, readCounts } from './counting-reader.js';

const tree = useTrees();
beforeEach(() => readCounts.clear());

const ci = (eol: string) => vcxproj({ sources: ['src\\ContosoCi.c'], headers: ['inc\\contoso.h'], includeDirs: 'inc', def: 'ContosoCi.def' }, eol);
const tool = (eol: string) => vcxproj({ sources: ['src\\ContosoTool.c'], type: 'Application' }, eol);

describe.each(EOLS)('build index (%s build files)', (_name, eol) => {
  it('finds the DLL project above the file and its first DLL configuration, or the one named', () => {
    const root = tree({
      'proj/ci.vcxproj': ci(eol),
      'proj/tool.vcxproj': tool(eol),
      'proj/src/ContosoCi.c': '#include <util.h>\n',
      'proj/src/ContosoTool.c': 'int main(void) { return 0; }\n',
      'proj/inc/util.h': '',
      'proj/inc/contoso.h': '',
    });
    const index = createBuildIndex({ roots: [root], readBuildFile: countingReadBuildFile });
    const of = index.buildOf(join(root, 'proj/src/ContosoCi.c'));
    expect(of?.project.file).toBe(join(root, 'proj/ci.vcxproj'));
    expect(of?.configuration.name).toBe('Debug|x64');
    expect(index.buildOf(join(root, 'proj/src/ContosoCi.c'), 'Release|x64')?.configuration.name).toBe('Release|x64');
    // a header the DLL includes through its include folder (not a ClInclude item)
    expect(index.buildOf(join(root, 'proj/inc/util.h'))?.project.file).toBe(join(root, 'proj/ci.vcxproj'));
    // the tool is an Application: no DLL compiles its source
    expect(index.buildOf(join(root, 'proj/src/ContosoTool.c'))).toBeUndefined();
  });

  it('projectsIn lists the build files of one folder, read', () => {
    const root = tree({
      'w/ci.vcxproj': ci(eol),
      'w/sources': sourcesFile({ sources: ['ContosoCi.c'] }, eol),
      'w/compile_commands.json': JSON.stringify([{ directory: '/x', file: 'ContosoCi.c', command: 'cl ContosoCi.c' }]),
      'w/readme.txt': '',
      'w/sub/other.vcxproj': tool(eol),
    });
    const index = createBuildIndex({ roots: [root], readBuildFile: countingReadBuildFile });
    expect(index.projectsIn(join(root, 'w')).map((p) => [relative(root, p.file), p.kind])).toEqual([
      ['w/ci.vcxproj', 'vcxproj'],
      ['w/compile_commands.json', 'compile_commands'],
      ['w/sources', 'sources'],
    ]);
  });

  it('a `sources` file of a DYNLINK compiles its SOURCES; a PROGRAM does not make a DLL', () => {
    const root = tree({
      'w/sources': sourcesFile({ sources: ['ContosoCi.c', 'ContosoUi.c'] }, eol),
      'w/ContosoCi.c': '',
      'w/ContosoUi.c': '',
      'w/ContosoTool.c': '',
      't/sources': sourcesFile({ sources: ['ContosoTool.c'], type: 'PROGRAM' }, eol),
      't/ContosoTool.c': '',
    });
    const index = createBuildIndex({ roots: [root], readBuildFile: countingReadBuildFile });
    expect(index.buildOf(join(root, 'w/ContosoUi.c'))?.project.kind).toBe('sources');
    expect(index.buildOf(join(root, 'w/ContosoUi.c'))?.configuration.name).toBeNull();
    expect(index.buildOf(join(root, 'w/ContosoTool.c'))).toBeUndefined();
    expect(index.buildOf(join(root, 't/ContosoTool.c'))).toBeUndefined();
    expect(index.dllsAround(join(root, 't/ContosoTool.c')).dlls).toEqual([]);
  });

  it('reads each build file once per content: again when it or a file it imports changes', () => {
    const root = tree({
      'proj/ci.vcxproj': vcxproj({ sources: ['src\\ContosoCi.c'], imports: ['contoso.props'] }, eol),
      'proj/contoso.props': `<Project>${eol}</Project>${eol}`,
      'proj/src/ContosoCi.c': '',
      'proj/src/ContosoUi.c': '',
    });
    const file = join(root, 'proj/ci.vcxproj');
    const index = createBuildIndex({ roots: [root], readBuildFile: countingReadBuildFile });
    for (let i = 0; i < 5; i++) index.buildOf(join(root, 'proj/src/ContosoCi.c'));
    index.projectsIn(join(root, 'proj'));
    expect(readCounts.get(file)).toBe(1);
    // the same text written again: nothing to read
    writeFileSync(file, vcxproj({ sources: ['src\\ContosoCi.c'], imports: ['contoso.props'] }, eol));
    index.buildOf(join(root, 'proj/src/ContosoCi.c'));
    expect(readCounts.get(file)).toBe(1);
    // the imported sheet adds a source: read again, and the new source is the DLL's
    writeFileSync(join(root, 'proj/contoso.props'), `<Project>${eol}<ItemGroup><ClCompile Include="src\\ContosoUi.c" /></ItemGroup>${eol}</Project>${eol}`);
    expect(index.buildOf(join(root, 'proj/src/ContosoUi.c'))?.project.file).toBe(file);
    expect(readCounts.get(file)).toBe(2);
    // the project changes: read again
    writeFileSync(file, vcxproj({ sources: ['src\\ContosoCi.c'] }, eol));
    expect(index.buildOf(join(root, 'proj/src/ContosoUi.c'))).toBeUndefined();
    expect(readCounts.get(file)).toBe(3);
  });

  it('nothing outside the workspace: an import above the root, a project outside it', () => {
    const root = tree({
      'outside.props': `<Project>${eol}<ItemGroup><ClCompile Include="ws\\proj\\src\\ContosoUi.c" /></ItemGroup>${eol}</Project>${eol}`,
      'ws/proj/ci.vcxproj': vcxproj({ sources: ['src\\ContosoCi.c'], imports: ['..\\..\\outside.props'] }, eol),
      'ws/proj/src/ContosoCi.c': '',
      'ws/proj/src/ContosoUi.c': '',
      'other/ci.vcxproj': ci(eol),
      'other/src/ContosoCi.c': '',
    });
    const index = createBuildIndex({ roots: [join(root, 'ws')], readBuildFile: countingReadBuildFile });
    expect(index.buildOf(join(root, 'ws/proj/src/ContosoCi.c'))?.project.files).toEqual([join(root, 'ws/proj/ci.vcxproj')]);
    expect(index.buildOf(join(root, 'ws/proj/src/ContosoUi.c'))).toBeUndefined();
    expect(index.buildOf(join(root, 'other/src/ContosoCi.c'))).toBeUndefined();
    expect(readCounts.get(join(root, 'other/ci.vcxproj'))).toBeUndefined();
  });

  it('a malformed project is no DLL: dllsAround says so (module discovery keeps the folder rule)', () => {
    const root = tree({ 'proj/ci.vcxproj': ci(eol).replace('</ItemGroup>', ''), 'proj/src/ContosoCi.c': '' });
    const index = createBuildIndex({ roots: [root], readBuildFile: countingReadBuildFile });
    expect(index.buildOf(join(root, 'proj/src/ContosoCi.c'))).toBeUndefined();
    expect(index.dllsAround(join(root, 'proj/src/ContosoCi.c'))).toEqual({ dlls: [], malformed: true });
  });
});

describe('the configuration a project is linted in', () => {
  const item = (value: string) => ({ value, file: '/p/ci.vcxproj', range: [0, 0] as [number, number] });
  const configuration = (name: string, type: string) => ({ name, targetType: item(type), sources: [], headers: [], includeDirs: [], defines: [], libraries: [], delayLoad: [] });
  const project = {
    kind: 'vcxproj' as const,
    file: '/p/ci.vcxproj',
    files: ['/p/ci.vcxproj'],
    configurations: [configuration('Debug|Win32', 'Application'), configuration('Release|Win32', 'DynamicLibrary'), configuration('Release|x64', 'DynamicLibrary')],
    diagnostics: [],
  };
  it('the first DynamicLibrary one, or the one named (in any case) when it builds the DLL', () => {
    expect(chosenConfiguration(project)?.name).toBe('Release|Win32');
    expect(chosenConfiguration(project, 'release|X64')?.name).toBe('Release|x64');
    // named, but an Application there: the first DLL configuration
    expect(chosenConfiguration(project, 'Debug|Win32')?.name).toBe('Release|Win32');
    expect(chosenConfiguration({ ...project, configurations: [configuration('Debug|Win32', 'StaticLibrary')] })).toBeUndefined();
  });
});

describe('workspace reads', () => {
  it('refuse paths outside the roots, links leading out, folders and FIFOs', () => {
    const root = tree({ 'ws/a.props': '<Project/>', 'out/b.props': '<Project/>' });
    symlinkSync(join(root, 'out/b.props'), join(root, 'ws/link.props'));
    execFileSync('mkfifo', [join(root, 'ws/fifo.vcxproj')]);
    const read = workspaceReader(() => [join(root, 'ws')]);
    expect(read(join(root, 'ws/a.props'))).toBe('<Project/>');
    expect(read(join(root, 'ws/../out/b.props'))).toBeUndefined();
    expect(read(join(root, 'out/b.props'))).toBeUndefined();
    expect(read(join(root, 'ws/link.props'))).toBeUndefined();
    expect(read(join(root, 'ws'))).toBeUndefined();
    expect(read(join(root, 'ws/fifo.vcxproj'))).toBeUndefined();
  });

  it('a FIFO named like a project is not read by the index', () => {
    const root = tree({ 'w/src.c': '' });
    execFileSync('mkfifo', [join(root, 'w/ci.vcxproj')]);
    const index = createBuildIndex({ roots: [root], readBuildFile: countingReadBuildFile });
    expect(index.projectsIn(join(root, 'w'))).toEqual([]);
    expect(readCounts.size).toBe(0);
  });
});
