/**
 * Edits inside a C++ method, spliced (summary-splice.ts): the spliced summary is the summary of the
 * whole new text, and the shape changes when the edit changes what the model reads of C++ state
 * (docs/architecture.md, Incremental use): a member written in a method makes calls of it on a
 * singleton or a global object writes (globals-cxx.ts), although the member is no name the module
 * declares. A local written does not change the shape. C++ only (methods); the C edits are tested
 * in summary-splice.test.ts. LF and CRLF.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileLanguage, type ParsedFile } from '../../engine/linter/linter.js';
import { SourceCode } from '../../engine/linter/source-code.js';
import { summarizeFile } from '../../engine/model/file-summary.js';
import { wasmBindingOf } from '../../engine/model/summarize-cursor.js';
import { moduleNames, spliceTopLevelSummary } from '../../engine/model/summary-splice.js';
import { editedTopLevelFunction, topLevelOutline } from '../../engine/model/top-level-outline.js';
import { CppParser, wasmModuleObject } from '../../engine/parsing/cpp-parser.js';

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser.delete());

const CODE = [
  'class Settings {',
  'public:',
  '    static Settings& Instance();',
  '    void SetMode(int m);',
  '    int mode;',
  '};',
  'Settings& Settings::Instance() { static Settings s; return s; }',
  'void Settings::SetMode(int m)',
  '{',
  '    int unused = 0; /*HERE*/',
  '}',
  'void Use() { Settings::Instance().SetMode(2); }',
  '',
];

/** Types `inserted` at the marker of SetMode's body: the spliced summary, its shape, and the full summary. */
function typeInto(eol: string, inserted: string) {
  const text = CODE.join(eol);
  const at = text.indexOf('/*HERE*/');
  const next = text.slice(0, at) + inserted + text.slice(at);
  const name = 'settings.cpp';
  const before = parser.parse(text);
  const after = parser.parse(next);
  try {
    const binding = wasmBindingOf(wasmModuleObject());
    const file = (t: string, tree: typeof before): ParsedFile => ({ filePath: `/m/${name}`, language: fileLanguage(name), sourceCode: new SourceCode(t, tree) });
    const old = summarizeFile(file(text, before));
    const newFile = file(next, after);
    const full = summarizeFile(newFile);
    const node = editedTopLevelFunction(topLevelOutline(before, binding), topLevelOutline(after, binding), after.rootNode, at, at, inserted.length)?.node;
    expect(node).toBeDefined();
    const spliced = spliceTopLevelSummary(old, node!, next, text, inserted.length, newFile.sourceCode.lineIndex.lineStarts, binding, moduleNames([old]));
    return { spliced: spliced!, full };
  } finally {
    before.delete();
    after.delete();
  }
}

describe.each([
  ['LF', '\n'],
  ['CRLF', '\r\n'],
])('splicing an edit inside a C++ method (%s)', (_, eol) => {
  it('a member written: the shape changes, and the summary is the whole text\'s', () => {
    const { spliced, full } = typeInto(eol, 'mode = m;');
    expect(spliced.summary).toStrictEqual(full);
    expect(spliced.sameShape).toBe(false);
  });

  it('a member written through this: the shape changes', () => {
    const { spliced, full } = typeInto(eol, 'this->mode = m;');
    expect(spliced.summary).toStrictEqual(full);
    expect(spliced.sameShape).toBe(false);
  });

  it('a local written: the shape stays', () => {
    const { spliced, full } = typeInto(eol, 'unused = m;');
    expect(spliced.summary).toStrictEqual(full);
    expect(spliced.sameShape).toBe(true);
  });
});
