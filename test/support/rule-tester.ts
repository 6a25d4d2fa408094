/**
 * RuleTester for vitest, after ESLint's: declarative valid and invalid cases, messages checked
 * by id, data and exact positions, fix output after one pass, and suggestions with their output.
 * Every fix is also checked to parse without new ERROR nodes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, type ResolvedConfig } from '../../engine/config/resolved-config.js';
import { mergeOptions } from '../../engine/index.js';
import { applyFixes } from '../../engine/linter/apply-fixes.js';
import { Linter, type ServiceProvider } from '../../engine/linter/linter.js';
import type { LintMessage, RuleModule, SharedSettings } from '../../engine/linter/types.js';
import { CppParser, languageOfPath } from '../../engine/parsing/cpp-parser.js';
import { countParseProblems } from '../../engine/parsing/parse-problems.js';

export interface ValidCase {
  code: string;
  name?: string;
  options?: unknown[];
  settings?: Partial<SharedSettings>;
  /** Defaults to "installer.c". */
  filename?: string;
  /** Other files of the same module (relative names), read for the installer model only. */
  moduleFiles?: Record<string, string>;
}

export interface ExpectedSuggestion {
  desc?: string;
  messageId?: string;
  data?: Record<string, unknown>;
  output: string;
}

export interface ExpectedError {
  messageId?: string;
  message?: string | RegExp;
  data?: Record<string, unknown>;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  suggestions?: ExpectedSuggestion[] | null;
  /** Labels of the related locations (the call chain), in order. */
  related?: string[];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[] | number;
  /** The text after one pass of fixes; null when the rule must offer no fix. */
  output?: string | null;
}

export interface RuleTesterOptions {
  serviceProviders?: readonly ServiceProvider[];
  /** Check that every fix and suggestion parses with no more ERROR nodes than the input (default true). */
  checkFixesParse?: boolean;
}

export class RuleTester {
  constructor(private readonly options: RuleTesterOptions = {}) {}

  run(ruleId: string, rule: RuleModule, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }): void {
    let parser: CppParser | undefined;
    // one linter for the run: it keeps only the dispatch queries it compiled, freed after the run
    let linter: Linter | undefined;
    const lint = (c: ValidCase, text = c.code) => {
      const filename = c.filename ?? 'installer.c';
      const root = '/virtual/module/';
      const config = configFor(ruleId, rule, c);
      const inputs = [
        { filePath: root + filename, text },
        ...Object.entries(c.moduleFiles ?? {}).map(([name, t]) => ({ filePath: root + name, text: t, report: false })),
      ];
      return linter!.lintModule(inputs, () => config)[0].messages;
    };
    const errorCount = (text: string, filename = 'installer.c') => {
      if (languageOfPath(filename) !== 'cpp') return 0;
      const tree = parser!.parse(text);
      try {
        return countParseProblems(tree.rootNode);
      } finally {
        tree.delete();
      }
    };
    const checkParses = this.options.checkFixesParse !== false;

    describe(ruleId, () => {
      beforeAll(async () => {
        parser = await CppParser.create();
        linter = new Linter({ rules: new Map([[ruleId, rule]]), parser, serviceProviders: this.options.serviceProviders });
      });
      afterAll(() => {
        linter?.dispose();
        parser?.delete();
      });

      describe('valid', () => {
        cases.valid.forEach((raw, i) => {
          const c = typeof raw === 'string' ? { code: raw } : raw;
          it(c.name ?? `valid #${i + 1}: ${firstLine(c.code)}`, () => {
            const messages = lint(c);
            expect(messages.map(describeMessage)).toEqual([]);
          });
        });
      });

      describe('invalid', () => {
        cases.invalid.forEach((c, i) => {
          it(c.name ?? `invalid #${i + 1}: ${firstLine(c.code)}`, () => {
            const messages = lint(c);
            const fatal = messages.filter((m) => m.fatal);
            expect(fatal.map((m) => m.message)).toEqual([]);
            const expected = typeof c.errors === 'number' ? c.errors : c.errors.length;
            expect(messages.map(describeMessage), 'number of findings').toHaveLength(expected);
            if (Array.isArray(c.errors)) {
              c.errors.forEach((e, j) => checkError(rule, messages[j], e, c, j));
            }
            const fixes = messages.flatMap((m) => (m.fix ? [m.fix] : []));
            if (c.output === undefined) {
              expect(fixes, 'the rule fixed the code: give the expected `output`').toHaveLength(0);
            } else if (c.output === null) {
              expect(fixes, 'expected no fix').toHaveLength(0);
            } else {
              expect(fixes.length, 'expected a fix').toBeGreaterThan(0);
              const output = applyFixes(c.code, fixes).output;
              expect(output).toBe(c.output);
              if (checkParses) expect(errorCount(output, c.filename)).toBeLessThanOrEqual(errorCount(c.code, c.filename));
            }
            if (checkParses) {
              for (const m of messages) {
                for (const s of m.suggestions ?? []) {
                  const out = applyFixes(c.code, [s.fix]).output;
                  expect(errorCount(out, c.filename), `suggestion "${s.desc}" parses`).toBeLessThanOrEqual(
                    errorCount(c.code, c.filename),
                  );
                }
              }
            }
          });
        });
      });
    });
  }
}

