/**
 * Fuzzing with a fixed seed and a small budget: real-looking installer sources (the Contoso
 * example, the finish-install example, the rule fixtures) mutated as bytes, decoded as the CLI
 * decodes files, and linted through the real linter with every built-in rule and the real
 * installer model. The engine never throws, no rule crashes, every position lies inside its
 * document and matches its offset, fixes are whole and inside, and the same input gives the same
 * output twice. scripts/fuzz.ts runs the same cases for as long as you like.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinRules } from '../../rules/index.js';
import { ConfigError } from '../../engine/config/config-error.js';
import { parseConfigText } from '../../engine/config/load-config.js';
import type { Linter } from '../../engine/linter/linter.js';
import { LineIndex } from '../../engine/text/line-index.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { decodeBytes, encodeText } from '../../engine/text/decode.js';
import { mutate, mutators, randomInt, seededRandom, type MutationSizes } from '../support/mutate.js';
import { lintMutated, runFuzzCase, seedModules, type SeedFile } from './fuzz-case.js';
import { checkModule, realLinter } from './invariants.js';

/** Small sizes for the random mix, so that CI stays fast; the full sizes have their own cases below. */
const SMALL: MutationSizes = { depth: 300, longLine: 3_000 };
const SEED = 20260801;

let parser: CppParser;
let linter: Linter;
let modules: SeedFile[][];
beforeAll(async () => {
  parser = await CppParser.create();
  linter = realLinter(parser);
  modules = seedModules();
});
afterAll(() => parser.delete());

const EXAMPLE = join(import.meta.dirname, '../../examples/contoso-coinstaller');
const coinstaller = () => readFileSync(join(EXAMPLE, 'coinstaller.c'), 'utf8');

/** The Contoso module with one file (coinstaller.c by default) replaced by `text`, checked against every invariant. */
function checkCoinstaller(text: string, replaced = 'coinstaller.c'): string[] {
  const inputs = ['coinstaller.c', 'contoso.def', 'contoso.h', 'contoso.inf', 'maintenance.c', 'settings.c', 'ui.c', 'updater.c'].map((name) => ({
    filePath: join(EXAMPLE, name),
    text: name === replaced ? text : readFileSync(join(EXAMPLE, name), 'utf8'),
  }));
  return checkModule(linter, inputs).problems;
}

/** Inserts `code` at the start of the entry point's switch statement. */
function inEntryPoint(code: string): string {
  const text = coinstaller();
  const at = text.indexOf('switch (InstallFunction)');
  expect(at).toBeGreaterThan(0);
  return text.slice(0, at) + code + text.slice(at);
}

describe('fuzzing the linter with mutated installer sources', { timeout: 120_000 }, () => {
  it('has seed modules in every language the linter reads', () => {
    const names = modules.flat().map((f) => f.filePath);
    expect(names.some((n) => n.endsWith('.c'))).toBe(true);
    expect(names.some((n) => n.endsWith('.inf'))).toBe(true);
    expect(names.some((n) => n.endsWith('.def'))).toBe(true);
    expect(modules.length).toBeGreaterThan(10);
  });

  it.each(mutators.map((m) => m.name))('mutator %s: every file of the Contoso module', (name) => {
    const mutator = mutators.find((m) => m.name === name)!;
    const contoso = modules[0];
    const random = seededRandom(SEED ^ name.length);
    const failures: string[] = [];
    let linted = 0;
    contoso.forEach((file, index) => {
      const bytes = mutator.apply(file.bytes, random, SMALL);
      const r = lintMutated(linter, contoso, index, bytes, { seed: SEED, steps: [name] });
      if (!r.skipped) linted++;
      failures.push(...r.problems.map((p) => `${r.target}: ${p}`));
    });
    expect(failures).toEqual([]);
    // Only a NUL byte (inserted, or flipped into being) or a UTF-16 file's odd last byte makes a file one the CLI skips;
    // every other mutation gives text to lint.
    if (name === 'invalid-utf16') expect(linted).toBeGreaterThan(0);
    else if (name !== 'nul-bytes' && name !== 'byte-flip') expect(linted).toBe(contoso.length);
  });

  it('a random mix of one to three mutations on any seed file (fixed seed, 40 cases)', () => {
    const random = seededRandom(SEED);
    const failures: string[] = [];
    for (let i = 0; i < 40; i++) {
      const seed = randomInt(random, 2 ** 31);
      const r = runFuzzCase(linter, modules, seed, SMALL);
      failures.push(...r.problems.map((p) => `seed ${seed} (${r.target}: ${r.steps.join(', ')}): ${p}`));
    }
    expect(failures).toEqual([]);
  });
});

