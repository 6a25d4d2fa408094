/**
 * Lone CR line ends in the lexing, blanking and parsing (docs/architecture.md, "Line ends"). GCC
 * ends a `//` comment, a directive, an unterminated literal and a line splice at a lone CR as at
 * LF; tree-sitter-cpp does not (a lone CR is whitespace to it, and its `//` comments and
 * directives end at LF), so the text it is given has each lone CR made an LF. Written by hand
 * from the C preprocessor's rules; the corpus checks compare a CR copy with the LF text.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { includesOf } from '../../engine/model/include-lines.js';
import { isLineEnd, nextDirective, skipDirective, skipLineComment, skipQuoted, spliceEnd } from '../../engine/parsing/c-lexing.js';
import { inactiveRanges } from '../../engine/parsing/conditional-evaluation.js';
import { preprocessorConditions } from '../../engine/parsing/configuration-conditions.js';
import { blankForParse, CppParser } from '../../engine/parsing/cpp-parser.js';
import { findWindowsMacros } from '../../engine/parsing/macro-blanking.js';
import { filesUnder } from '../support/fix-acceptance.js';

const REPO = join(import.meta.dirname, '..', '..');
const toCr = (text: string) => text.replace(/\r?\n/g, '\r');

describe('c-lexing at a lone CR', () => {
  it('a line ends at LF and at a lone CR, not at the CR of a CRLF', () => {
    const text = 'a\rb\r\nc\n';
    expect([1, 3, 4, 6].map((i) => isLineEnd(text, i, text.charCodeAt(i)))).toEqual([true, false, true, true]);
  });
  it('a // comment ends at a lone CR (the index of the CR), at the LF of a CRLF, and continues over a splice', () => {
    expect(skipLineComment('// a\rf();', 0)).toBe(4);
    expect(skipLineComment('// a\r\nf();', 0)).toBe(5);
    expect(skipLineComment('// a \\\rb\rf();', 0)).toBe(8);
  });
  it('a splice is a backslash before LF, CRLF or a lone CR', () => {
    expect(spliceEnd('\\\rx', 0)).toBe(2);
    expect(spliceEnd('\\\r\nx', 0)).toBe(3);
    expect(spliceEnd('\\\nx', 0)).toBe(2);
    expect(spliceEnd('\\ \rx', 0)).toBe(-1);
  });
  it('a directive ends at a lone CR unless a splice continues it', () => {
    const text = '#define A 1\rint a;';
    expect(skipDirective(text, 0)).toBe(11);
    const spliced = '#define B \\\r  2\rint b;';
    expect(skipDirective(spliced, 0)).toBe(spliced.indexOf('\rint'));
  });
  it('an unterminated literal stops at a lone CR; a splice continues it', () => {
    expect(skipQuoted('"abc\rdef"', 0, 0x22)).toBe(4);
    expect(skipQuoted('"ab\\\rcd"x', 0, 0x22)).toBe(8);
    expect(skipQuoted('"ab\\\r\ncd"x', 0, 0x22)).toBe(9);
  });
  it('a # after a lone CR starts a directive; one after a // comment on the same line does not', () => {
    expect(nextDirective('int a;\r#if 0\r', 0, true)).toBe(7);
    expect(nextDirective('int a; // x\r  #endif', 0, true)).toBe(14);
    expect(nextDirective('int a; # not\r', 0, true)).toBe(-1);
  });
});

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser.delete());

/** The tree of a text as the linter parses it, as an S-expression. */
function parsed(text: string): string {
  const tree = parser.parse(text);
  try {
    return tree.rootNode.toString();
  } finally {
    tree.delete();
  }
}