function checkError(rule: RuleModule, m: LintMessage, e: ExpectedError, c: InvalidCase, j: number): void {
  const where = `finding ${j + 1}`;
  if (e.messageId !== undefined) expect(m.messageId, `${where} messageId`).toBe(e.messageId);
  if (e.message instanceof RegExp) expect(m.message, `${where} message`).toMatch(e.message);
  else if (e.message !== undefined) expect(m.message, `${where} message`).toBe(e.message);
  if (e.data !== undefined && e.messageId !== undefined) {
    const template = rule.meta.messages[e.messageId];
    const rendered = template.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (w, k: string) => (k in e.data! ? String(e.data![k]) : w));
    expect(m.message, `${where} message with data`).toBe(rendered);
  }
  if (e.line !== undefined) expect(m.line, `${where} line`).toBe(e.line);
  if (e.column !== undefined) expect(m.column, `${where} column`).toBe(e.column);
  if (e.endLine !== undefined) expect(m.endLine, `${where} endLine`).toBe(e.endLine);
  if (e.endColumn !== undefined) expect(m.endColumn, `${where} endColumn`).toBe(e.endColumn);
  if (e.related !== undefined) expect((m.related ?? []).map((r) => r.message), `${where} related`).toEqual(e.related);
  if (e.suggestions === null) expect(m.suggestions ?? [], `${where} suggestions`).toEqual([]);
  else if (e.suggestions !== undefined) {
    const got = m.suggestions ?? [];
    expect(got.length, `${where} number of suggestions`).toBe(e.suggestions.length);
    e.suggestions.forEach((s, k) => {
      if (s.desc !== undefined) expect(got[k].desc).toBe(s.desc);
      if (s.messageId !== undefined) expect(got[k].messageId).toBe(s.messageId);
      expect(applyFixes(c.code, [got[k].fix]).output, `${where} suggestion ${k + 1} output`).toBe(s.output);
    });
  }
}

function configFor(ruleId: string, rule: RuleModule, c: ValidCase): ResolvedConfig {
  const defaults = rule.meta.defaultOptions ?? [];
  const options = mergeOptions(defaults, c.options ?? []);
  return {
    filePath: null,
    rules: { [ruleId]: { severity: 2, options } },
    settings: { ...defaultSettings(), ...c.settings },
    ignores: [],
    reportUnusedDisableDirectives: 0,
  };
}

function describeMessage(m: LintMessage): string {
  return `${m.line}:${m.column} ${m.ruleId ?? ''} ${m.message}`;
}

function firstLine(code: string): string {
  const line = code.trim().split(/\r?\n/)[0];
  return line.length > 60 ? line.slice(0, 57) + '...' : line;
}
