import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Node, Tree } from 'web-tree-sitter';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { countParseProblems } from '../../engine/parsing/parse-problems.js';
import { hasMingw, mingwSyntaxCheck } from '../support/mingw.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const FIXTURE = path.join(HERE, 'fixtures/sal-heavy-coinstaller.c');
const MINGW_INCLUDE = '/usr/share/mingw-w64/include';

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser.delete());

function withTree<T>(tree: Tree, use: (tree: Tree) => T): T {
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}

function functionNamed(root: Node, name: string): Node | undefined {
  return root.descendantsOfType('function_definition').find((fn) => {
    const declarator = fn?.childForFieldName('declarator');
    const inner = declarator?.type === 'function_declarator' ? declarator : declarator?.descendantsOfType('function_declarator')[0];
    return inner?.childForFieldName('declarator')?.text === name;
  });
}

describe('parsing after macro blanking', () => {
  const text = readFileSync(FIXTURE, 'utf8');

  it('a SAL-heavy co-installer has ERROR nodes as it is, and none once blanked', () => {
    const raw = withTree(parser.parseRaw(text), (tree) => countParseProblems(tree.rootNode));
    const blanked = withTree(parser.parse(text), (tree) => countParseProblems(tree.rootNode));
    expect(raw).toBeGreaterThan(0);
    expect(blanked).toBe(0);
  });

  it('keeps __declspec(dllexport) on the exported entry point, as a declspec modifier at its real offset', () => {
    withTree(parser.parse(text), (tree) => {
      const entry = functionNamed(tree.rootNode, 'SensorCoInstaller');
      expect(entry).toBeDefined();
      const declspec = entry!.children.find((c) => c?.type === 'ms_declspec_modifier');
      expect(declspec?.text).toBe('__declspec(dllexport)');
      expect(declspec!.startIndex).toBe(text.indexOf('__declspec(dllexport)'));
      const params = entry!.descendantsOfType('parameter_declaration').map((p) => p?.childForFieldName('declarator')?.text);
      expect(params).toEqual(['InstallFunction', 'DeviceInfoSet', 'DeviceInfoData', 'Context']);
    });
  });

  it('reads the annotated helper as a function of five parameters with their own types', () => {
    withTree(parser.parse(text), (tree) => {
      const helper = functionNamed(tree.rootNode, 'ReadCalibration');
      expect(helper).toBeDefined();
      const params = helper!.childForFieldName('declarator')!.childForFieldName('parameters')!.namedChildren;
      expect(params.map((p) => p?.childForFieldName('type')?.text)).toEqual(['HDEVINFO', 'PSP_DEVINFO_DATA', 'PBYTE', 'DWORD', 'PDWORD']);
      // Lines and columns are those of the file: the third parameter's type starts where the file has it.
      const third = params[2].childForFieldName('type')!;
      const line = text.split('\n').findIndex((l) => l.includes('PBYTE Buffer'));
      expect(third.startPosition).toEqual({ row: line, column: text.split('\n')[line].indexOf('PBYTE') });
    });
  });

  it('the fixture is real Windows C: it compiles against the mingw-w64 headers', (context) => {
    if (!hasMingw()) return context.skip();
    expect(mingwSyntaxCheck(FIXTURE)).toBe('');
  });

  it('every C file and header of the example co-installer and of the domain example parses without errors', () => {
    const dirs = [path.join(REPO, 'examples/contoso-coinstaller'), path.join(REPO, 'test/fixtures/domain/finish-install-example')].filter(existsSync);
    const files = dirs.flatMap((d) => readdirSync(d).filter((f) => /\.[ch]$/.test(f)).map((f) => path.join(d, f)));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const problems = withTree(parser.parse(readFileSync(file, 'utf8')), (tree) => countParseProblems(tree.rootNode));
      expect(problems, file).toBe(0);
    }
  });

  it('the SetupAPI, CfgMgr and COM headers of mingw-w64 parse without errors once blanked (and not before)', (context) => {
    if (!existsSync(MINGW_INCLUDE)) return context.skip();
    for (const header of ['setupapi.h', 'newdev.h', 'cfgmgr32.h', 'winsvc.h', 'winreg.h', 'unknwn.h', 'objbase.h']) {
      const source = readFileSync(path.join(MINGW_INCLUDE, header), 'utf8');
      expect(withTree(parser.parseRaw(source), (tree) => tree.rootNode.hasError), `${header} as it is`).toBe(true);
      expect(withTree(parser.parse(source), (tree) => countParseProblems(tree.rootNode)), `${header} blanked`).toBe(0);
    }
  });
});
