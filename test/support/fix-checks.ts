/**
 * The three-way check of every fix and suggestion, in one place: the edit gives the exact text
 * written by hand, the fixed file parses with no new ERROR nodes and re-lints without the
 * finding, and mingw-w64 compiles it (`-fsyntax-only`; skipped, saying so, where it is absent).
 *
 * - checkFixesCompile: hand-written whole C files with the expected output.
 * - checkFixedModules: the fixes of a RuleTester case table (with their module files) and fixture
 *   pairs (`x.c` → `x.fixed.c` / `x.suggested.c`) linted with the rule's service providers.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, type ResolvedConfig } from '../../engine/config/resolved-config.js';
import { applyFixes } from '../../engine/linter/apply-fixes.js';
import { Linter, type ServiceProvider } from '../../engine/linter/linter.js';
import type { Fix, LintMessage, RuleModule } from '../../engine/linter/types.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import type { InvalidCase } from './rule-tester.js';
import { hasMingw, mingwSyntaxCheck } from './mingw.js';

/** A config with only `ruleId` on, as an error. */
function ruleConfig(ruleId: string, rule: RuleModule, options?: unknown[]): ResolvedConfig {
  return {
    filePath: null,
    rules: { [ruleId]: { severity: 2, options: options ?? rule.meta.defaultOptions ?? [] } },
    settings: defaultSettings(),
    ignores: [],
    reportUnusedDisableDirectives: 0,
  };
}

/** A parser and a linter of the one rule for the tests of the enclosing describe block, freed after them. */
function useLinter(ruleId: string, rule: RuleModule, serviceProviders: readonly ServiceProvider[]): { parser: () => CppParser; linter: () => Linter } {
  let parser: CppParser | undefined;
  let linter: Linter | undefined;
  beforeAll(async () => {
    parser = await CppParser.create();
    linter = new Linter({ rules: new Map([[ruleId, rule]]), parser, serviceProviders });
  });
  afterAll(() => {
    linter?.dispose();
    parser?.delete();
  });
  return { parser: () => parser!, linter: () => linter! };
}

function errorNodeCount(parser: CppParser, text: string): number {
  const tree = parser.parse(text);
  try {
    return tree.rootNode.descendantsOfType('ERROR').length;
  } finally {
    tree.delete();
  }
}

