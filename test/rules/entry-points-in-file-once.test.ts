import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryPointsInFile } from '../../rules/support/entry-points-in-file.js';
import { defaultSettings } from '../../engine/config/resolved-config.js';
import type { RuleContext, RuleServices } from '../../engine/linter/types.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { SourceCode } from '../../engine/linter/source-code.js';
import { fakeInstallerModel } from './fake-installer-model.js';

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser?.delete());

const TEXT = [
  'DWORD CALLBACK CoInstaller(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c) { return NO_ERROR; }',
  'DWORD CALLBACK ClassInstaller(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d) { return ERROR_DI_DO_DEFAULT; }',
  '',
].join('\n');

const contextOf = (sourceCode: SourceCode, services: RuleServices = {}): RuleContext => ({
  filePath: '/m/a.c',
  sourceCode,
  services,
  settings: defaultSettings(),
  options: [],
  id: 'x',
  report: () => {},
});

describe('entryPointsInFile, found once per file and model', () => {
  it('gives every rule of one lint the same list; a new SourceCode or another model is asked again', () => {
    const tree = parser.parse(TEXT);
    try {
      const source = new SourceCode(TEXT, tree);
      const first = entryPointsInFile(contextOf(source));
      expect(first.map((e) => [e.name, e.kind, e.dif, e.context])).toEqual([
        ['CoInstaller', 'co-installer', 'f', 'c'],
        ['ClassInstaller', 'class-installer', 'f', undefined],
      ]);
      expect(entryPointsInFile(contextOf(source))).toBe(first);
      expect(entryPointsInFile(contextOf(new SourceCode(TEXT, tree)))).not.toBe(first);

      // two rules' contexts with one model share the answer; a model with no entry point in this file finds none
      const model = fakeInstallerModel({ entryPoints: [] });
      const a = contextOf(source, { installer: model });
      const b = contextOf(source, { installer: model });
      const fromModel = entryPointsInFile(a);
      expect(fromModel).toEqual([]);
      expect(entryPointsInFile(b)).toBe(fromModel);
      expect(entryPointsInFile(contextOf(source))).not.toBe(fromModel);
    } finally {
      tree.delete();
    }
  });
});
