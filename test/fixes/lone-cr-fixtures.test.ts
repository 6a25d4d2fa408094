/**
 * Lone CR line ends on every fixture (docs/architecture.md, "Line ends"): GCC reads a lone CR as a
 * line end, so a file is the same program with LF, CRLF or CR lines, and the linter must say the
 * same of it. Every C file of test/fixtures/ (each file a module of its own) and the example DLL
 * (examples/contoso-coinstaller, one module with its header, .def and .inf), converted from LF to
 * lone CR, in C and renamed C++: the same findings (rule, message, start and end line/column) as
 * the LF text, and `--fix` (Linter.fixModule) writes CR only, never LF. On the example, the CR
 * copy gives the findings examples/README.md lists by hand, and its fixed text is the LF one with
 * CR line ends.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintFiles } from '../../api/index.js';
import type { ModuleFileInput } from '../../engine/linter/linter.js';
import type { LintMessage } from '../../engine/linter/types.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { allRulesConfig, realLinter } from '../robustness/invariants.js';
import { documentedKeys, EXAMPLES_ROOT, findingKey } from '../support/example-findings.js';
import { filesUnder } from '../support/fix-acceptance.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const EXAMPLE = join(EXAMPLES_ROOT, 'contoso-coinstaller');
const toCr = (text: string) => text.replace(/\r?\n/g, '\r');
const asCpp = (path: string) => path.replace(/\.c$/, '.cpp');
const config = allRulesConfig();

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser.delete());

/** A finding as the comparison sees it: where it starts and ends, its rule and message. */
const describeMessage = (m: LintMessage) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId ?? '(directive)'} ${m.message}`;

function lint(inputs: ModuleFileInput[]): Map<string, string[]> {
  const linter = realLinter(parser);
  try {
    return new Map(linter.lintModule(inputs, () => config).map((r) => [r.filePath, r.messages.map(describeMessage)]));
  } finally {
    linter.dispose();
  }
}

function fix(inputs: ModuleFileInput[]): Map<string, string> {
  const linter = realLinter(parser);
  try {
    return new Map(linter.fixModule(inputs, () => config).map((r) => [r.filePath, r.output]));
  } finally {
    linter.dispose();
  }
}

const fixtureFiles = filesUnder(FIXTURES, (p) => p.endsWith('.c'));
const exampleFiles = filesUnder(EXAMPLE).map((filePath) => ({ filePath, text: readFileSync(filePath, 'utf8') }));

describe('the fixtures', () => {
  it('are found', () => {
    expect(fixtureFiles.length).toBeGreaterThanOrEqual(25);
  });
});

describe.each([
  ['C', (p: string) => p],
  ['C++', asCpp],
])('every fixture converted to lone CR, as %s', (_language, rename) => {
  it('gives the findings of its LF text, at the same lines and columns', () => {
    let compared = 0;
    for (const path of fixtureFiles) {
      const text = readFileSync(path, 'utf8');
      const filePath = rename(path);
      const lf = lint([{ filePath, text }]).get(filePath)!;
      const cr = lint([{ filePath, text: toCr(text) }]).get(filePath)!;
      expect(cr, relative(FIXTURES, path)).toEqual(lf);
      compared += lf.length;
    }
    expect(compared, 'findings compared over all fixtures').toBeGreaterThanOrEqual(20);
  });

  it('is fixed as its LF text is, with CR line ends only: --fix never writes an LF', () => {
    let fixed = 0;
    for (const path of fixtureFiles) {
      const filePath = rename(path);
      const lf = readFileSync(path, 'utf8');
      const output = fix([{ filePath, text: toCr(lf) }]).get(filePath)!;
      expect(output.includes('\n'), relative(FIXTURES, path)).toBe(false);
      expect(output, relative(FIXTURES, path)).toBe(toCr(fix([{ filePath, text: lf }]).get(filePath)!));
      if (output !== toCr(lf)) fixed++;
    }
    expect(fixed, 'fixtures that --fix changed').toBeGreaterThanOrEqual(8);
  });
});

describe.each([
  ['C', (p: string) => p],
  ['C++', asCpp],
])('the example DLL converted to lone CR, as %s', (_language, rename) => {
  const inputs = (convert: (t: string) => string) => exampleFiles.map((f) => ({ filePath: rename(f.filePath), text: convert(f.text) }));

  it('gives the findings of its LF text in every file', () => {
    const lf = lint(inputs((t) => t));
    expect([...lint(inputs(toCr))]).toEqual([...lf]);
    expect([...lf.values()].flat().length).toBeGreaterThanOrEqual(10);
  });

  it('is fixed as the LF text is, with CR line ends and no LF', () => {
    const lf = fix(inputs((t) => t));
    const cr = fix(inputs(toCr));
    let changed = 0;
    for (const [filePath, output] of cr) {
      expect(output.includes('\n'), filePath).toBe(false);
      expect(output, filePath).toBe(toCr(lf.get(filePath)!));
      if (output !== toCr(exampleFiles.find((f) => rename(f.filePath) === filePath)!.text)) changed++;
    }
    expect(changed, 'files --fix changed').toBeGreaterThanOrEqual(2);
  });
});

describe('the example DLL as lone-CR files on disk', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'cil-lone-cr-'));
    cpSync(EXAMPLES_ROOT, join(root, 'examples'), { recursive: true });
    for (const f of exampleFiles) {
      const copy = join(root, 'examples', relative(EXAMPLES_ROOT, f.filePath));
      writeFileSync(copy, toCr(f.text));
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reports what examples/README.md lists (module discovery, includes, .def and .inf read from CR files)', async () => {
    const results = await lintFiles('examples/', { cwd: root });
    const found = results.flatMap((r) => r.messages.map((m) => findingKey(r.filePath.split('/').pop()!, m.line, m.column, m.ruleId ?? '')));
    expect(found).toEqual(documentedKeys());
  });
});