describe('inputs at full size', { timeout: 120_000 }, () => {
  it.each([
    ['braces', '{'.repeat(10_000) + 'LoadLibraryW(L"x");' + '}'.repeat(10_000)],
    ['parentheses', 'x = ' + '('.repeat(10_000) + 'LoadLibraryW(L"x")' + ')'.repeat(10_000) + ';'],
    ['brackets', 'x = a' + '[0]'.repeat(10_000) + ';'],
    ['calls', 'f('.repeat(10_000) + 'LoadLibraryW(L"x")' + ')'.repeat(10_000) + ';'],
    ['#if lines', '#if 1\n'.repeat(10_000) + 'LoadLibraryW(L"x");\n' + '#endif\n'.repeat(10_000)],
    ['unclosed braces', '{'.repeat(10_000)],
    // Was a stack overflow in finish-install-flag-placement (a recursive walk of the expression).
    ['a flag expression', 'Params.FlagsEx |= ' + '('.repeat(10_000) + 'DI_FLAGSEX_FINISHINSTALL_ACTION' + ')'.repeat(10_000) + ';'],
  ])('nesting 10,000 levels deep (%s) inside the entry point', (_name, code) => {
    expect(checkCoinstaller(inEntryPoint(code))).toEqual([]);
  });

  it('very long lines: a string and a comment of 200,000 characters, 2,500 statements on one line', () => {
    expect(checkCoinstaller(inEntryPoint(`x = "${'a'.repeat(200_000)}";`))).toEqual([]);
    expect(checkCoinstaller(inEntryPoint(`/* ${'LoadLibraryW(L"x"); '.repeat(10_000)} */`))).toEqual([]);
    expect(checkCoinstaller(inEntryPoint('LoadLibraryW(0); '.repeat(2_500)))).toEqual([]);
  });

  it('text an editor can send that no file decodes to: NUL characters, lone surrogates, CR-only lines', () => {
    const text = coinstaller();
    expect(checkCoinstaller(text.replace(/;/g, ';\0'))).toEqual([]);
    expect(checkCoinstaller(text.replace(/\n/g, '\uD800\n').replace(/\(/g, '(\uDC00'))).toEqual([]);
    expect(checkCoinstaller(text.replace(/\r?\n/g, '\r'))).toEqual([]);
    expect(checkCoinstaller('')).toEqual([]);
  });

  it('a .def file with U+FEFF, U+00A0 or U+2028 after a word (the .def tokenizer looped forever on them)', () => {
    const def = readFileSync(join(EXAMPLE, 'contoso.def'), 'utf8');
    for (const space of ['\uFEFF', '\u00A0', '\u2028']) {
      expect(checkCoinstaller(def.replace('EXPORTS', `EXPORTS${space}`).replace('ContosoCoInstaller', `ContosoCoInstaller${space}`), 'contoso.def')).toEqual([]);
    }
  });

  it('still finds the guideline violation after the mutation, at the right place (lone surrogates before it)', () => {
    // `\uD800` before every newline shifts nothing on the line of the load: the call keeps its columns.
    const text = coinstaller().replace(/\n/g, '\uD800\n');
    const results = linter.lintModule([{ filePath: join(EXAMPLE, 'coinstaller.c'), text }], () => ({
      filePath: null,
      rules: { 'no-dll-load': { severity: 2, options: [] } },
      settings: { uiApis: [], processApis: [], libraryLoadApis: [], entryPoints: [], interactiveFunctions: [], target: 'windows-driver' },
      ignores: [],
      reportUnusedDisableDirectives: 0,
    }));
    // coinstaller.c line 33: `    helper = LoadLibraryW(L"contosohelper.dll");` (as test/cli/cli.test.ts counts it)
    expect(results[0].messages.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn])).toContainEqual(['no-dll-load', 33, 14, 33, 26]);
  });

  it('bytes the CLI reads: UTF-16 with lone surrogates decodes losslessly; an odd UTF-16 length and NUL bytes without a BOM are skipped', () => {
    // A, a lone high surrogate, ;
    const utf16 = Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x3b, 0x00]);
    expect(decodeBytes(utf16)).toEqual({ ok: true, text: 'A\uD800;', encoding: 'utf-16le' });
    const be = Uint8Array.from([0xfe, 0xff, 0xdc, 0x00, 0x00, 0x41]);
    expect(decodeBytes(be)).toEqual({ ok: true, text: '\uDC00A', encoding: 'utf-16be' });
    // Written back, a lone surrogate gives the same bytes (what --fix relies on outside its edits).
    expect([...encodeText('\uDC00A', 'utf-16be')]).toEqual([...be]);
    // Half a code unit at the end cannot be kept: the file is skipped rather than changed by --fix.
    expect(decodeBytes(Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x42]))).toMatchObject({ ok: false, reason: 'binary' });
    expect(decodeBytes(Uint8Array.from([0x69, 0x6e, 0x74, 0x00, 0x3b]))).toMatchObject({ ok: false, reason: 'binary' });
  });

  it('a UTF-8 byte order mark before bytes that are not UTF-8: read as Windows-1252, so every byte is kept', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, 0x69, 0xe9, 0x3b]);
    expect(decodeBytes(bytes)).toEqual({ ok: true, text: '\u00ef\u00bb\u00bfi\u00e9;', encoding: 'windows-1252' });
    // Two BOMs: the second is text (U+FEFF), not dropped.
    expect(decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x78]))).toEqual({ ok: true, text: '\uFEFFx', encoding: 'utf-8-bom' });
  });

  it('every mutated file the CLI would lint is written back byte for byte by --fix outside its edits (decode, then encode: 400 cases)', () => {
    const random = seededRandom(SEED + 1);
    const failures: string[] = [];
    let decoded = 0;
    for (let i = 0; i < 400; i++) {
      const module = modules[randomInt(random, modules.length)];
      const file = module[randomInt(random, module.length)];
      const { bytes: mutated, steps } = mutate(file.bytes, random, { sizes: { depth: 50, longLine: 200 } });
      const bytes = random() < 0.3 ? Uint8Array.from([0xef, 0xbb, 0xbf, ...mutated]) : mutated;
      const d = decodeBytes(bytes);
      if (!d.ok) continue;
      decoded++;
      if (!Buffer.from(encodeText(d.text, d.encoding)).equals(Buffer.from(bytes))) failures.push(`case ${i} (${steps.join(', ')}) as ${d.encoding}`);
    }
    expect(failures).toEqual([]);
    expect(decoded).toBeGreaterThan(300);
  });
});