/** ERROR or MISSING nodes anywhere. */
function hasParseError(parser: CppParser, text: string): boolean {
  const tree = parser.parse(text);
  try {
    return tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

/** Writes `text` to `dir/name` and returns mingw-w64's errors ('' when it compiles). */
function compileIn(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return mingwSyntaxCheck(file);
}

export interface CompileCase {
  name: string;
  /** A whole C file that compiles with mingw-w64 as it is. */
  code: string;
  /** Which edit to apply: the fix of every finding, or suggestion `suggestion` of finding `finding`. */
  apply: { fix: true } | { finding: number; suggestion: number };
  /** The exact text after the edit (written by hand). */
  output: string;
  /** Findings of the rule left after the edit (default none). */
  remaining?: number;
  options?: unknown[];
}

export function checkFixesCompile(
  ruleId: string,
  rule: RuleModule,
  cases: CompileCase[],
  serviceProviders: readonly ServiceProvider[] = [],
): void {
  describe(`${ruleId}: fixed files compile, parse and re-lint clean`, () => {
    const { parser, linter } = useLinter(ruleId, rule, serviceProviders);
    const mingw = hasMingw();
    const dir = mkdtempSync(join(tmpdir(), `${ruleId}-`));

    const lint = (code: string, options: unknown[] | undefined): LintMessage[] =>
      linter().lintText(code, '/virtual/module/installer.c', ruleConfig(ruleId, rule, options));

    cases.forEach((c, i) => {
      it(c.name, () => {
        if (mingw) expect(compileIn(dir, `case${i}-before.c`, c.code), 'the input compiles').toBe('');
        const messages = lint(c.code, c.options);
        let out: string;
        if ('fix' in c.apply) {
          const fixes = messages.flatMap((m) => (m.fix ? [m.fix] : []));
          expect(fixes.length, 'a fix').toBeGreaterThan(0);
          out = applyFixes(c.code, fixes).output;
        } else {
          const s = messages[c.apply.finding]?.suggestions?.[c.apply.suggestion];
          expect(s, 'the suggestion').toBeDefined();
          out = applyFixes(c.code, [s!.fix]).output;
        }
        expect(out).toBe(c.output);
        expect(errorNodeCount(parser(), out), 'no new ERROR nodes').toBeLessThanOrEqual(errorNodeCount(parser(), c.code));
        expect(lint(out, c.options).length, 'findings after the edit').toBe(c.remaining ?? 0);
        if (mingw) expect(compileIn(dir, `case${i}-after.c`, out), 'the fixed file compiles').toBe('');
      });
    });
  });
}

/** A fixture file, the fixture that holds the text after the edit, and which edit: the first finding's fix or first suggestion. */
export type FixtureFix = [input: string, expected: string, how: 'fix' | 'suggestion'];

export interface FixedModulesOptions {
  /** RuleTester cases: every one with a string output (and not starting with a comment) is checked. */
  invalid: InvalidCase[];
  fixturesDir: string;
  fixtures: FixtureFix[];
  serviceProviders: readonly ServiceProvider[];
}

export function checkFixedModules(ruleId: string, rule: RuleModule, options: FixedModulesOptions): void {
  const { invalid, fixturesDir, fixtures, serviceProviders } = options;
  const fixture = (name: string) => readFileSync(join(fixturesDir, name), 'utf8');

  describe(`${ruleId}: fixed files parse, re-lint clean and compile`, () => {
    const { parser, linter } = useLinter(ruleId, rule, serviceProviders);
    const config = ruleConfig(ruleId, rule);

    // The fixes of the inline cases: lint the module, apply every fix, check the same three ways.
    invalid.forEach((c, n) => {
      if (typeof c.output !== 'string' || c.code.startsWith('/*')) return;
      it(`inline case ${n + 1} (${c.name ?? 'unnamed'}): the fixed file parses, re-lints without the finding and compiles`, () => {
        const name = c.filename ?? 'installer.c';
        const inputs = (text: string) => [
          { filePath: `/m/${name}`, text },
          ...Object.entries(c.moduleFiles ?? {}).map(([n2, t]) => ({ filePath: `/m/${n2}`, text: t, report: false })),
        ];
        const cfg = { ...config, settings: { ...defaultSettings(), ...c.settings } };
        const l = linter();
        const before = l.lintModule(inputs(c.code), () => cfg)[0].messages.filter((m) => m.ruleId === ruleId);
        const output = applyFixes(c.code, before.flatMap((m) => (m.fix ? [m.fix] : []))).output;
        expect(output).toBe(c.output);
        expect(hasParseError(parser(), output)).toBe(false);
        const after = l.lintModule(inputs(output), () => cfg)[0].messages.filter((m) => m.ruleId === ruleId);
        expect(after.length).toBeLessThan(before.length);
        if (hasMingw()) {
          const dir = mkdtempSync(join(tmpdir(), `${ruleId}-inline-`));
          expect(compileIn(dir, name, output), 'the fixed file compiles').toBe('');
        }
      });
    });

    for (const [input, expected, how] of fixtures) {
      it(`${input}: the ${how} gives ${expected}, which parses, re-lints clean and compiles`, () => {
        const lint = (text: string) => linter().lintText(text, '/m/installer.c', config);
        const code = fixture(input);
        const messages = lint(code);
        expect(messages).toHaveLength(1);
        const edit: Fix | undefined = how === 'fix' ? messages[0].fix : messages[0].suggestions?.[0].fix;
        expect(edit).toBeDefined();
        const output = applyFixes(code, [edit!]).output;
        expect(output).toBe(fixture(expected));
        expect(hasParseError(parser(), code)).toBe(false);
        expect(hasParseError(parser(), output)).toBe(false);
        expect(lint(output).filter((m) => m.ruleId === ruleId)).toEqual([]);
        if (hasMingw()) {
          const dir = mkdtempSync(join(tmpdir(), `${ruleId}-`));
          expect(compileIn(dir, input, code), 'the input compiles').toBe('');
          expect(compileIn(dir, expected, output), 'the fixed file compiles').toBe('');
        }
      });
    }
  });
}
