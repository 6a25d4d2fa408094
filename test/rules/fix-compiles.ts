/**
 * The third check of every fix and suggestion: the fixed C file compiles with mingw-w64
 * (`-fsyntax-only`), parses with no new ERROR nodes, and re-lints without the finding.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../rules/config/resolved-config.js';
import { applyFixes } from '../../rules/engine/apply-fixes.js';
import { Linter, type ServiceProvider } from '../../rules/engine/linter.js';
import type { LintMessage, RuleModule } from '../../rules/engine/types.js';
import { CppParser } from '../../rules/parsing/cpp-parser.js';
import { hasMingw, mingwSyntaxCheck } from '../support/mingw.js';

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
    let parser: CppParser;
    const mingw = hasMingw();
    const dir = mkdtempSync(join(tmpdir(), `${ruleId}-`));
    beforeAll(async () => {
      parser = await CppParser.create();
    });
    afterAll(() => parser.delete());

    const lint = (code: string, options: unknown[] | undefined): LintMessage[] => {
      const linter = new Linter({ rules: new Map([[ruleId, rule]]), parser, serviceProviders });
      const config = {
        filePath: null,
        rules: { [ruleId]: { severity: 2 as const, options: options ?? rule.meta.defaultOptions ?? [] } },
        settings: defaultSettings(),
        ignores: [],
        reportUnusedDisableDirectives: 0 as const,
      };
      return linter.lintText(code, '/virtual/module/installer.c', config);
    };
    const errors = (code: string) => {
      const tree = parser.parse(code);
      try {
        return tree.rootNode.descendantsOfType('ERROR').length;
      } finally {
        tree.delete();
      }
    };

    cases.forEach((c, i) => {
      it(c.name, () => {
        const source = join(dir, `case${i}-before.c`);
        writeFileSync(source, c.code);
        if (mingw) expect(mingwSyntaxCheck(source), 'the input compiles').toBe('');
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
        expect(errors(out), 'no new ERROR nodes').toBeLessThanOrEqual(errors(c.code));
        expect(lint(out, c.options).length, 'findings after the edit').toBe(c.remaining ?? 0);
        const fixed = join(dir, `case${i}-after.c`);
        writeFileSync(fixed, out);
        if (mingw) expect(mingwSyntaxCheck(fixed), 'the fixed file compiles').toBe('');
      });
    });
  });
}