describe('fuzzing the config reader', () => {
  const CONFIG = JSON.stringify(
    {
      $schema: './node_modules/coinstaller-lint/schema/config.schema.json',
      extends: 'all',
      rules: { 'no-dll-load': 'error', 'no-ui-outside-finish-install': ['warn'] },
      ignores: ['build/**', '!build/keep.c'],
      settings: { uiApis: ['ShowContosoDialog'], target: 'universal', entryPoints: ['ContosoCoInstaller'] },
      reportUnusedDisableDirectives: 'off',
    },
    null,
    2,
  );

  it('a mutated coinstaller-lint.json gives a config or a ConfigError whose line:column and range lie inside the text (150 cases)', () => {
    expect(() => parseConfigText(CONFIG, '/w/coinstaller-lint.json', builtinRules)).not.toThrow();
    const random = seededRandom(SEED);
    const failures: string[] = [];
    let errors = 0;
    for (let i = 0; i < 150; i++) {
      const { bytes, steps } = mutate(new TextEncoder().encode(CONFIG), random, { sizes: { depth: 2_000, longLine: 3_000 } });
      const decoded = decodeBytes(bytes);
      if (!decoded.ok) continue;
      const text = decoded.text;
      try {
        parseConfigText(text, '/w/coinstaller-lint.json', builtinRules);
      } catch (error) {
        if (!(error instanceof ConfigError)) {
          failures.push(`case ${i} (${steps.join(', ')}): threw ${(error as Error)?.stack ?? String(error)}`);
          continue;
        }
        errors++;
        const lines = new LineIndex(text);
        if (error.range && (error.range[0] < 0 || error.range[1] < error.range[0] || error.range[1] > text.length)) failures.push(`case ${i}: range ${error.range.join(',')} outside ${text.length}`);
        if (error.line !== undefined && (error.line < 1 || error.line > lines.lineCount)) failures.push(`case ${i}: line ${error.line} of ${lines.lineCount}`);
        if (error.range && error.line !== undefined) {
          const p = lines.positionAt(error.range[0]);
          if (p.line + 1 !== error.line || p.character + 1 !== error.column) failures.push(`case ${i}: ${error.line}:${error.column} is not offset ${error.range[0]}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(errors).toBeGreaterThan(50);
  });
});
