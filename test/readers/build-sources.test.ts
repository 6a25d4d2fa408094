import { describe, expect, it } from 'vitest';
import { type BuildItem } from '../../engine/readers/build/build-types.js';
import { readBuildFile } from '../../engine/readers/build/index.js';
import { MAX_SOURCES_CHARS, readSources } from '../../engine/readers/build/sources-reader.js';

const DIR = '/work/contoso/coinst';
const SOURCES = `${DIR}/sources`;
const INC = `${DIR}/makefile.inc`;

for (const [eolName, eol] of [
  ['LF', '\n'],
  ['CRLF', '\r\n'],
  ['CR', '\r'],
] as const) {
  const files = new Map<string, string>();
  const written = (item: BuildItem | undefined): string => (item ? files.get(item.file)!.slice(...item.range) : '<none>');
  const readFile = (p: string): string | undefined => files.get(p);
  const read = (text: string, extra: Record<string, string> = {}) => {
    files.clear();
    files.set(SOURCES, text);
    for (const [p, t] of Object.entries(extra)) files.set(p, t);
    return readSources(SOURCES, text, readFile);
  };

  describe(`readSources (${eolName})`, () => {
    const text = [
      '# Contoso co-installer',
      'TARGETNAME=ContosoCo',
      'TARGETTYPE = DYNLINK',
      'USE_MSVCRT=1',
      '',
      'C_DEFINES=-DUNICODE /D_UNICODE -D CONTOSO_UI /DLEVEL=2 -W3',
      'INCLUDES=..\\inc; $(DDK_INC_PATH);',
      '',
      'SOURCES= coinst.c \\',
      '         util.cpp   \\',
      '         coinst.rc',
      '',
      'MYLIBS=contosohw.lib',
      'TARGETLIBS= $(SDK_LIB_PATH)\\setupapi.lib \\',
      '            $(MYLIBS)  # the hardware library',
      '!if $(FREEBUILD)',
      'TARGETLIBS=$(TARGETLIBS) $(SDK_LIB_PATH)\\advapi32.lib',
      '!endif',
      '!include ..\\common.inc',
      'DELAYLOAD=contosoui.dll;contosonet.dll',
      'LINKER_FLAGS=/DELAYLOAD:contosoext.dll',
      'DLLDEF=$(TARGETNAME:Contoso=Fabrikam).def',
      '',
    ].join(eol);
    const project = read(text);
    const [config] = project.configurations;

    it('reads one configuration, named null, without diagnostics', () => {
      expect(project.kind).toBe('sources');
      expect(project.diagnostics).toEqual([]);
      expect(project.files).toEqual([SOURCES]);
      expect(project.configurations).toHaveLength(1);
      expect(config.name).toBeNull();
    });

    it('TARGETNAME, TARGETTYPE, the DLL run time', () => {
      expect(config.targetName?.value).toBe('ContosoCo');
      expect(written(config.targetName)).toBe('ContosoCo');
      expect(config.targetType?.value).toBe('DYNLINK');
      expect(written(config.targetType)).toBe('DYNLINK');
      expect(config.runtime).toBe('dll');
    });

    it('SOURCES over continued lines: the C and C++ files, against the folder', () => {
      expect(config.sources.map((s) => s.value)).toEqual([`${DIR}/coinst.c`, `${DIR}/util.cpp`]);
      expect(config.sources.map(written)).toEqual(['coinst.c', 'util.cpp']);
      expect(config.headers).toEqual([]);
    });

    it('TARGETLIBS as written, a macro expanded, a self-reference keeping the earlier entries, comments skipped', () => {
      expect(config.libraries.map((l) => l.value)).toEqual(['$(SDK_LIB_PATH)\\setupapi.lib', 'contosohw.lib', '$(SDK_LIB_PATH)\\advapi32.lib']);
      expect(config.libraries.map((l) => l.unresolved ?? false)).toEqual([true, false, true]);
      expect(config.libraries.map(written)).toEqual(['$(SDK_LIB_PATH)\\setupapi.lib', '$(MYLIBS)', '$(SDK_LIB_PATH)\\advapi32.lib']);
    });

    it('C_DEFINES joined and separate; INCLUDES by ";"', () => {
      expect(config.defines.map((d) => d.value)).toEqual(['UNICODE', '_UNICODE', 'CONTOSO_UI', 'LEVEL=2']);
      expect(config.defines.map(written)).toEqual(['UNICODE', '_UNICODE', 'CONTOSO_UI', 'LEVEL=2']);
      expect(config.includeDirs).toEqual([
        { value: '/work/contoso/inc', file: SOURCES, range: expect.any(Array) as unknown },
        { value: '$(DDK_INC_PATH)', file: SOURCES, range: expect.any(Array) as unknown, unresolved: true },
      ]);
      expect(config.includeDirs.map(written)).toEqual(['..\\inc', '$(DDK_INC_PATH)']);
    });

    it('DELAYLOAD and /DELAYLOAD: in LINKER_FLAGS; DLLDEF with a substitution', () => {
      expect(config.delayLoad.map((d) => d.value)).toEqual(['contosoui.dll', 'contosonet.dll', 'contosoext.dll']);
      expect(config.delayLoad.map(written)).toEqual(['contosoui.dll', 'contosonet.dll', 'contosoext.dll']);
      expect(config.moduleDefinitionFile?.value).toBe(`${DIR}/FabrikamCo.def`);
      expect(written(config.moduleDefinitionFile)).toBe('$(TARGETNAME:Contoso=Fabrikam).def');
    });

    it('without DLLDEF, a DLL takes $(TARGETNAME).def when it exists; a static run time with USE_LIBCMT', () => {
      const plain = ['TARGETNAME=ContosoCo', 'TARGETTYPE=DYNLINK', 'USE_LIBCMT=1', 'SOURCES=coinst.c', ''].join(eol);
      const withDef = read(plain, { [`${DIR}/ContosoCo.def`]: 'EXPORTS\n' }).configurations[0];
      expect(withDef.moduleDefinitionFile?.value).toBe(`${DIR}/ContosoCo.def`);
      expect(written(withDef.moduleDefinitionFile)).toBe('ContosoCo');
      expect(withDef.runtime).toBe('static');
      expect(read(plain).configurations[0].moduleDefinitionFile).toBeUndefined();
    });

    it('DLLDEF=$O\\x.def names the x.def (or x.src) beside the sources file', () => {
      const text2 = ['TARGETNAME=ContosoCo', 'TARGETTYPE=DYNLINK', 'DLLDEF=$O\\contoso.def', ''].join(eol);
      const def = read(text2, { [`${DIR}/contoso.src`]: 'EXPORTS\n' }).configurations[0].moduleDefinitionFile;
      expect(def?.value).toBe(`${DIR}/contoso.src`);
      expect(def?.unresolved).toBeUndefined();
      expect(written(def)).toBe('$O\\contoso.def');
    });

    it('makefile.inc counts when it defines a macro the reader reads; its entries are located in it', () => {
      const inc = ['TARGETLIBS=$(TARGETLIBS) contosolog.lib', '', '$(O)\\x.h: x.mc', '\tmc -h $(O) x.mc', ''].join(eol);
      const withInc = read(['TARGETNAME=ContosoCo', 'TARGETLIBS=kernel32.lib', ''].join(eol), { [INC]: inc });
      expect(withInc.files).toEqual([SOURCES, INC]);
      expect(withInc.diagnostics).toEqual([]);
      const libs = withInc.configurations[0].libraries;
      expect(libs.map((l) => l.file)).toEqual([SOURCES, INC]);
      expect(libs.map(written)).toEqual(['kernel32.lib', 'contosolog.lib']);
      const other = read(['TARGETNAME=ContosoCo', ''].join(eol), { [INC]: ['MC_FLAGS=-v', ''].join(eol) });
      expect(other.files).toEqual([SOURCES]);
    });

    it('reports a line that is not a definition, an unterminated reference and a final continuation, and goes on', () => {
      const bad = ['TARGETNAME=ContosoCo', 'this is not a definition', 'INCLUDES=$(DDK_INC_PATH', 'SOURCES=a.c \\'].join(eol);
      const result = read(bad);
      expect(result.diagnostics.map((d) => d.message)).toEqual([
        'the last line ends with "\\" (a continuation with no next line)',
        'not a macro definition (NAME=value)',
        'unterminated "$(" in the value of INCLUDES',
      ]);
      expect(result.diagnostics.map((d) => bad.slice(...d.range))).toEqual(['\\', 'this is not a definition', '$(DDK_INC_PATH']);
      expect(result.configurations[0].targetName?.value).toBe('ContosoCo');
      expect(result.configurations[0].sources.map(written)).toEqual(['a.c']);
    });

    it('a file over the size bound is not read: one diagnostic, no configuration', () => {
      const huge = 'TARGETNAME=ContosoCo' + eol + '#'.repeat(MAX_SOURCES_CHARS);
      const result = read(huge);
      expect(result.configurations).toEqual([]);
      expect(result.diagnostics).toEqual([{ file: SOURCES, message: `the file is larger than ${MAX_SOURCES_CHARS} characters and is not read`, range: [0, 0] }]);
    });

    it('readBuildFile reads a file named sources in any case', () => {
      expect(readBuildFile(`${DIR}/SOURCES`, text, readFile)?.kind).toBe('sources');
      expect(readBuildFile(`${DIR}/sources.props`, text, readFile)).toBeUndefined();
    });
  });
}
