/**
 * Build files as a language of the linter (docs/architecture.md, "Build files"): which files are
 * build files, where their comments are (XML comments; `#` lines of NMAKE syntax; none in JSON),
 * so that disable directives work in them, and that the walk lints them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectFiles } from '../../engine/batch/file-walker.js';
import { buildComments } from '../../engine/linter/comments.js';
import { fileLanguage } from '../../engine/linter/linter.js';
import { isBuildFile } from '../../engine/parsing/cpp-parser.js';

describe('the build language', () => {
  it('MSBuild projects, property sheets and targets by extension; sources, makefile.inc and compile_commands.json by name', () => {
    for (const f of ['C:\\drv\\contoso.vcxproj', '/drv/Contoso.PROPS', '/drv/contoso.targets', '/drv/sources', 'C:\\drv\\SOURCES', '/drv/makefile.inc', '/drv/compile_commands.json']) {
      expect(fileLanguage(f), f).toBe('build');
      expect(isBuildFile(f), f).toBe(true);
    }
    for (const f of ['/drv/contoso.vcxproj.filters', '/drv/contoso.vcxproj.user', '/drv/sources.txt', '/drv/makefile', '/drv/other.json', '/sources/a.c']) {
      expect(isBuildFile(f), f).toBe(false);
    }
    expect(fileLanguage('/sources/a.c')).toBe('cpp');
    expect(fileLanguage('/drv/x.inf')).toBe('inf');
  });

  for (const [eolName, eol] of [['LF', '\n'], ['CRLF', '\r\n']] as const) {
    it(`XML comments, over lines too, and none inside CDATA (${eolName})`, () => {
      const text = ['<Project>', '  <!-- coinstaller-lint-disable no-dll-load -->', '  <X><![CDATA[ <!-- not a comment --> ]]></X>', '  <!-- two', '  lines -->', '</Project>'].join(eol);
      const first = text.indexOf('<!--');
      const second = text.lastIndexOf('<!--');
      expect(buildComments('/p/contoso.vcxproj', text)).toEqual([
        { value: ' coinstaller-lint-disable no-dll-load ', range: [first, first + '<!-- coinstaller-lint-disable no-dll-load -->'.length] },
        { value: ` two${eol}  lines `, range: [second, second + `<!-- two${eol}  lines -->`.length] },
      ]);
    });

    it(`# to the end of the line in sources and makefile.inc, not ^# (${eolName})`, () => {
      const text = ['# coinstaller-lint-disable-next-line no-dll-load', 'TARGETLIBS=a.lib # trailing', 'C_DEFINES=-DX=^#1'].join(eol);
      const trailing = text.indexOf('# trailing');
      const expected = [
        { value: ' coinstaller-lint-disable-next-line no-dll-load', range: [0, 48] },
        { value: ' trailing', range: [trailing, trailing + 10] },
      ];
      expect(buildComments('/p/sources', text)).toEqual(expected);
      expect(buildComments('/p/makefile.inc', text)).toEqual(expected);
    });
  }

  it('compile_commands.json has no comments', () => {
    expect(buildComments('/p/compile_commands.json', '[{"file": "a.c", "command": "cl /c a.c # x <!-- y -->"}]')).toEqual([]);
  });

  describe('the walk', () => {
    const root = mkdtempSync(join(tmpdir(), 'coinstaller-lint-walk-build-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it('lints build files found in folders, besides C/C++ and INF files', () => {
      mkdirSync(join(root, 'wdk'));
      for (const f of ['a.c', 'contoso.vcxproj', 'contoso.vcxproj.filters', 'contoso.props', 'wdk/sources', 'wdk/makefile.inc', 'notes.txt']) writeFileSync(join(root, f), '');
      expect(collectFiles(['.'], { cwd: root }).files).toEqual(
        ['a.c', 'contoso.props', 'contoso.vcxproj', 'wdk/makefile.inc', 'wdk/sources'].map((f) => join(root, f)),
      );
    });
  });
});
