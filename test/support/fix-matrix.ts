/**
 * A fix or suggestion checked as a reviewer would, in C and C++ and with LF, CRLF and lone-CR line
 * ends: the edit gives the text written by hand (lines joined with the case's line end), the
 * result re-lints without that finding and with no new finding of the rule, applying the fixes
 * again changes nothing (idempotent), and mingw-w64 compiles it (gcc for C, g++ for C++; skipped,
 * saying so, where absent) when the case is a compilable unit.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, type ResolvedConfig } from '../../engine/config/resolved-config.js';
import { applyFixes } from '../../engine/linter/apply-fixes.js';
import { Linter, type ServiceProvider } from '../../engine/linter/linter.js';
import type { Fix, LintMessage, RuleModule } from '../../engine/linter/types.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { hasMingw, mingwSyntaxCheck } from './mingw.js';

export interface MatrixCase {
  name: string;
  /** The file's lines (joined with each line end of the matrix). */
  code: string[];
  /** Which finding (index among the rule's findings) and which edit: its fix, or suggestion n. */
  finding?: number;
  edit: 'fix' | { suggestion: number };
  /** The lines after the edit, written by hand; null: that finding must have no such edit. */
  output: string[] | null;
  /** The title (Fix.desc or the suggestion's desc) when the host sets it. */
  title?: string;
  /** Findings of the rule after the edit (default: one fewer than before). */
  remaining?: number;
  /** Other files of the module: read for the model, not linted. */
  moduleFiles?: Record<string, string>;
  /** Only C (`.c`) or only C++ (`.cpp`); default both. */
  languages?: ('c' | 'cpp')[];
  /** Not a whole translation unit: skip the compiler. */
  noCompile?: boolean;
}

const EOLS: [string, string][] = [
  ['LF', '\n'],
  ['CRLF', '\r\n'],
  ['CR', '\r'],
];

export function checkFixMatrix(ruleId: string, rule: RuleModule, serviceProviders: readonly ServiceProvider[], cases: MatrixCase[]): void {
  describe(`${ruleId}: fixes and suggestions in C and C++, LF, CRLF and CR`, () => {
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
    const config: ResolvedConfig = {
      filePath: null,
      rules: { [ruleId]: { severity: 2, options: rule.meta.defaultOptions ?? [] } },
      settings: defaultSettings(),
      ignores: [],
      reportUnusedDisableDirectives: 0,
    };
    const dir = mkdtempSync(join(tmpdir(), `${ruleId}-matrix-`));
    let n = 0;

    for (const c of cases) {
      for (const language of c.languages ?? ['c', 'cpp']) {
        for (const [eolName, eol] of EOLS) {
          it(`${c.name} (${language}, ${eolName})`, () => {
            const file = `installer.${language}`;
            const lint = (text: string): LintMessage[] =>
              linter!
                .lintModule(
                  [
                    { filePath: `/m/${file}`, text },
                    ...Object.entries(c.moduleFiles ?? {}).map(([name, t]) => ({ filePath: `/m/${name}`, text: t.replace(/\r?\n/g, eol), report: false })),
                  ],
                  () => config,
                )[0]
                .messages.filter((m) => m.ruleId === ruleId || m.fatal);
            const code = c.code.join(eol);
            const before = lint(code);
            expect(before.filter((m) => m.fatal).map((m) => m.message)).toEqual([]);
            const finding = before[c.finding ?? 0];
            expect(finding, 'the finding').toBeDefined();
            const edit: Fix | undefined = c.edit === 'fix' ? finding.fix : finding.suggestions?.[c.edit.suggestion]?.fix;
            if (c.output === null) {
              expect(edit, 'no such edit').toBeUndefined();
              return;
            }
            expect(edit, 'the edit').toBeDefined();
            const title = c.edit === 'fix' ? finding.fix?.desc : finding.suggestions?.[c.edit.suggestion]?.desc;
            if (c.title !== undefined && title !== undefined) expect(title).toBe(c.title);
            const output = applyFixes(code, [edit!]).output;
            expect(output).toBe(c.output.join(eol));
            const after = lint(output);
            expect(after.length, 'findings after the edit').toBe(c.remaining ?? before.length - 1);
            // no new finding: every finding after the edit was there before (same message)
            const messages = new Set(before.map((m) => m.message));
            expect(after.filter((m) => !messages.has(m.message)).map((m) => m.message), 'new findings').toEqual([]);
            // idempotent: the fixes left (if any) do not edit again what the edit wrote
            const again = applyFixes(output, after.flatMap((m) => (m.fix ? [m.fix] : []))).output;
            if (c.edit === 'fix') expect(again).toBe(output);
            if (!c.noCompile && eol === '\n' && hasMingw(language === 'cpp' ? 'c++' : 'c')) {
              const path = join(dir, `case${n++}.${language}`);
              writeFileSync(path, output);
              expect(mingwSyntaxCheck(path, language === 'cpp' ? 'c++' : 'c'), 'the result compiles').toBe('');
            }
          });
        }
      }
    }
  });
}
