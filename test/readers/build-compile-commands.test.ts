import { describe, expect, it } from 'vitest';
import { readCompileCommands } from '../../engine/readers/build/compile-commands-reader.js';
import { readBuildFile } from '../../engine/readers/build/index.js';

const FILE = '/work/contoso/build/compile_commands.json';

for (const [eolName, eol] of [
  ['LF', '\n'],
  ['CRLF', '\r\n'],
] as const) {
  describe(`readCompileCommands (${eolName})`, () => {
    const text = [
      '[',
      '  {',
      '    "directory": "/work/contoso/coinst",',
      '    "file": "coinst.c",',
      '    "arguments": ["clang-cl", "-DCONTOSO_UI", "/D", "LEVEL=2", "-I../inc", "/I", "gen", "-c", "coinst.c"]',
      '  },',
      '  {',
      '    "directory": "..\\\\coinst",',
      '    "file": "/work/contoso/coinst/util.cpp",',
      '    "command": "cl.exe /nologo /DCONTOSO_UI \\"/DNAME=\\\\\\"x y\\\\\\"\\" -isystem C:\\\\ddk\\\\inc /c util.cpp"',
      '  }',
      ']',
      '',
    ].join(eol);
    const project = readCompileCommands(FILE, text);
    const [config] = project.configurations;
    const written = (range: [number, number]): string => text.slice(...range);

    it('one configuration, named null, with every file resolved against its directory', () => {
      expect(project.kind).toBe('compile_commands');
      expect(project.diagnostics).toEqual([]);
      expect(project.files).toEqual([FILE]);
      expect(config.name).toBeNull();
      expect(config.sources.map((s) => s.value)).toEqual(['/work/contoso/coinst/coinst.c', '/work/contoso/coinst/util.cpp']);
      expect(config.sources.map((s) => written(s.range))).toEqual(['coinst.c', '/work/contoso/coinst/util.cpp']);
    });

    it('the union of the defines, each once at its first place, from arguments and from a command', () => {
      expect(config.defines.map((d) => d.value)).toEqual(['CONTOSO_UI', 'LEVEL=2', 'NAME="x y"']);
      expect(config.defines.map((d) => written(d.range))).toEqual(['CONTOSO_UI', 'LEVEL=2', 'NAME=\\\\\\"x y\\\\\\"']);
      expect(config.defines[0].range[0]).toBe(text.indexOf('-DCONTOSO_UI') + 2);
    });

    it('include folders joined and separate, resolved against the entry\'s directory', () => {
      expect(config.includeDirs.map((d) => d.value)).toEqual(['/work/contoso/inc', '/work/contoso/coinst/gen', 'C:\\ddk\\inc']);
      expect(config.includeDirs.map((d) => written(d.range))).toEqual(['../inc', 'gen', 'C:\\\\ddk\\\\inc']);
    });

    it('no libraries, delay loads or headers', () => {
      expect(config.libraries).toEqual([]);
      expect(config.delayLoad).toEqual([]);
      expect(config.headers).toEqual([]);
    });

    it('malformed JSON: a diagnostic at the parse error, no file', () => {
      const bad = ['[', '  { "directory": "/w", "file": "a.c" "command": "cl a.c" }', ']'].join(eol);
      const read = readCompileCommands(FILE, bad);
      expect(read.configurations[0].sources).toEqual([]);
      expect(read.diagnostics).toHaveLength(1);
      expect(read.diagnostics[0].message).toMatch(/^malformed JSON: unexpected/);
      expect(read.diagnostics[0].range[0]).toBe(bad.indexOf('"command"'));
    });

    it('an entry of the wrong shape is reported at the entry; the others are read', () => {
      const odd = ['[', '  42,', '  { "directory": "/w", "command": "cl a.c" },', '  { "directory": "/w", "file": "b.c", "command": "cl /DB b.c" }', ']'].join(eol);
      const read = readCompileCommands(FILE, odd);
      expect(read.diagnostics.map((d) => d.message)).toEqual([
        'an entry of a compilation database is an object {directory, file, command or arguments}',
        'an entry without a "file" string',
      ]);
      expect(odd.slice(...read.diagnostics[0].range)).toBe('42');
      expect(odd.slice(...read.diagnostics[1].range)).toBe('{ "directory": "/w", "command": "cl a.c" }');
      expect(read.configurations[0].sources.map((s) => s.value)).toEqual(['/w/b.c']);
      expect(read.configurations[0].defines.map((d) => d.value)).toEqual(['B']);
    });

    it('a document that is not an array is reported', () => {
      const read = readCompileCommands(FILE, '{}');
      expect(read.diagnostics[0].range).toEqual([0, 2]);
    });

    it('readBuildFile reads compile_commands.json by its name', () => {
      expect(readBuildFile(FILE, text, () => undefined)?.kind).toBe('compile_commands');
    });
  });
}
