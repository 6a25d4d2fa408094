import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryPointsInFile } from '../../rules/support/entry-points-in-file.js';
import { installerModelOf } from '../../engine/model/contract.js';
import type { RuleContext } from '../../engine/linter/types.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { SourceCode } from '../../engine/linter/source-code.js';

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

const contextOf = (sourceCode: SourceCode, services: Record<string, unknown> = {}) =>
  ({ filePath: '/m/a.c', sourceCode, services, settings: {}, options: [], id: 'x', report: () => {} }) as unknown as RuleContext<string, unknown[]>;

describe('entryPointsInFile, found once per file and model', () => {
  it('gives every rule of one lint the same list; a new SourceCode or another model is asked again', () => {
    const tree = parser.parse(TEXT);
    try {
      const source = new SourceCode(TEXT, tree);
      const first = entryPointsInFile(contextOf(source), undefined);
      expect(first.map((e) => [e.name, e.kind, e.dif, e.context])).toEqual([
        ['CoInstaller', 'co-installer', 'f', 'c'],
        ['ClassInstaller', 'class-installer', 'f', undefined],
      ]);
      expect(entryPointsInFile(contextOf(source), undefined)).toBe(first);
      expect(entryPointsInFile(contextOf(new SourceCode(TEXT, tree)), undefined)).not.toBe(first);

      // two rules' views of one model share the answer; a model with no entry point in this file finds none
      const model = { entryPoints: [], contextsAt: () => [], onlyFromDllMain: () => false };
      const a = contextOf(source, { installer: model });
      const b = contextOf(source, { installer: model });
      const fromModel = entryPointsInFile(a, installerModelOf(a));
      expect(fromModel).toEqual([]);
      expect(entryPointsInFile(b, installerModelOf(b))).toBe(fromModel);
      expect(entryPointsInFile(contextOf(source), undefined)).not.toBe(fromModel);
    } finally {
      tree.delete();
    }
  });
});