describe('tree-sitter-cpp and a lone CR', () => {
  it('the grammar alone reads a // comment over a lone CR to the next LF (why the parser is given LF)', () => {
    const tree = parser.parseRaw('// note\rvoid f(void) { g(); }\r');
    try {
      expect(tree.rootNode.toString()).toBe('(translation_unit (comment))');
    } finally {
      tree.delete();
    }
  });
  it('as the linter parses it, the comment ends at the CR and the function follows, at the same offsets', () => {
    const text = '// note\rvoid f(void) { g(); }\r';
    const tree = parser.parse(text);
    try {
      const [comment, fn] = tree.rootNode.namedChildren;
      expect([comment.type, comment.startIndex, comment.endIndex]).toEqual(['comment', 0, 7]);
      expect([fn.type, fn.startIndex, fn.endIndex]).toEqual(['function_definition', 8, 29]);
    } finally {
      tree.delete();
    }
  });
  it('#define and #include lines end at a lone CR', () => {
    expect(parsed('#include "contoso.h"\r#define A 1 // one\rint f(void) { return A; }\r')).toBe(parsed('#include "contoso.h"\n#define A 1 // one\nint f(void) { return A; }\n'));
  });
});

/** Every C/C++ text of the repository's fixtures and examples, and a few mingw-w64 headers when installed. */
function corpus(): string[] {
  const files = [
    ...filesUnder(join(REPO, 'test', 'fixtures'), (p) => /\.(c|cpp|h)$/.test(p)),
    ...filesUnder(join(REPO, 'test', 'parsing', 'fixtures')),
    ...filesUnder(join(REPO, 'examples'), (p) => /\.(c|h)$/.test(p)),
  ];
  for (const header of ['setupapi.h', 'cfgmgr32.h', 'prsht.h']) {
    const p = join('/usr/share/mingw-w64/include', header);
    if (existsSync(p)) files.push(p);
  }
  return files;
}

describe('blanking a CR copy of each corpus file', () => {
  const files = corpus();
  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });
  it('gives the parser the text it gets from the LF file: the same blanking, the same lines', () => {
    for (const p of files) {
      const lf = readFileSync(p, 'utf8').replace(/\r\n?/g, '\n');
      expect(blankForParse(toCr(lf)).blanked, p).toBe(blankForParse(lf).blanked);
    }
  });
  it('finds the same Windows macros at the same offsets', () => {
    for (const p of files) {
      const lf = readFileSync(p, 'utf8').replace(/\r\n?/g, '\n');
      expect(findWindowsMacros(toCr(lf)), p).toEqual(findWindowsMacros(lf));
    }
  });
});

describe('preprocessor conditions on CR lines', () => {
  const x64 = preprocessorConditions({ filePath: 'C:/src/contoso.c', configuration: 'Release|x64', defines: ['CONTOSO_LEVEL=3'] })!;
  const dead = (text: string) => inactiveRanges(text, x64).map(([s, e]) => text.slice(s, e).trim());
  it('a directive ends at its CR; a // comment on it does not hide the next line', () => {
    const lines = ['#ifdef CONTOSO_VERBOSE // verbose builds only', 'verbose();', '#else', 'quiet();', '#endif'];
    expect(dead(lines.join('\r'))).toEqual(['verbose();']);
  });
  it('a condition continued by a splice before a lone CR is read whole', () => {
    const lines = ['#if CONTOSO_LEVEL > 2 && \\', '    defined(_WIN64)', 'high();', '#else', 'low();', '#endif'];
    expect(dead(lines.join('\r'))).toEqual(['low();']);
  });
  it('blankForParse with conditions gives the text of the LF file', () => {
    const lines = ['#if CONTOSO_LEVEL > 5 // never here', 'LoadLibraryW(L"x.dll");', '#endif', 'int a;', ''];
    expect(blankForParse(lines.join('\r'), x64).blanked).toBe(blankForParse(lines.join('\n'), x64).blanked);
  });
});

describe('#include lines of a CR file on disk', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cil-lone-cr-includes-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('are found on every CR line', () => {
    const file = join(dir, 'coinst.c');
    writeFileSync(file, ['// Contoso co-installer', '#include <windows.h>', '#include "contoso.h"', '  #  include "sub/ui.h" // the pages', 'int a;', ''].join('\r'));
    expect(includesOf(file)).toEqual([
      { path: 'windows.h', quoted: false },
      { path: 'contoso.h', quoted: true },
      { path: 'sub/ui.h', quoted: true },
    ]);
  });
});
